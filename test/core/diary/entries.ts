// Test helper (not a test file): diary entries as the repository's snapshot gives them.

import type { Incident } from '../../../src/core/model/incident';
import type { DiaryEntry } from '../../../src/core/store/diaryRepository';
import { aQuickIncident } from '../../support/incidentFactories';

let counter = 0;

export function entry(fields: Partial<Incident> = {}, options: Partial<Omit<DiaryEntry, 'incident'>> = {}): DiaryEntry {
  counter += 1;
  const recorded = options.firstRecordedAt ?? '2026-03-10T12:00:00.000Z';
  return {
    id: options.id ?? `entry-${String(counter).padStart(6, '0')}`,
    incident: aQuickIncident(fields),
    firstRecordedAt: recorded,
    lastRecordedAt: options.lastRecordedAt ?? recorded,
    revisions: options.revisions ?? 1,
  };
}
