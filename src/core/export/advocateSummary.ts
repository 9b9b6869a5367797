// The advocate's summary: how many of the incidents in a report or package record each of the
// facts an advocate asks about, and which ones, so each count can lead to the entries behind it.
// It only counts what the document itself shows: a fact read from a field that was left out of
// an entry is neither counted nor called absent for that entry, but named as left out (the log
// marks the same field "left out" on that entry, so this says nothing the report withholds).
// It never scores, ranks or weighs anything: every fact is a plain count of recorded data.

import type { Behaviour } from '../model/behaviours';
import { isCalendarDate, type IsoDate } from '../model/calendarDate';
import type { Incident, IncidentWhen } from '../model/incident';
import { omittedFieldsOf, revisionIncident, type ExportDocument, type OmittableField } from './exportDocument';

/**
 * The facts, in the order the summary lists them: being sought out in person first, then
 * contact through others, threats, damage and violence, then watching and tracking, then the
 * kinds of direct contact, then what the person did and holds (police, witnesses, files).
 */
const BEHAVIOUR_FACTS = [
  'turning-up',
  'loitering',
  'following',
  'contact-via-others',
  'threats',
  'property-damage',
  'violence',
  'monitoring',
  'tracking',
  'gifts-or-items',
  'posting-or-impersonating',
  'contact-phone',
  'contact-text',
  'contact-email',
  'contact-social',
  'other',
] as const satisfies readonly Behaviour[];

export const SUMMARY_FACTS = [...BEHAVIOUR_FACTS, 'reported-to-police', 'witnesses-named', 'files-attached'] as const;

export type SummaryFactId = (typeof SUMMARY_FACTS)[number];

/**
 * At most this many entries are named (each a link) under one fact; the rest are counted ("and
 * 20 more"), so a package of many thousand entries stays quick to show and a page to print.
 */
export const MAX_ENTRY_LINKS = 50;

/** The entries a fact names (at most MAX_ENTRY_LINKS, in log order), and how many more it counts. */
export function namedEntries(fact: { readonly entries: readonly SummaryEntryRef[] }): { shown: SummaryEntryRef[]; more: number } {
  const shown = fact.entries.slice(0, MAX_ENTRY_LINKS);
  return { shown, more: fact.entries.length - shown.length };
}

/** An entry as the document numbers it: its id, and its place (from 1) in the log. */
export interface SummaryEntryRef {
  id: string;
  number: number;
}

export interface SummaryFact {
  fact: SummaryFactId;
  /** The entries whose shown content records this fact, in log order; the count is its length. */
  entries: SummaryEntryRef[];
  /** Entries where the field this fact is read from was left out: not counted either way. */
  leftOut: SummaryEntryRef[];
}

export interface AdvocateSummary {
  /** How many incidents the document holds. */
  incidents: number;
  /** The earliest and latest dates the incidents record (exact, "from", "to" or "since" dates). */
  firstDate?: IsoDate;
  lastDate?: IsoDate;
  /** Entries that record no date at all (for example "last winter"): outside the span above. */
  undated: SummaryEntryRef[];
  /** Every fact, in SUMMARY_FACTS order, those no entry records included (with no entries). */
  facts: SummaryFact[];
}

/** The field a fact is read from, when that field can be left out of an export. */
const FACT_FIELD: Partial<Record<SummaryFactId, OmittableField>> = {
  'reported-to-police': 'reported',
  'witnesses-named': 'witnesses',
};

function records(incident: Incident, fact: SummaryFactId): boolean {
  switch (fact) {
    case 'reported-to-police':
      return incident.reported.reported;
    case 'witnesses-named':
      // As the report prints them: a witness with neither a name nor a contact is not shown.
      return incident.witnesses.some((w) => w.name.trim() !== '' || w.contact.trim() !== '');
    case 'files-attached':
      return incident.attachments.length > 0;
    default:
      return incident.behaviours.includes(fact);
  }
}

/** The dates the person recorded for when it happened (none for an undated "last winter"). */
function recordedDates(when: IncidentWhen): IsoDate[] {
  const dates = when.kind === 'exact' ? [when.date] : when.kind === 'approximate' ? [when.from, when.to] : [when.since];
  return dates.filter((date): date is IsoDate => isCalendarDate(date));
}

/**
 * The summary of the document's entries as its report shows them: each entry's latest version,
 * with the fields left out of the export (`scope.omittedFields`) or of that version blanked.
 */
export function advocateSummary(document: Pick<ExportDocument, 'entries' | 'scope'>): AdvocateSummary {
  const facts: SummaryFact[] = SUMMARY_FACTS.map((fact) => ({ fact, entries: [], leftOut: [] }));
  const undated: SummaryEntryRef[] = [];
  let firstDate: IsoDate | undefined;
  let lastDate: IsoDate | undefined;
  document.entries.forEach((entry, index) => {
    const latest = entry.revisions.at(-1);
    if (!latest) return;
    const ref: SummaryEntryRef = { id: entry.id, number: index + 1 };
    const incident = revisionIncident(latest);
    const omitted = new Set<OmittableField>([...document.scope.omittedFields, ...omittedFieldsOf(latest)]);
    for (const fact of facts) {
      const field = FACT_FIELD[fact.fact];
      if (field !== undefined && omitted.has(field)) fact.leftOut.push(ref);
      else if (records(incident, fact.fact)) fact.entries.push(ref);
    }
    const dates = recordedDates(incident.when);
    if (dates.length === 0) undated.push(ref);
    for (const date of dates) {
      if (firstDate === undefined || date < firstDate) firstDate = date;
      if (lastDate === undefined || date > lastDate) lastDate = date;
    }
  });
  return {
    incidents: document.entries.length,
    ...(firstDate !== undefined && { firstDate }),
    ...(lastDate !== undefined && { lastDate }),
    undated,
    facts,
  };
}
