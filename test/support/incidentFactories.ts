// Test helper (not a test file): incidents and diary entries for tests, written once. Each takes the fields a test
// cares about over the top, so a test says only what matters to it.

import { isOrderBody, type EntryBody } from '../../src/core/model/entryBody';
import type { Incident } from '../../src/core/model/incident';
import { emptyIncident } from '../../src/core/model/incident';
import type { DiaryEntry } from '../../src/core/store/diaryRepository';

/** 10 March 2026 at 12:00 on the device's own clock. */
const QUICK_MOMENT = new Date(2026, 2, 10, 12, 0);

/**
 * An incident as the quick log saves it: it happened at `happened` (by the device's clock) and
 * nothing else is filled in, then `fields` over the top.
 */
export function aQuickIncident(fields: Partial<Incident> = {}, happened: Date = QUICK_MOMENT): Incident {
  return { ...emptyIncident(happened), ...fields };
}

/** As aQuickIncident, happening at noon (by the device's clock) on `date`, "YYYY-MM-DD". */
export function aQuickIncidentOn(date: string, fields: Partial<Incident> = {}): Incident {
  return aQuickIncident(fields, new Date(`${date}T12:00:00`));
}

/** Every field filled in, as parseIncident returns it (canonical behaviour order, no empty optionals). */
export function anIncident(fields: Partial<Incident> = {}): Incident {
  return {
    when: { kind: 'exact', date: '2025-03-14', time: '22:10' },
    where: 'Outside my flat, Station Road',
    whatHappened: 'The grey Ford was parked opposite again.',
    behaviours: ['turning-up', 'loitering'],
    whoDidIt: 'My ex-partner',
    witnesses: [{ name: 'Mrs Patel', contact: 'Flat 3' }],
    evidenceElsewhere: "Neighbour's doorbell camera",
    attachments: [{ id: 'att-1', name: 'IMG_2041.HEIC', type: 'image/heic', size: 2_345_678, sha256: 'ab'.repeat(32) }],
    reported: { reported: true, policeReference: '43/12345/25', officer: 'PC 1234 Jones' },
    effect: { howItFelt: 'Scared to go out', whatItChanged: 'A friend walks me to work' },
    ...fields,
  };
}

let entries = 0;

/**
 * A diary entry as the repository's snapshot gives it, holding `incident`: recorded once, on
 * 10 March 2026 at 12:00 UTC, with a new id each time, unless `options` say otherwise.
 */
export function aDiaryEntry(incident: Incident = aQuickIncident(), options: Partial<Omit<DiaryEntry, 'incident'>> = {}): DiaryEntry {
  entries += 1;
  const recorded = options.firstRecordedAt ?? '2026-03-10T12:00:00.000Z';
  return {
    id: options.id ?? `entry-${String(entries).padStart(6, '0')}`,
    incident,
    firstRecordedAt: recorded,
    lastRecordedAt: options.lastRecordedAt ?? recorded,
    revisions: options.revisions ?? 1,
  };
}

/** An entry body read as the incident it is in these tests (undefined stays undefined); throws on an order. */
export function asIncident(body: EntryBody): Incident;
export function asIncident(body: EntryBody | undefined): Incident | undefined;
export function asIncident(body: EntryBody | undefined): Incident | undefined {
  if (body !== undefined && isOrderBody(body)) throw new Error('expected an incident, found an order');
  return body;
}

/** The incident as a version written before issue 16 holds it: none of the later fields (as version 1 content always is). */
export function withoutLaterFields(incident: Incident): Incident {
  const rest: Incident = { ...incident };
  delete rest.breaches;
  delete rest.told;
  delete rest.privateNotes;
  return rest;
}
