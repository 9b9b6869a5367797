// The one refusal of an incident that Daybook could not read back. A module of its own, with
// nothing but the error, so code that only needs to recognise it (set-up's restore messages)
// does not load the validation.

import { CodedError } from '../errors/codedError';
import type { IncidentIssue } from './incidentParse';

/**
 * Which rule an incident breaks, as the person is told: text longer than Daybook keeps, or
 * anything else it cannot hold (a field of the wrong kind, an unknown behaviour, a bad date...).
 */
export type IncidentRule = 'too-long' | 'not-valid';

/** 'too-long' when any text is over its limit (the fix is to shorten it), else 'not-valid'. */
export function ruleOf(issues: readonly IncidentIssue[]): IncidentRule {
  return issues.some((issue) => issue.code === 'too-long') ? 'too-long' : 'not-valid';
}

/**
 * Refused before anything was encrypted or written: the incident (or a stored revision's content)
 * is not one parseIncident accepts, so saving it would save something Daybook could not read back.
 * `code` is the rule for the person; `issues` name each field and what is wrong, never its text.
 */
export class InvalidIncidentError extends CodedError<IncidentRule> {
  readonly issues: readonly IncidentIssue[];
  /** For a revision brought in from a file: the entry it belongs to. */
  readonly entryId?: string;

  constructor(issues: readonly IncidentIssue[], where: { entryId?: string } = {}) {
    const list = issues.map((issue) => `${issue.path} ${issue.code}`).join(', ');
    super(ruleOf(issues), 'InvalidIncidentError', `Incident refused: ${list}`);
    this.issues = issues;
    if (where.entryId !== undefined) this.entryId = where.entryId;
  }
}
