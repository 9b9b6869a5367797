// Test helper (not a test file): diary entries as the repository's snapshot gives them.

import type { Incident } from '../../../src/core/model/incident';
import { emptyIncident } from '../../../src/core/model/incident';
import type { DiaryEntry } from '../../../src/core/store/diaryRepository';

let counter = 0;

/** An incident with the given fields over a blank one that happened on 2026-03-10 at 12:00. */
export function incident(fields: Partial<Incident> = {}): Incident {
  return { ...emptyIncident(new Date(2026, 2, 10, 12, 0)), ...fields };
}

export function entry(fields: Partial<Incident> = {}, options: Partial<Omit<DiaryEntry, 'incident'>> = {}): DiaryEntry {
  counter += 1;
  const recorded = options.firstRecordedAt ?? '2026-03-10T12:00:00.000Z';
  return {
    id: options.id ?? `entry-${String(counter).padStart(6, '0')}`,
    incident: incident(fields),
    firstRecordedAt: recorded,
    lastRecordedAt: options.lastRecordedAt ?? recorded,
    revisions: options.revisions ?? 1,
  };
}
