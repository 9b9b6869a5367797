// What the result screen explains, decided by a table. The outcome is a set of explanation
// blocks, never a verdict or a score: Daybook does not tell anyone whether they are being
// stalked. Police decide which it is; the blocks say what police and the law look at.

import { isUnanswered } from './answers';
import type { ChecklistAnswers } from './questions';

export const OUTCOME_IDS = [
  'risk-signs',
  'no-answers',
  'single-occasion',
  'course-of-conduct',
  'fixation-signs',
  'effects',
  'police-decide',
  'next-steps',
] as const;

export type OutcomeId = (typeof OUTCOME_IDS)[number];

export interface ChecklistOutcome {
  /** The blocks to show, in display order: warning signs first, next steps last. */
  readonly blocks: readonly OutcomeId[];
}

interface OutcomeRule {
  readonly id: OutcomeId;
  readonly applies: (answers: ChecklistAnswers) => boolean;
}

const always = () => true;

/**
 * One row per block, in display order. A block shows when its row applies; several can.
 * Violence towards the person brings the danger prompt too, even without a ticked warning sign.
 */
export const OUTCOME_TABLE: readonly OutcomeRule[] = [
  { id: 'risk-signs', applies: (a) => a.risks.length > 0 || a.behaviours.includes('violence') },
  { id: 'no-answers', applies: isUnanswered },
  { id: 'single-occasion', applies: (a) => a.occasions === 'once' },
  { id: 'course-of-conduct', applies: (a) => a.occasions === 'two-or-three' || a.occasions === 'many' },
  { id: 'fixation-signs', applies: (a) => a.fixation.length > 0 },
  { id: 'effects', applies: (a) => a.effects.length > 0 },
  { id: 'police-decide', applies: always },
  { id: 'next-steps', applies: always },
];

export function assessChecklist(answers: ChecklistAnswers): ChecklistOutcome {
  return { blocks: OUTCOME_TABLE.filter((row) => row.applies(answers)).map((row) => row.id) };
}

export function isOutcomeId(value: unknown): value is OutcomeId {
  return (OUTCOME_IDS as readonly unknown[]).includes(value);
}
