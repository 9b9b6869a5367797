// Private notes go into an export only when the person ticks them in (effectiveOmit in
// core/export/exportDocument.ts). Left out, that is Daybook's default, not the sender's choice, so
// the viewer never lists them among the details the sender left out, and never says whether there are any.

import type { OmittableField } from '../../core/export/exportDocument';

/** Every field but private notes: those the viewer may name as left out by the sender. */
export function notPrivateNotes(field: OmittableField): boolean {
  return field !== 'privateNotes';
}

/** Whether the file leaves private notes out (as every export does unless they were ticked in). */
export function privateNotesLeftOut(scope: { omittedFields: readonly OmittableField[] }): boolean {
  return scope.omittedFields.includes('privateNotes');
}
