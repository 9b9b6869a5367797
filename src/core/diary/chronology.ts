// Incidents per week over the whole diary (or over what a report holds): the numbers behind the
// chronology chart on screen and on the PDF cover. It counts; it judges nothing (no trend, no
// risk), so every figure it gives can be checked against the incidents themselves.
//
// How an incident is placed:
// - by the date given for when it happened, never by when it was written down (that would be a claim about
//   when it happened that the person did not make);
// - exact: its date; approximate: the first date it gives ("between" or "not before" date, else
//   its "not after" date); ongoing: the date it started. Those not exact are counted in
//   `roughDates` (per week and overall) so the screen and the PDF can say so;
// - no date at all (an approximate "last winter", an ongoing incident without a start): counted
//   apart in `undated`, never in a week.
// Weeks are ISO weeks: Monday to Sunday, by calendar date (no time zones: the dates are as typed).

import { BEHAVIOURS, type Behaviour } from '../model/behaviours';
import { dayNumber, type IsoDate } from '../model/calendarDate';
import type { Incident, IncidentWhen } from '../model/incident';

/**
 * Things marked above a week's bar. A later kind (a breach of an order's condition) is one more
 * entry here and in MARKER_TESTS: every week and total then carries its count.
 */
export const MARKER_KINDS = ['police-report', 'breach'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

const MARKER_TESTS: Record<MarkerKind, (incident: Incident) => boolean> = {
  'police-report': (incident) => incident.reported.reported,
  // Marked by the person as breaching a condition of an order (issue 16).
  breach: (incident) => (incident.breaches?.length ?? 0) > 0,
};

/**
 * Behaviours drawn together in the chart, so a week stays readable with sixteen behaviours: an
 * incident counts once in each group that holds one of its behaviours. The table keeps every behaviour.
 */
export const BEHAVIOUR_GROUPS = {
  presence: ['following', 'turning-up', 'loitering'],
  contact: ['contact-phone', 'contact-text', 'contact-email', 'contact-social', 'contact-via-others'],
  watching: ['monitoring', 'tracking'],
  harm: ['threats', 'property-damage', 'violence'],
  other: ['gifts-or-items', 'posting-or-impersonating', 'other'],
} as const satisfies Record<string, readonly Behaviour[]>;

/** Each group, and 'none' for incidents with no behaviour ticked, in the order the chart draws them. */
export const CHART_GROUPS = [...(Object.keys(BEHAVIOUR_GROUPS) as (keyof typeof BEHAVIOUR_GROUPS)[]), 'none'] as const;
export type ChartGroup = (typeof CHART_GROUPS)[number];

const GROUP_OF = new Map<Behaviour, ChartGroup>(
  Object.entries(BEHAVIOUR_GROUPS).flatMap(([group, behaviours]) => behaviours.map((b) => [b, group as ChartGroup] as const)),
);

/** Beyond this many weeks (about 100 years, surely a mistyped year) empty weeks are left out rather than listed. */
export const MAX_WEEKS = 5_218;

export interface ChronologyCounts {
  /** Incidents (each once, however many behaviours it has). */
  incidents: number;
  /** Incidents with each behaviour: one with several counts under each. */
  behaviours: Record<Behaviour, number>;
  /** Incidents with no behaviour ticked. */
  noBehaviour: number;
  /** Incidents with any behaviour of each group ('none': no behaviour ticked). */
  groups: Record<ChartGroup, number>;
  /** Incidents marked, by kind (police reports: `reported.reported`; breaches: any `breaches`). */
  markers: Record<MarkerKind, number>;
  /** Incidents placed by the first date of a rough range or the start of something ongoing. */
  roughDates: number;
}

export interface ChronologyWeek extends ChronologyCounts {
  /** The Monday. */
  start: IsoDate;
  /** The Sunday. */
  end: IsoDate;
}

export interface Chronology {
  /** Every week from the first incident's to the last one's, in order (empty ones too, unless `complete` is false). */
  weeks: ChronologyWeek[];
  /** The same counts over every dated incident. */
  totals: ChronologyCounts;
  /** Incidents with no date at all, in no week. */
  undated: number;
  /** False only when the span passes MAX_WEEKS: then weeks without incidents are left out. */
  complete: boolean;
  /** The most incidents in any one week (0 when there are none). */
  busiestWeek: number;
}

/** What an incident is placed by, or null when it gives no date (see the top of this file). */
export function chronologyDate(when: IncidentWhen): { date: IsoDate; rough: boolean } | null {
  if (when.kind === 'exact') return { date: when.date, rough: false };
  const date = when.kind === 'approximate' ? (when.from ?? when.to) : when.since;
  return date === undefined ? null : { date, rough: true };
}

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of the Monday of that day's week. 1970-01-01 was a Thursday. */
function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

function isoDateOf(day: number): IsoDate {
  const date = new Date(day * DAY_MS);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return `${year}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

function emptyCounts(): ChronologyCounts {
  return {
    incidents: 0,
    behaviours: Object.fromEntries(BEHAVIOURS.map((b) => [b, 0])) as Record<Behaviour, number>,
    noBehaviour: 0,
    groups: Object.fromEntries(CHART_GROUPS.map((g) => [g, 0])) as Record<ChartGroup, number>,
    markers: Object.fromEntries(MARKER_KINDS.map((m) => [m, 0])) as Record<MarkerKind, number>,
    roughDates: 0,
  };
}

function emptyWeek(monday: number): ChronologyWeek {
  return { start: isoDateOf(monday), end: isoDateOf(monday + 6), ...emptyCounts() };
}

function add(counts: ChronologyCounts, incident: Incident, rough: boolean): void {
  counts.incidents += 1;
  if (rough) counts.roughDates += 1;
  // Each behaviour and group once per incident, whatever a hostile import repeated.
  const behaviours = new Set(incident.behaviours);
  const groups = new Set<ChartGroup>();
  for (const behaviour of behaviours) {
    if (!Object.hasOwn(counts.behaviours, behaviour)) continue;
    counts.behaviours[behaviour] += 1;
    const group = GROUP_OF.get(behaviour);
    if (group) groups.add(group);
  }
  if (groups.size === 0) {
    counts.noBehaviour += 1;
    groups.add('none');
  }
  for (const group of groups) counts.groups[group] += 1;
  for (const kind of MARKER_KINDS) if (MARKER_TESTS[kind](incident)) counts.markers[kind] += 1;
}

/** The weekly counts of these incidents. Linear in incidents plus weeks; input order does not matter. */
export function buildChronology(incidents: Iterable<Incident>): Chronology {
  const byMonday = new Map<number, ChronologyWeek>();
  const totals = emptyCounts();
  let undated = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const incident of incidents) {
    const placed = chronologyDate(incident.when);
    const day = placed === null ? null : dayNumber(placed.date);
    if (placed === null || day === null) {
      undated += 1;
      continue;
    }
    const monday = mondayOf(day);
    let week = byMonday.get(monday);
    if (!week) {
      week = emptyWeek(monday);
      byMonday.set(monday, week);
    }
    add(week, incident, placed.rough);
    add(totals, incident, placed.rough);
    if (monday < first) first = monday;
    if (monday > last) last = monday;
  }
  const weeks: ChronologyWeek[] = [];
  const span = byMonday.size === 0 ? 0 : (last - first) / 7 + 1;
  const complete = span <= MAX_WEEKS;
  if (complete) {
    for (let monday = first; monday <= last; monday += 7) weeks.push(byMonday.get(monday) ?? emptyWeek(monday));
  } else {
    weeks.push(...[...byMonday.entries()].sort(([a], [b]) => a - b).map(([, week]) => week));
  }
  const busiestWeek = weeks.reduce((most, week) => Math.max(most, week.incidents), 0);
  return { weeks, totals, undated, complete, busiestWeek };
}

/** Behaviours any incident counted has, in display order (the table's columns). */
export function behavioursPresent(chronology: Chronology): Behaviour[] {
  return BEHAVIOURS.filter((b) => chronology.totals.behaviours[b] > 0);
}

/** Groups any incident counted has, in chart order (the chart's rows). */
export function groupsPresent(chronology: Chronology): ChartGroup[] {
  return CHART_GROUPS.filter((g) => chronology.totals.groups[g] > 0);
}

/** The first week of each month (by its Monday): where the chart puts a date under its axis. */
export function monthStarts(weeks: readonly ChronologyWeek[]): number[] {
  const starts: number[] = [];
  let month = '';
  weeks.forEach((week, index) => {
    const current = week.start.slice(0, 7);
    if (current !== month) starts.push(index);
    month = current;
  });
  return starts;
}
