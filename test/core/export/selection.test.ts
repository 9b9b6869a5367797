import { describe, expect, it } from 'vitest';
import type { RevisionRecord, DiaryEntry } from '../../../src/core/store/diaryRepository';
import type { ExportSelection } from '../../../src/core/export/exportDocument';
import { attachmentsOf, EMPTY_SELECTION, selectEntries, summariseSelection } from '../../../src/core/export/selection';
import type { AttachmentRef, IncidentWhen } from '../../../src/core/model/incident';
import type { Behaviour } from '../../../src/core/model/behaviours';
import { aQuickIncident } from '../../support/incidentFactories';

const incident = (when: IncidentWhen, behaviours: Behaviour[] = ['loitering'], attachments: AttachmentRef[] = []) =>
  aQuickIncident({ when, whatHappened: 'x', behaviours, attachments });

/** Written down at midday UTC, so its local date is the same in any nearby time zone. */
function entry(id: string, when: IncidentWhen, options: { behaviours?: Behaviour[]; written?: string } = {}): DiaryEntry {
  const at = `${options.written ?? '2026-03-15'}T12:00:00.000Z`;
  return { id, incident: incident(when, options.behaviours), firstRecordedAt: at, lastRecordedAt: at, revisions: 1 };
}

const select = (entries: DiaryEntry[], changes: Partial<ExportSelection>) =>
  selectEntries(entries, { ...EMPTY_SELECTION, ...changes }).map((e) => e.id);

describe('selectEntries: date range', () => {
  const entries = [
    entry('exact-feb', { kind: 'exact', date: '2026-02-10', time: '09:00' }),
    entry('exact-mar-1', { kind: 'exact', date: '2026-03-01' }),
    entry('exact-mar-31', { kind: 'exact', date: '2026-03-31', time: '23:59' }),
    entry('exact-apr', { kind: 'exact', date: '2026-04-01' }),
    entry('approx-span', { kind: 'approximate', description: 'late Feb to early Mar', from: '2026-02-20', to: '2026-03-05' }),
    entry('approx-before', { kind: 'approximate', description: 'January', from: '2026-01-01', to: '2026-01-31' }),
    entry('approx-from-only', { kind: 'approximate', description: 'around 20 March', from: '2026-03-20' }),
    entry('approx-to-only', { kind: 'approximate', description: 'before 10 Feb', to: '2026-02-10' }),
    entry('approx-undated', { kind: 'approximate', description: 'some time' }, { written: '2026-03-12' }),
    entry('ongoing-since-jan', { kind: 'ongoing', since: '2026-01-05' }),
    entry('ongoing-since-may', { kind: 'ongoing', since: '2026-05-01' }),
    entry('ongoing-undated', { kind: 'ongoing' }, { written: '2026-04-20' }),
  ];

  it('takes every incident that may have happened within the range, bounds included', () => {
    expect(select(entries, { from: '2026-03-01', to: '2026-03-31' }).sort()).toEqual(
      ['approx-from-only', 'approx-span', 'approx-undated', 'exact-mar-1', 'exact-mar-31', 'ongoing-since-jan'].sort(),
    );
  });

  it('an approximate span overlapping either end of the range is taken', () => {
    expect(select(entries, { from: '2026-03-05', to: '2026-03-05' })).toContain('approx-span');
    expect(select(entries, { from: '2026-02-01', to: '2026-02-20' })).toContain('approx-span');
    expect(select(entries, { from: '2026-03-06', to: '2026-03-10' })).not.toContain('approx-span');
  });

  it('an ongoing incident reaches to the end of any range after it began, not before', () => {
    expect(select(entries, { from: '2030-01-01', to: '2030-12-31' })).toEqual([
      'ongoing-since-jan',
      'ongoing-undated',
      'ongoing-since-may',
    ]);
    expect(select(entries, { to: '2026-04-30' })).not.toContain('ongoing-since-may');
    expect(select(entries, { to: '2026-04-19' })).not.toContain('ongoing-undated');
    expect(select(entries, { to: '2026-04-20' })).toContain('ongoing-undated');
  });

  it('an open end (absent or empty) does not restrict', () => {
    expect(select(entries, {})).toHaveLength(entries.length);
    expect(select(entries, { from: '', to: '' })).toHaveLength(entries.length);
    expect(select(entries, { from: '2026-04-01' }).sort()).toEqual(
      ['exact-apr', 'ongoing-since-jan', 'ongoing-since-may', 'ongoing-undated'].sort(),
    );
    expect(select(entries, { to: '2026-01-31' }).sort()).toEqual(['approx-before', 'ongoing-since-jan'].sort());
  });
});

describe('selectEntries: behaviours and picked incidents', () => {
  const entries = [
    entry('a', { kind: 'exact', date: '2026-03-01' }, { behaviours: ['following'] }),
    entry('b', { kind: 'exact', date: '2026-03-02' }, { behaviours: ['contact-phone', 'threats'] }),
    entry('c', { kind: 'exact', date: '2026-03-03' }, { behaviours: ['loitering'] }),
  ];

  it('takes incidents with any of the chosen behaviours', () => {
    expect(select(entries, { behaviours: ['threats', 'following'] })).toEqual(['a', 'b']);
    expect(select(entries, { behaviours: ['violence'] })).toEqual([]);
    expect(select(entries, { behaviours: [] })).toEqual(['a', 'b', 'c']);
  });

  it('takes only picked incidents, still filtered by the rest', () => {
    expect(select(entries, { entryIds: ['c', 'a'] })).toEqual(['a', 'c']);
    expect(select(entries, { entryIds: ['c', 'a'], behaviours: ['loitering'] })).toEqual(['c']);
    expect(select(entries, { entryIds: ['a'], from: '2026-03-02' })).toEqual([]);
    expect(select(entries, { entryIds: ['nope'] })).toEqual([]);
  });
});

describe('selectEntries: order', () => {
  it('lists incidents in the order they happened, oldest first, not the order written', () => {
    const entries = [
      entry('late', { kind: 'exact', date: '2026-03-10', time: '22:00' }, { written: '2026-03-01' }),
      entry('early-timed', { kind: 'exact', date: '2026-03-10', time: '08:30' }, { written: '2026-03-20' }),
      entry('untimed', { kind: 'exact', date: '2026-03-10' }, { written: '2026-03-25' }),
      entry('approx', { kind: 'approximate', description: 'start of March', from: '2026-03-02', to: '2026-03-04' }),
      entry('ongoing', { kind: 'ongoing', since: '2026-01-01' }),
      entry('first', { kind: 'exact', date: '2025-12-24', time: '23:00' }),
    ];
    expect(select(entries, {})).toEqual(['first', 'ongoing', 'approx', 'untimed', 'early-timed', 'late']);
  });

  it('breaks ties by when each was first written down', () => {
    const when: IncidentWhen = { kind: 'exact', date: '2026-03-10', time: '10:00' };
    const entries = [
      entry('second', when, { written: '2026-03-12' }),
      entry('third', when, { written: '2026-03-13' }),
      entry('first', when, { written: '2026-03-11' }),
    ];
    expect(select(entries, {})).toEqual(['first', 'second', 'third']);
  });

  it('does not reorder the list it was given', () => {
    const entries = [entry('b', { kind: 'exact', date: '2026-03-02' }), entry('a', { kind: 'exact', date: '2026-03-01' })];
    select(entries, {});
    expect(entries.map((e) => e.id)).toEqual(['b', 'a']);
  });
});

describe('attachments and the summary', () => {
  const ref = (id: string, size: number): AttachmentRef => ({ id, name: `${id}.jpg`, type: 'image/jpeg', size, sha256: 'a'.repeat(64) });
  const photo = ref('photo', 1000);
  const video = ref('video', 50_000);
  const audio = ref('audio', 300);
  const gone = ref('gone', 7);

  const record = (entryId: string, revision: number, attachments: AttachmentRef[] | null): RevisionRecord => ({
    link: {
      seq: 0,
      entryId,
      revision,
      kind: 'revision',
      recordedAt: '2026-03-01T12:00:00.000Z',
      contentHash: 'a'.repeat(64),
      prevHash: 'b'.repeat(64),
      hash: 'c'.repeat(64),
    },
    content:
      attachments === null
        ? null
        : { v: 1, salt: 'd'.repeat(32), body: incident({ kind: 'exact', date: '2026-03-01' }, ['loitering'], attachments) },
  });
  const histories: Record<string, RevisionRecord[]> = {
    // The photo was removed in the second version: it still goes out, once.
    a: [record('a', 1, [photo]), record('a', 2, [video]), record('a', 3, [video, photo])],
    b: [record('b', 1, [photo, audio])],
    // A version whose content was erased contributes nothing.
    c: [record('c', 1, null), record('c', 2, [])],
    d: [record('d', 1, [gone])],
  };
  const history = (id: string) => histories[id] ?? [];
  const chosen = ['a', 'b', 'c'].map((id) => entry(id, { kind: 'exact', date: '2026-03-01' }));

  it('attachmentsOf lists each file any held version refers to, once, in order of first mention', () => {
    expect(attachmentsOf([history('a'), history('b'), history('c')])).toEqual([photo, video, audio]);
    expect(attachmentsOf([])).toEqual([]);
  });

  it('counts distinct files across versions and their bytes', () => {
    expect(summariseSelection(chosen, history, EMPTY_SELECTION)).toEqual({ incidents: 3, files: 3, fileBytes: 1000 + 50_000 + 300 });
  });

  it('counts no files when attachments are left out', () => {
    expect(summariseSelection(chosen, history, { ...EMPTY_SELECTION, includeAttachments: false })).toEqual({
      incidents: 3,
      files: 0,
      fileBytes: 0,
    });
  });

  it('counts only the chosen incidents’ files', () => {
    expect(summariseSelection(chosen.slice(1, 2), history, EMPTY_SELECTION)).toEqual({ incidents: 1, files: 2, fileBytes: 1300 });
    expect(summariseSelection([], history, EMPTY_SELECTION)).toEqual({ incidents: 0, files: 0, fileBytes: 0 });
  });
});
