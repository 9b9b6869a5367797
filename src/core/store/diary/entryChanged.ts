/**
 * An edit or deletion made from a version of an entry that is no longer its newest: another tab
 * or window changed or deleted it first. Nothing is written, so no one's change silently
 * replaces another's; the screen keeps what was typed.
 */
export class EntryChangedError extends Error {
  readonly code = 'entry-changed';
  constructor(readonly entryId: string) {
    super('The entry was changed elsewhere since it was opened');
    this.name = 'EntryChangedError';
  }
}
