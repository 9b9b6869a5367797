// Test helper (not a test file): a real diary chain and an export document made from it,
// with every kind of entry an export can meet.

import type { RevisionContentV1 } from '../../../src/core/evidence';
import { chainHead, contentKey } from '../../../src/core/evidence';
import type { ExportDocumentV1, ExportEntry, ExportRevision, OmittableField } from '../../../src/core/export/exportDocument';
import type { Incident } from '../../../src/core/model/incident';
import { anIncident } from '../../support/incidentFactories';
import { DiaryBuilder } from '../evidence/diaryBuilder';

/** The same blanking the export builder does for left-out fields. */
export function blank(value: Incident, omit: readonly OmittableField[]): Incident {
  const copy = structuredClone(value);
  for (const field of omit) {
    if (field === 'witnesses') copy.witnesses = [];
    else if (field === 'reported') copy.reported = { reported: false };
    else if (field === 'effect') copy.effect = { howItFelt: '', whatItChanged: '' };
    else if (field === 'told') {
      if (copy.told !== undefined) copy.told = [];
    } else if (field === 'privateNotes') {
      if (copy.privateNotes !== undefined) copy.privateNotes = '';
    } else copy[field] = '';
  }
  return copy;
}

export interface SampleExport {
  diary: DiaryBuilder;
  document: ExportDocumentV1;
}

/**
 * The diary, in chain order:
 *   0 A#1  1 B#1  2 A#2  3 C#1  4 D#1  5 B#2 (tombstone)  6 C#2  7 E#1
 * Exported: A complete (two versions), C partial (two versions, where and witnesses left
 * out), E complete. Left out: B (deleted) and D (redacted), present as links only.
 */
export async function sampleExport(): Promise<SampleExport> {
  const diary = new DiaryBuilder();
  await diary.save('entry-a', anIncident({ whatHappened: 'Car outside again' }));
  await diary.tick().save('entry-b', anIncident({ whatHappened: 'Missed calls' }));
  await diary.tick().save('entry-a', anIncident({ whatHappened: 'Car outside again, grey Ford' }));
  await diary.tick().save('entry-c', anIncident({ whatHappened: 'Flowers on the doorstep', where: 'Home' }));
  await diary.tick().save('entry-d', anIncident({ whatHappened: 'Something left out of this export' }));
  await diary.tick().remove('entry-b');
  await diary.tick().save('entry-c', anIncident({ whatHappened: 'Flowers on the doorstep, no card', where: 'Home' }));
  await diary.tick().save('entry-e', anIncident({ whatHappened: 'Message to my sister', behaviours: ['contact-via-others'] }));

  const omit: OmittableField[] = ['where', 'witnesses'];
  const revisionsOf = (entryId: string, partial: boolean): ExportRevision[] =>
    diary.links
      .filter((link) => link.entryId === entryId && link.kind === 'revision')
      .map((link) => {
        const content = diary.contents.get(contentKey(entryId, link.revision)) as RevisionContentV1<Incident>;
        const { revision, recordedAt } = link;
        return partial
          ? { revision, recordedAt, kind: 'partial', incident: blank(content.body, omit), omittedFields: omit }
          : { revision, recordedAt, kind: 'complete', content: structuredClone(content) };
      });
  const entries: ExportEntry[] = [
    { id: 'entry-a', revisions: revisionsOf('entry-a', false) },
    { id: 'entry-c', revisions: revisionsOf('entry-c', true) },
    { id: 'entry-e', revisions: revisionsOf('entry-e', false) },
  ];
  const document: ExportDocumentV1 = {
    format: 'daybook-export',
    version: 1,
    generatedAt: '2025-04-01T12:00:00.000Z',
    scope: {
      from: '2025-01-01',
      to: '2025-03-31',
      behaviours: [],
      pickedIncidents: true,
      omittedFields: [],
      attachmentsIncluded: false,
      checklistsIncluded: true,
    },
    chain: { links: structuredClone(diary.links), head: chainHead(diary.links) },
    entries,
    checklists: [
      {
        id: 'check-1',
        savedAt: '2025-03-20T18:00:00.000Z',
        answers: {
          behaviours: ['following'],
          occasions: 'many',
          duration: 'months',
          fixation: [],
          effects: ['alarm-or-distress'],
          risks: [],
        },
        outcome: ['course-of-conduct', 'police-decide'],
      },
    ],
  };
  return { diary, document };
}
