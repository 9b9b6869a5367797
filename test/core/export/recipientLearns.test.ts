import { describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import type { ExportSelection } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { recipientLearns } from '../../../src/core/export/recipientLearns';
import { anIncident } from '../../support/incidentFactories';
import { DiaryBuilder } from '../evidence/diaryBuilder';
import { builderSource, CHOSEN, GENERATED, mixedDiary, sharedFingerprints } from './exportFixtureV2';

// The mixed diary (see exportFixtureV2.ts): 8 links; A, C and E chosen (links 0, 2, 3, 6, 7).

describe('recipientLearns', () => {
  it('says what an export of some incidents reveals of the rest, before it is made', async () => {
    const diary = await mixedDiary();
    const fingerprints = await sharedFingerprints(diary);
    const source = builderSource(diary, CHOSEN, [
      ...fingerprints,
      { size: 12, root: 'a'.repeat(64), sharedAt: '2025-05-01T00:00:00.000Z' },
    ]);
    const learns = recipientLearns(source, { omitFields: ['where', 'where'] });
    expect(learns).toEqual({
      totalLinks: 8,
      exportedLinks: 5,
      earlierFingerprints: [
        { size: 2, sharedAt: '2025-03-01T09:00:00.000Z' },
        { size: 5, sharedAt: '2025-03-02T09:00:00.000Z' },
      ],
      leavesEntriesOut: true,
      orders: 0,
      omittedFields: ['where', 'privateNotes'],
    });
    // Exactly what the export then carries.
    const document = await buildExportDocument(source, { ...EMPTY_SELECTION, omitFields: ['where'] }, GENERATED);
    expect(document.chain.size).toBe(learns.totalLinks);
    expect(document.chain.links).toHaveLength(learns.exportedLinks);
    expect(document.chain.earlier.map(({ size, sharedAt }) => ({ size, sharedAt }))).toEqual(learns.earlierFingerprints);
    // Of the records left out, no time: C#2's clock note (after the tombstone of B, left out) is
    // its kind alone.
    const text = JSON.stringify(document);
    const exported = new Set(document.chain.links.map((link) => link.seq));
    const shownTimes = new Set(document.chain.links.map((link) => link.recordedAt));
    for (const link of diary.links) {
      if (exported.has(link.seq) || shownTimes.has(link.recordedAt)) continue;
      expect(text).not.toContain(link.recordedAt);
      expect(text).not.toContain(link.entryId);
    }
    for (const link of document.chain.links) if (link.clock) expect(link.clock).toEqual({ kind: link.clock.kind });
  });

  it('leaves entries out unless every link of the diary goes out', async () => {
    const diary = await mixedDiary();
    // Every entry, the deleted one too (its versions are not held, so its links do not go out).
    const all = recipientLearns(builderSource(diary, ['entry-a', 'entry-b', 'entry-c', 'entry-d', 'entry-e']), EMPTY_SELECTION);
    expect(all).toMatchObject({ totalLinks: 8, exportedLinks: 6, leavesEntriesOut: true });
    const live = recipientLearns(builderSource(diary, ['entry-a', 'entry-c', 'entry-d', 'entry-e']), EMPTY_SELECTION);
    expect(live.leavesEntriesOut).toBe(true);
    const whole = new DiaryBuilder({ version: 2 });
    await whole.save('entry-x', anIncident());
    await whole.tick().save('entry-y', anIncident());
    await whole.tick().save('entry-x', anIncident({ whatHappened: 'Edited' }));
    expect(recipientLearns(builderSource(whole, ['entry-y', 'entry-x']), EMPTY_SELECTION)).toMatchObject({
      totalLinks: 3,
      exportedLinks: 3,
      leavesEntriesOut: false,
    });
    expect(recipientLearns(builderSource(whole, ['entry-x']), EMPTY_SELECTION).leavesEntriesOut).toBe(true);
    const nothing = recipientLearns({ links: [], entries: [], history: () => [], fingerprints: [] }, EMPTY_SELECTION);
    expect(nothing).toEqual({
      totalLinks: 0,
      exportedLinks: 0,
      earlierFingerprints: [],
      leavesEntriesOut: false,
      orders: 0,
      omittedFields: ['privateNotes'],
    });
  });

  it('counts the links of the orders that go out with the incidents, exactly as the export carries them', async () => {
    const diary = new DiaryBuilder({ version: 2 });
    const order = {
      type: 'order' as const,
      kind: 'spo' as const,
      title: '',
      court: '',
      attachments: [],
      conditions: [{ id: 'c1', text: 'No contact' }],
    };
    await diary.save('order-1', order);
    await diary.tick().save('entry-x', anIncident({ breaches: [{ orderId: 'order-1', conditionId: 'c1' }], told: [], privateNotes: '' }));
    await diary.tick().save('entry-y', anIncident());
    const cases: [ExportSelection, number][] = [
      [{ ...EMPTY_SELECTION, includeOrders: false, entryIds: ['entry-x'] }, 2],
      [{ ...EMPTY_SELECTION, includeOrders: false, entryIds: ['entry-y'] }, 1],
      [{ ...EMPTY_SELECTION, includeOrders: true, entryIds: ['entry-y'] }, 2],
    ];
    for (const [selection, exported] of cases) {
      const source = builderSource(diary, selection.entryIds);
      const learns = recipientLearns(source, selection);
      expect(learns.exportedLinks).toBe(exported);
      const document = await buildExportDocument(source, selection, GENERATED);
      expect(document.chain.links).toHaveLength(learns.exportedLinks);
    }
  });
});
