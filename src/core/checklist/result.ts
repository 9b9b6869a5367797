// A saved checklist result: the answers, the outcome blocks shown, and when it was saved. It
// is stored encrypted (see store/checklistStore.ts) and will be part of exports.

import { parseAnswers } from './answers';
import { assessChecklist, isOutcomeId, type OutcomeId } from './outcome';
import type { ChecklistAnswers } from './questions';

export interface SavedChecklistResult {
  readonly id: string;
  /** When it was saved, an ISO 8601 timestamp. */
  readonly savedAt: string;
  readonly answers: ChecklistAnswers;
  readonly outcome: readonly OutcomeId[];
}

/** A result for these answers, with the outcome as it is now assessed. */
export function makeResult(id: string, answers: ChecklistAnswers, savedAt: Date): SavedChecklistResult {
  return { id, savedAt: savedAt.toISOString(), answers, outcome: assessChecklist(answers).blocks };
}

function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

/** A saved result from anything read back (or imported later); null if it is not one. */
export function parseSavedResult(value: unknown): SavedChecklistResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, savedAt, answers, outcome } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0 || id.length > 256 || !isIsoTimestamp(savedAt) || !Array.isArray(outcome)) return null;
  return { id, savedAt, answers: parseAnswers(answers), outcome: outcome.filter(isOutcomeId) };
}

/** Newest first. */
export function byNewest(a: SavedChecklistResult, b: SavedChecklistResult): number {
  return a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0;
}
