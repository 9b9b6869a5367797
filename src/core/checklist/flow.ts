// Moving through the checklist: a start page, one step per theme, then the outcome. A pure
// reducer, so Back, Skip and Next behave the same everywhere and are tested without a screen.

import { withStepCleared } from './answers';
import { CHECKLIST_STEPS, EMPTY_ANSWERS, type ChecklistAnswers } from './questions';

export type ChecklistStage = { readonly kind: 'start' } | { readonly kind: 'step'; readonly index: number } | { readonly kind: 'outcome' };

/** Where the answers came from: typed in, pre-filled from the diary, or a saved result reopened. */
export type AnswersOrigin =
  { readonly kind: 'blank' } | { readonly kind: 'diary' } | { readonly kind: 'saved'; readonly id: string; readonly savedAt: string };

export interface ChecklistFlow {
  readonly stage: ChecklistStage;
  readonly answers: ChecklistAnswers;
  readonly origin: AnswersOrigin;
}

export type FlowAction =
  | { readonly type: 'start'; readonly answers?: ChecklistAnswers; readonly fromDiary?: boolean }
  | { readonly type: 'answer'; readonly answers: ChecklistAnswers }
  | { readonly type: 'next' }
  | { readonly type: 'skip' }
  | { readonly type: 'back' }
  | { readonly type: 'change' }
  | { readonly type: 'show-saved'; readonly id: string; readonly savedAt: string; readonly answers: ChecklistAnswers }
  | { readonly type: 'saved'; readonly id: string; readonly savedAt: string }
  | { readonly type: 'restart' };

export const STEP_COUNT = CHECKLIST_STEPS.length;

export const INITIAL_FLOW: ChecklistFlow = { stage: { kind: 'start' }, answers: EMPTY_ANSWERS, origin: { kind: 'blank' } };

function after(index: number): ChecklistStage {
  return index + 1 < STEP_COUNT ? { kind: 'step', index: index + 1 } : { kind: 'outcome' };
}

/** Answers are kept in canonical order (see parseAnswers), so their JSON compares them. */
function sameAnswers(a: ChecklistAnswers, b: ChecklistAnswers): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function checklistFlow(flow: ChecklistFlow, action: FlowAction): ChecklistFlow {
  const { stage } = flow;
  switch (action.type) {
    case 'start':
      return {
        stage: { kind: 'step', index: 0 },
        answers: action.answers ?? EMPTY_ANSWERS,
        origin: action.fromDiary ? { kind: 'diary' } : { kind: 'blank' },
      };
    case 'answer':
      if (sameAnswers(flow.answers, action.answers)) return flow;
      // A changed answer is no longer the result that was saved.
      return { ...flow, answers: action.answers, origin: flow.origin.kind === 'saved' ? { kind: 'blank' } : flow.origin };
    case 'next':
      return stage.kind === 'step' ? { ...flow, stage: after(stage.index) } : flow;
    case 'skip': {
      if (stage.kind !== 'step') return flow;
      const step = CHECKLIST_STEPS[stage.index];
      const answers = step ? withStepCleared(flow.answers, step.id) : flow.answers;
      return checklistFlow({ ...flow, stage: after(stage.index) }, { type: 'answer', answers });
    }
    case 'back':
      if (stage.kind === 'outcome') return { ...flow, stage: { kind: 'step', index: STEP_COUNT - 1 } };
      if (stage.kind === 'step') return { ...flow, stage: stage.index > 0 ? { kind: 'step', index: stage.index - 1 } : { kind: 'start' } };
      return flow;
    case 'change':
      // Back to the first question, answers kept.
      return { ...flow, stage: { kind: 'step', index: 0 } };
    case 'show-saved':
      return { stage: { kind: 'outcome' }, answers: action.answers, origin: { kind: 'saved', id: action.id, savedAt: action.savedAt } };
    case 'saved':
      return { ...flow, origin: { kind: 'saved', id: action.id, savedAt: action.savedAt } };
    case 'restart':
      return INITIAL_FLOW;
  }
}
