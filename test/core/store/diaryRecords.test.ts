// DiaryRecords.apply: a write's rows placed by seq, and a chain read with a gap placed by search.

import { describe, expect, it } from 'vitest';
import type { ChainLink } from '../../../src/core/evidence';
import { DiaryRecords } from '../../../src/core/store/diary/queries';
import type { RevisionRecord } from '../../../src/core/store/diary/types';
import { aQuickIncident } from '../../support/incidentFactories';

/** A record at `seq` of entry `entryId` (links are not checked here: only placement is). */
function record(seq: number, entryId: string, kind: 'revision' | 'tombstone' = 'revision', revision = 1): RevisionRecord {
  const link = { v: 2, seq, entryId, revision, kind, recordedAt: '2026-11-22T10:00:00.000Z' } as unknown as ChainLink;
  if (kind === 'tombstone') return { link, content: null };
  return { link, content: { v: 1, salt: 'ab'.repeat(16), body: aQuickIncident({ whatHappened: `text of ${entryId}` }) } } as RevisionRecord;
}

const emptied = (r: RevisionRecord): RevisionRecord => ({ link: r.link, content: null });

describe('taking a write into memory', () => {
  it('replaces a rewritten row in place and appends new links, in a chain laid out by seq', () => {
    const records = new DiaryRecords();
    const rows = [record(0, 'a'), record(1, 'b'), record(2, 'c')];
    records.replace(rows);
    const before = records.all();
    records.apply({ rows: [emptied(rows[1] as RevisionRecord), record(3, 'b', 'tombstone', 2)], appended: 1, end: { size: 4, head: '' } });
    expect(records.all().map((r) => [r.link.seq, r.content === null])).toEqual([
      [0, false],
      [1, true],
      [2, false],
      [3, true],
    ]);
    // A list handed out before never changes under its holder.
    expect(before.map((r) => r.link.seq)).toEqual([0, 1, 2]);
    expect(before[1]?.content).not.toBeNull();
    expect(records.history('b').map((r) => [r.link.seq, r.content === null])).toEqual([
      [1, true],
      [3, true],
    ]);
  });

  it('in a chain read with a row missing, a deletion of the last record erases it, never duplicates it', () => {
    const records = new DiaryRecords();
    // Seq 3 is gone (removed by someone with access to the database): seq 4 sits at index 3.
    const rows = [record(0, 'a'), record(1, 'b'), record(2, 'c'), record(4, 'd')];
    records.replace(rows);
    records.apply({ rows: [emptied(rows[3] as RevisionRecord), record(5, 'd', 'tombstone', 2)], appended: 1, end: { size: 5, head: '' } });
    expect(records.all().map((r) => r.link.seq)).toEqual([0, 1, 2, 4, 5]);
    expect(records.all().filter((r) => r.content !== null && JSON.stringify(r.content).includes('text of d'))).toEqual([]);
    expect(records.history('d').map((r) => [r.link.seq, r.content === null])).toEqual([
      [4, true],
      [5, true],
    ]);
    expect(records.snapshot().entries.map((e) => e.id)).toEqual(expect.not.arrayContaining(['d']));
  });
});

describe('rows that skip a seq', () => {
  it('are placed by search, and every record stays reachable', () => {
    const records = new DiaryRecords();
    records.replace([record(0, 'a'), record(1, 'b')]);
    // Seq 2 never came: rows from elsewhere that skip it.
    records.apply({ rows: [record(3, 'c'), record(4, 'd')], appended: 2, end: { size: 5, head: '' } });
    expect(records.all().map((r) => r.link.seq)).toEqual([0, 1, 3, 4]);
    expect(
      records
        .snapshot()
        .entries.map((e) => e.id)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd']);
    expect(records.history('d').map((r) => r.link.seq)).toEqual([4]);
  });
});
