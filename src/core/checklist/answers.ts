// Changing and reading answers. Everything passes through parseAnswers, so answers are always
// known ids in display order: equal choices look equal, and a saved or imported result can
// never smuggle in something the screens do not know how to show.

import {
  CHECKLIST_STEPS,
  EMPTY_ANSWERS,
  OPTIONS,
  type ChecklistAnswers,
  type MultiField,
  type SingleField,
  type StepId,
} from './questions';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The known options of a list, in display order, each once; anything else is dropped. */
function knownList<T extends string>(allowed: readonly T[], value: unknown): T[] {
  if (!Array.isArray(value)) return [];
  return allowed.filter((option) => value.includes(option));
}

function knownChoice<T extends string>(allowed: readonly T[], value: unknown): T | null {
  return allowed.find((option) => option === value) ?? null;
}

/** Answers from anything (a stored record, a future import): unknown values are left out. */
export function parseAnswers(value: unknown): ChecklistAnswers {
  if (!isRecord(value)) return EMPTY_ANSWERS;
  return {
    behaviours: knownList(OPTIONS.behaviours, value.behaviours),
    occasions: knownChoice(OPTIONS.occasions, value.occasions),
    duration: knownChoice(OPTIONS.duration, value.duration),
    fixation: knownList(OPTIONS.fixation, value.fixation),
    effects: knownList(OPTIONS.effects, value.effects),
    risks: knownList(OPTIONS.risks, value.risks),
  };
}

/** Ticks or unticks one option of a multiple-choice question. */
export function withTicked(answers: ChecklistAnswers, field: MultiField, option: string, ticked: boolean): ChecklistAnswers {
  const current: readonly string[] = answers[field];
  const next = ticked ? [...current, option] : current.filter((o) => o !== option);
  return parseAnswers({ ...answers, [field]: next });
}

/** Picks one option of a single-choice question; null (or anything unknown) means "not sure". */
export function withChoice(answers: ChecklistAnswers, field: SingleField, option: string | null): ChecklistAnswers {
  return parseAnswers({ ...answers, [field]: option });
}

/** Skipping a step leaves its questions unanswered, even if they had been filled in before. */
export function withStepCleared(answers: ChecklistAnswers, step: StepId): ChecklistAnswers {
  const definition = CHECKLIST_STEPS.find((s) => s.id === step);
  if (!definition) return answers;
  let next = answers;
  for (const question of definition.questions) {
    next = question.kind === 'multi' ? parseAnswers({ ...next, [question.field]: [] }) : withChoice(next, question.field, null);
  }
  return next;
}

/** True when nothing at all has been answered. */
export function isUnanswered(answers: ChecklistAnswers): boolean {
  return (
    answers.behaviours.length === 0 &&
    answers.occasions === null &&
    answers.duration === null &&
    answers.fixation.length === 0 &&
    answers.effects.length === 0 &&
    answers.risks.length === 0
  );
}
