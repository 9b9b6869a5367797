// What changed between two revisions of an incident, field by field, so the detail screen
// can show each edit plainly ("Where: the park → the station").

import { orderedBehaviours, type Behaviour } from '../model/behaviours';
import type { AttachmentRef, BreachRef, Incident, IncidentWhen, ToldSomeone, Witness } from '../model/incident';
import { fieldText, INCIDENT_FIELDS, type TextField } from '../model/incidentFields';

// Screens still import it from here; its home is the model.
export { orderedBehaviours };

export type FieldChange =
  | { field: 'when'; before: IncidentWhen; after: IncidentWhen }
  | { field: TextField; before: string; after: string }
  | { field: 'behaviours'; added: Behaviour[]; removed: Behaviour[] }
  | { field: 'witnesses'; added: Witness[]; removed: Witness[] }
  | { field: 'attachments'; added: AttachmentRef[]; removed: AttachmentRef[] }
  | { field: 'reported'; before: boolean; after: boolean }
  | { field: 'breaches'; added: BreachRef[]; removed: BreachRef[] }
  | { field: 'told'; added: ToldSomeone[]; removed: ToldSomeone[] };

/** Text longer than this, or on several lines, is shown as "changed" with before/after on request. */
export const SHORT_TEXT_LIMIT = 80;

export function isLongText(text: string): boolean {
  return text.length > SHORT_TEXT_LIMIT || /[\r\n]/.test(text);
}

/** A fixed spelling of a "when", so absent and undefined optional parts compare equal. */
function whenKey(when: IncidentWhen): string {
  switch (when.kind) {
    case 'exact':
      return JSON.stringify([when.kind, when.date, when.time ?? ''].map(String));
    case 'approximate':
      return JSON.stringify([when.kind, when.description, when.from ?? '', when.to ?? '']);
    case 'ongoing':
      return JSON.stringify([when.kind, when.since ?? '']);
  }
}

/** Items in `a` not matched one-for-one in `b` (a multiset difference, keeping a's order). */
function missingFrom<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): T[] {
  const left = new Map<string, number>();
  for (const item of b) left.set(key(item), (left.get(key(item)) ?? 0) + 1);
  return a.filter((item) => {
    const n = left.get(key(item)) ?? 0;
    if (n > 0) left.set(key(item), n - 1);
    return n === 0;
  });
}

const witnessKey = (w: Witness) => JSON.stringify([w.name, w.contact]);
const attachmentKey = (a: AttachmentRef) => JSON.stringify([a.id, a.sha256]);
const breachKey = (b: BreachRef) => JSON.stringify([b.orderId, b.conditionId]);
const toldKey = (t: ToldSomeone) => JSON.stringify([t.who, t.how, t.date ?? '', t.time ?? '']);

/** The fields that differ from `before` to `after`, in display order; [] when nothing changed. */
export function diffIncidents(before: Incident, after: Incident): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of INCIDENT_FIELDS) {
    switch (field) {
      case 'when':
        if (whenKey(before.when) !== whenKey(after.when)) changes.push({ field, before: before.when, after: after.when });
        break;
      case 'behaviours': {
        const was = new Set(before.behaviours);
        const now = new Set(after.behaviours);
        const added = orderedBehaviours([...now].filter((b) => !was.has(b)));
        const removed = orderedBehaviours([...was].filter((b) => !now.has(b)));
        if (added.length || removed.length) changes.push({ field, added, removed });
        break;
      }
      case 'witnesses': {
        const added = missingFrom(after.witnesses, before.witnesses, witnessKey);
        const removed = missingFrom(before.witnesses, after.witnesses, witnessKey);
        if (added.length || removed.length) changes.push({ field, added, removed });
        break;
      }
      case 'attachments': {
        const added = missingFrom(after.attachments, before.attachments, attachmentKey);
        const removed = missingFrom(before.attachments, after.attachments, attachmentKey);
        if (added.length || removed.length) changes.push({ field, added, removed });
        break;
      }
      // A version from before issue 16 has none of these: it reads as empty, so the first save
      // since then shows no change unless something was really added.
      case 'breaches': {
        const added = missingFrom(after.breaches ?? [], before.breaches ?? [], breachKey);
        const removed = missingFrom(before.breaches ?? [], after.breaches ?? [], breachKey);
        if (added.length || removed.length) changes.push({ field, added, removed });
        break;
      }
      case 'told': {
        const added = missingFrom(after.told ?? [], before.told ?? [], toldKey);
        const removed = missingFrom(before.told ?? [], after.told ?? [], toldKey);
        if (added.length || removed.length) changes.push({ field, added, removed });
        break;
      }
      case 'reported':
        if (before.reported.reported !== after.reported.reported) {
          changes.push({ field, before: before.reported.reported, after: after.reported.reported });
        }
        break;
      default: {
        const was = fieldText(before, field);
        const now = fieldText(after, field);
        if (was !== now) changes.push({ field, before: was, after: now });
      }
    }
  }
  return changes;
}
