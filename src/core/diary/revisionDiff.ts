// What changed between two revisions of an incident, field by field, so the detail screen
// can show each edit plainly ("Where: the park → the station").

import type { Behaviour } from '../model/behaviours';
import { BEHAVIOURS } from '../model/behaviours';
import type { AttachmentRef, Incident, IncidentWhen, Witness } from '../model/incident';

/** Free-text fields, in the order the incident shows them. */
export const TEXT_FIELDS = [
  'where',
  'whatHappened',
  'whoDidIt',
  'evidenceElsewhere',
  'policeReference',
  'officer',
  'howItFelt',
  'whatItChanged',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Every field a change can name, in display order. */
export const INCIDENT_FIELDS = [
  'when',
  'where',
  'whatHappened',
  'behaviours',
  'whoDidIt',
  'witnesses',
  'evidenceElsewhere',
  'attachments',
  'reported',
  'policeReference',
  'officer',
  'howItFelt',
  'whatItChanged',
] as const;
export type IncidentField = (typeof INCIDENT_FIELDS)[number];

export type FieldChange =
  | { field: 'when'; before: IncidentWhen; after: IncidentWhen }
  | { field: TextField; before: string; after: string }
  | { field: 'behaviours'; added: Behaviour[]; removed: Behaviour[] }
  | { field: 'witnesses'; added: Witness[]; removed: Witness[] }
  | { field: 'attachments'; added: AttachmentRef[]; removed: AttachmentRef[] }
  | { field: 'reported'; before: boolean; after: boolean };

/** Text longer than this, or on several lines, is shown as "changed" with before/after on request. */
export const SHORT_TEXT_LIMIT = 80;

export function isLongText(text: string): boolean {
  return text.length > SHORT_TEXT_LIMIT || /[\r\n]/.test(text);
}

function textOf(incident: Incident, field: TextField): string {
  switch (field) {
    case 'policeReference':
      return incident.reported.policeReference ?? '';
    case 'officer':
      return incident.reported.officer ?? '';
    case 'howItFelt':
      return incident.effect.howItFelt;
    case 'whatItChanged':
      return incident.effect.whatItChanged;
    default:
      return incident[field];
  }
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
const byBehaviourOrder = (a: Behaviour, b: Behaviour) => BEHAVIOURS.indexOf(a) - BEHAVIOURS.indexOf(b);

/** Behaviours in the order the app lists them, whatever order they were saved in, once each. */
export function orderedBehaviours(behaviours: readonly Behaviour[]): Behaviour[] {
  return [...new Set(behaviours)].sort(byBehaviourOrder);
}

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
        const added = [...now].filter((b) => !was.has(b)).sort(byBehaviourOrder);
        const removed = [...was].filter((b) => !now.has(b)).sort(byBehaviourOrder);
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
      case 'reported':
        if (before.reported.reported !== after.reported.reported) {
          changes.push({ field, before: before.reported.reported, after: after.reported.reported });
        }
        break;
      default: {
        const was = textOf(before, field);
        const now = textOf(after, field);
        if (was !== now) changes.push({ field, before: was, after: now });
      }
    }
  }
  return changes;
}
