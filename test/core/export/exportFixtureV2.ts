// Test helper (not a test file): a diary written partly before version 2 and partly after, and
// version 2 exports of it made by buildExportDocument, as the app makes them.

import { contentKey, prefixRoots, type ChainLink, type RevisionContent } from '../../../src/core/evidence';
import { buildExportDocument, type ExportSource } from '../../../src/core/export/buildExportDocument';
import type { ExportDocumentV2, ExportSelection, OmittableField, SharedFingerprint } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import type { NotHeldPart } from '../../../src/core/export/setAside';
import type { Incident } from '../../../src/core/model/incident';
import type { RevisionRecord } from '../../../src/core/store/diaryRepository';
import { aDiaryEntry, anIncident, asIncident } from '../../support/incidentFactories';
import { DiaryBuilder } from '../evidence/diaryBuilder';

export const GENERATED = new Date('2025-04-01T12:00:00.000Z');

/** A DiaryBuilder's history of one entry, as the diary gives it (content null once deleted). */
export function builderHistory(diary: DiaryBuilder, entryId: string): RevisionRecord[] {
  return diary.links
    .filter((link) => link.entryId === entryId)
    .map((link) => ({
      link,
      content:
        link.kind === 'revision'
          ? ((diary.contents.get(contentKey(entryId, link.revision)) as RevisionContent<Incident> | undefined) ?? null)
          : null,
    }));
}

/** An export source over a DiaryBuilder's chain, with `entryIds` chosen (in that order). */
export function builderSource(diary: DiaryBuilder, entryIds: readonly string[], fingerprints: SharedFingerprint[] = []): ExportSource {
  return {
    links: diary.links,
    entries: entryIds.map((id) => {
      const latest = builderHistory(diary, id).at(-1)?.content;
      return aDiaryEntry(asIncident(latest?.body), { id });
    }),
    history: (id) => builderHistory(diary, id),
    checklists: [],
    fingerprints,
  };
}

/** From now on the builder writes as the diary does since version 2. */
export function switchToVersion2(diary: DiaryBuilder): void {
  (diary as unknown as { version: 1 | 2 }).version = 2;
}

export const WITNESS = 'Mrs Patel';
export const LEFT_OUT_TEXT = 'Something left out of this export';

/**
 * The diary, in chain order:
 *   0 A#1  1 B#1  2 A#2            version 1 links and content (written before version 2)
 *   3 C#1  4 D#1  5 B#2 tombstone  6 C#2 (clock behind)  7 E#1 (clock a day ahead)   version 2
 * Exports choose A, C and E: B is deleted and D left out.
 */
export async function mixedDiary(): Promise<DiaryBuilder> {
  const diary = new DiaryBuilder();
  await diary.save('entry-a', anIncident({ whatHappened: 'Car outside again' }));
  await diary.tick().save('entry-b', anIncident({ whatHappened: 'Missed calls' }));
  await diary.tick().save('entry-a', anIncident({ whatHappened: 'Car outside again, grey Ford' }));
  switchToVersion2(diary);
  await diary.tick().save('entry-c', anIncident({ whatHappened: 'Flowers on the doorstep', where: 'Home' }));
  await diary.tick().save('entry-d', anIncident({ whatHappened: LEFT_OUT_TEXT, where: 'The shop' }));
  await diary.tick().remove('entry-b');
  // The device's clock went back an hour, then jumped two days ahead.
  await diary.tick(-3_600_000).save('entry-c', anIncident({ whatHappened: 'Flowers on the doorstep, no card', where: 'Home' }));
  await diary
    .tick(2 * 86_400_000)
    .save('entry-e', anIncident({ whatHappened: 'Message to my sister', behaviours: ['contact-via-others'] }));
  return diary;
}

export const CHOSEN = ['entry-a', 'entry-c', 'entry-e'];

/** Fingerprints shared at 2 and 5 links (the diary as it was then). */
export async function sharedFingerprints(diary: DiaryBuilder): Promise<SharedFingerprint[]> {
  const roots = await prefixRoots(diary.links.map((link: ChainLink) => link.hash));
  return [
    { size: 2, root: roots[1] ?? '', sharedAt: '2025-03-01T09:00:00.000Z' },
    { size: 5, root: roots[4] ?? '', sharedAt: '2025-03-02T09:00:00.000Z' },
  ];
}

export interface SampleV2 {
  diary: DiaryBuilder;
  document: ExportDocumentV2 & NotHeldPart;
}

/** A version 2 export of the mixed diary, with `omit` left out and both fingerprints proven. */
export async function sampleExportV2(omit: OmittableField[] = [], changes: Partial<ExportSelection> = {}): Promise<SampleV2> {
  const diary = await mixedDiary();
  const selection: ExportSelection = { ...EMPTY_SELECTION, includeAttachments: false, omitFields: omit, ...changes };
  const document = await buildExportDocument(builderSource(diary, CHOSEN, await sharedFingerprints(diary)), selection, GENERATED);
  return { diary, document };
}
