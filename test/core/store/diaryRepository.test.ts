import { describe, expect, it, vi } from 'vitest';
import { contentHash, newRevisionContent } from '../../../src/core/evidence';
import { INCIDENT_LIMITS, type Incident } from '../../../src/core/model/incident';
import {
  EntryChangedError,
  InvalidIncidentError,
  type DiaryRepository,
  type RevisionRecord,
} from '../../../src/core/store/diaryRepository';
import { StorageError } from '../../../src/core/store/storageErrors';
import type * as SyncSha256 from '../../../src/core/crypto/syncSha256';
import { aQuickIncident, anIncident, asIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver } from '../../support/vault';
import { dumpDatabase, rejectionOf } from '../backup/backupFixture';

// A chain check can be held where it begins hashing (the load of the hasher it awaits first).
const hashing = vi.hoisted(() => ({ hold: null as Promise<void> | null, reached: () => {} }));
vi.mock('../../../src/core/crypto/syncSha256', async (importOriginal) => {
  const real = await importOriginal<typeof SyncSha256>();
  return {
    ...real,
    loadSyncSha256: async () => {
      const held = hashing.hold;
      if (held) {
        hashing.hold = null;
        hashing.reached();
        await held;
      }
      return real.loadSyncSha256();
    },
  };
});

const incident = (text: string) => aQuickIncident({ whatHappened: text, behaviours: ['loitering'] });

async function diary() {
  const setup = await createdVault();
  let clock = Date.parse('2026-11-22T10:00:00Z');
  const repo = diaryOver(setup, () => new Date((clock += 60_000)));
  await repo.load();
  return { ...setup, repo };
}

describe('diary repository', () => {
  it('adds, edits and lists entries newest first, keeping every revision', async () => {
    const { repo } = await diary();
    const first = await repo.add(incident('He was outside the house'));
    const second = await repo.add(incident('Three missed calls'));
    await repo.edit(first, incident('He was outside the house at 9pm'));
    const { entries, links } = repo.snapshot();
    expect(entries.map((e) => e.id)).toEqual([second, first]);
    expect(entries[1]?.incident.whatHappened).toBe('He was outside the house at 9pm');
    expect(entries[1]?.revisions).toBe(2);
    expect((entries[1]?.firstRecordedAt ?? '') < (entries[1]?.lastRecordedAt ?? '')).toBe(true);
    expect(links).toHaveLength(3);
    expect(repo.history(first).map((r) => asIncident(r.content?.body)?.whatHappened)).toEqual([
      'He was outside the house',
      'He was outside the house at 9pm',
    ]);
    expect(await repo.verify()).toMatchObject({ ok: true, length: 3 });
  });

  it('survives a reload: a new repository reads the same diary and chain', async () => {
    const { repo, db, session } = await diary();
    const id = await repo.add(incident('Gift left on the doorstep'));
    const again = diaryOver({ db, session });
    const { entries } = await again.load();
    expect(entries.map((e) => e.id)).toEqual([id]);
    expect(again.head()).toBe(repo.head());
    expect((await again.verify()).ok).toBe(true);
  });

  it('deleting removes the content, leaves a tombstone, and the chain still verifies', async () => {
    const { repo, db, session } = await diary();
    const gone = await repo.add(incident('Delete me'));
    await repo.edit(gone, incident('Delete me, edited'));
    const kept = await repo.add(incident('Keep me'));
    await repo.remove(gone);
    const reloaded = diaryOver({ db, session });
    const snapshot = await reloaded.load();
    expect(snapshot.entries.map((e) => e.id)).toEqual([kept]);
    expect(snapshot.deleted.map((d) => d.id)).toEqual([gone]);
    expect(reloaded.history(gone).every((r) => r.content === null)).toBe(true);
    expect(snapshot.links.map((l) => l.kind)).toEqual(['revision', 'revision', 'revision', 'tombstone']);
    expect(await reloaded.verify()).toMatchObject({ ok: true, length: 4 });
    await expect(reloaded.edit(gone, incident('back from the dead'))).rejects.toThrow();
  });

  it('a failed write changes nothing and can be retried', async () => {
    const { repo, db } = await diary();
    await repo.add(incident('First'));
    const bulkAdd = vi
      .spyOn(db.revisions, 'bulkAdd')
      .mockImplementationOnce(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    const failure = await repo.add(incident('Second')).catch((error: unknown) => error);
    expect((failure as StorageError).code).toBe('storage-full');
    expect(repo.snapshot().entries).toHaveLength(1);
    expect(await db.revisions.count()).toBe(1);
    bulkAdd.mockRestore();
    await repo.add(incident('Second'));
    expect(repo.snapshot().entries).toHaveLength(2);
    expect((await repo.verify()).ok).toBe(true);
  });

  it('two tabs writing at once never fork the chain: the one that loses the race saves onto the new head', async () => {
    const { repo, db, session } = await diary();
    await repo.add(incident('Start'));
    const otherTab = diaryOver({ db, session });
    await otherTab.load();
    await repo.add(incident('From tab one'));
    // The other tab still has the old head in memory: its link's place is taken.
    const id = await otherTab.add(incident('From tab two'));
    const fresh = diaryOver({ db, session });
    const { links, entries } = await fresh.load();
    expect(links).toHaveLength(3);
    expect(links[2]?.entryId).toBe(id);
    expect(entries.map((e) => e.incident.whatHappened).sort()).toEqual(['From tab one', 'From tab two', 'Start']);
    expect((await fresh.verify()).ok).toBe(true);
    expect(otherTab.snapshot().links).toEqual(links);
  });

  it('after a verified load, its own saves extend the verification without re-hashing the chain', async () => {
    const { repo, db, session } = await diary();
    for (let i = 0; i < 20; i++) await repo.add(incident(`Entry ${i}`));
    const reopened = diaryOver({ db, session });
    await reopened.load();
    expect(await reopened.verify()).toMatchObject({ ok: true, length: 20 });
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const id = await reopened.add(incident('One more'));
    await reopened.edit(id, incident('One more, edited'));
    await reopened.remove(id);
    const extended = await reopened.verify();
    // Only the new links were hashed while building them (a revision's content takes a digest
    // per field and one over them all, about a dozen): not the whole chain, which takes hundreds.
    expect(digest.mock.calls.length).toBeLessThan(40);
    digest.mockRestore();
    // And the claim holds: a full check from storage agrees.
    const fresh = diaryOver({ db, session });
    await fresh.load();
    expect(await fresh.verify()).toEqual(extended);
    expect(extended).toMatchObject({ ok: true, length: 23, head: fresh.head() });
  });

  it('a verification that overlaps a save is not kept for the longer chain', async () => {
    const { repo } = await diary();
    for (let i = 0; i < 20; i++) await repo.add(incident(`Entry ${i}`));
    await repo.load(); // nothing verified yet
    // The check waits, where it begins hashing, until a save has been stored, so the two overlap.
    let release = () => {};
    hashing.hold = new Promise<void>((resolve) => (release = resolve));
    const checkHashing = new Promise<void>((resolve) => (hashing.reached = resolve));
    const checking = repo.verify();
    await checkHashing; // the check is under way (its task loaded, every link read), held before its first hash
    await repo.add(incident('Saved while the chain is being checked'));
    release();
    expect(await checking).toMatchObject({ ok: true, length: 20 });
    expect(await repo.verify()).toEqual({ ok: true, length: 21, head: repo.head() });
  });

  it('tampering with a stored row is detected', async () => {
    const { repo, db, session } = await diary();
    await repo.add(incident('One'));
    await repo.add(incident('Two'));
    const [one, two] = await db.revisions.toArray();
    if (!one || !two) throw new Error('rows missing');
    // Swap the encrypted rows: each is bound to its own id, so decryption refuses.
    await db.revisions.bulkPut([
      { ...one, id: two.id },
      { ...two, id: one.id },
    ]);
    await expect(diaryOver({ db, session }).load()).rejects.toThrow();
  });
});

describe('diary repository: announcing changes', () => {
  it('tells every listener after each stored change and after a load, until it stops listening', async () => {
    const { repo } = await diary();
    const heard: number[] = [];
    const stop = repo.subscribe(() => heard.push(repo.snapshot().entries.length));
    const id = await repo.add(incident('One'));
    await repo.edit(id, incident('One, edited'));
    await repo.add(incident('Two'));
    await repo.remove(id);
    await repo.load();
    // Each listener sees the change already made.
    expect(heard).toEqual([1, 1, 2, 1, 1]);
    stop();
    await repo.add(incident('Three'));
    expect(heard).toHaveLength(5);
  });

  it('announces records restored from a backup and revisions brought in from another diary', async () => {
    const { repo: source } = await diary();
    await source.add(incident('From the backup'));
    const { repo } = await diary();
    const listener = vi.fn();
    repo.subscribe(listener);
    await repo.appendVerbatim(source.allRecords());
    expect(listener).toHaveBeenCalledTimes(1);
    await repo.appendImported([{ entryId: 'imported-entry', content: newRevisionContent(incident('From another diary')) }]);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(repo.snapshot().entries).toHaveLength(2);
    // Nothing to write is no change.
    await repo.appendVerbatim([]);
    await repo.appendImported([]);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('a failed write announces only the re-read diary, and a refused change nothing', async () => {
    const { repo, db } = await diary();
    await repo.add(incident('First'));
    const listener = vi.fn(() => repo.snapshot().entries.length);
    repo.subscribe(listener);
    vi.spyOn(db.revisions, 'bulkAdd').mockImplementationOnce(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    await expect(repo.add(incident('Second'))).rejects.toBeInstanceOf(StorageError);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveLastReturnedWith(1);
    await expect(repo.edit('no-such-entry', incident('x'))).rejects.toThrow('No such entry');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('a listener that throws does not turn a stored save into a failure', async () => {
    const { repo } = await diary();
    // The listener's error is thrown again in a microtask of its own, where the runtime reports
    // it; that one is caught here (every other microtask runs as usual).
    const reported: unknown[] = [];
    const queue = globalThis.queueMicrotask.bind(globalThis);
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((callback) =>
      queue(() => {
        try {
          callback();
        } catch (error) {
          if (!(error instanceof Error && error.message === 'listener bug')) throw error;
          reported.push(error);
        }
      }),
    );
    repo.subscribe(() => {
      throw new Error('listener bug');
    });
    const after = vi.fn();
    repo.subscribe(after);
    await expect(repo.add(incident('Saved anyway'))).resolves.toEqual(expect.any(String));
    expect(after).toHaveBeenCalledTimes(1);
    expect(repo.snapshot().entries).toHaveLength(1);
    await vi.waitFor(() => expect(reported).toEqual([new Error('listener bug')]));
  });
});

describe('diary repository: nothing is saved that could not be read back', () => {
  const tooLong = 'x'.repeat(INCIDENT_LIMITS.longText + 1);

  /** Runs `write`, which must be refused with InvalidIncidentError before anything is encrypted or stored. */
  async function expectRefusedUnwritten(repo: DiaryRepository, db: Awaited<ReturnType<typeof diary>>['db'], write: () => Promise<unknown>) {
    const before = await dumpDatabase(db);
    const records = repo.allRecords();
    const listener = vi.fn();
    repo.subscribe(listener);
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    const error = await rejectionOf(write());
    expect(encrypt).not.toHaveBeenCalled();
    encrypt.mockRestore();
    expect(error).toBeInstanceOf(InvalidIncidentError);
    expect(await dumpDatabase(db)).toEqual(before);
    expect(repo.allRecords()).toBe(records);
    expect(listener).not.toHaveBeenCalled();
    return error as InvalidIncidentError;
  }

  it('add refuses a 100,001-character "what happened", naming the field, and writes nothing', async () => {
    const { repo, db } = await diary();
    await repo.add(incident('Already here'));
    const error = await expectRefusedUnwritten(repo, db, () => repo.add(incident(tooLong)));
    expect(error.code).toBe('too-long');
    expect(error.issues).toEqual([{ path: 'whatHappened', code: 'too-long' }]);
    expect(error.message).not.toContain('xxxx');
    expect(await db.revisions.count()).toBe(1);
    // Exactly at the limit is fine.
    await repo.add(incident('x'.repeat(INCIDENT_LIMITS.longText)));
    expect(await db.revisions.count()).toBe(2);
  });

  it('edit refuses a 100,001-character "what happened" and writes nothing; the entry keeps its version', async () => {
    const { repo, db } = await diary();
    const id = await repo.add(incident('Before'));
    const error = await expectRefusedUnwritten(repo, db, () => repo.edit(id, incident(tooLong)));
    expect(error.code).toBe('too-long');
    expect(repo.history(id)).toHaveLength(1);
    expect(await db.revisions.count()).toBe(1);
  });

  it('refuses anything else parseIncident refuses, as not-valid', async () => {
    const { repo, db } = await diary();
    const unknown = { ...incident('x'), behaviours: ['following', 'not-a-behaviour'] } as unknown as Incident;
    const error = await expectRefusedUnwritten(repo, db, () => repo.add(unknown));
    expect(error.code).toBe('not-valid');
    expect(error.issues).toEqual([{ path: 'behaviours[1]', code: 'unknown-value' }]);
    const badDate = { ...incident('x'), when: { kind: 'exact', date: '2026-02-30' } } as Incident;
    expect((await expectRefusedUnwritten(repo, db, () => repo.add(badDate))).issues).toEqual([{ path: 'when.date', code: 'bad-format' }]);
    const sharedRows = anIncident({ attachments: [{ id: 'a:00000001', name: 'x', type: '', size: 1, sha256: 'ab'.repeat(32) }] });
    await expectRefusedUnwritten(repo, db, () => repo.add(sharedRows));
  });

  it('stores an incident as a reader returns it, so it reads back exactly', async () => {
    const { repo, db, session } = await diary();
    const untidy = anIncident({
      behaviours: ['loitering', 'turning-up', 'loitering'],
      reported: { reported: true, policeReference: '', officer: undefined },
      when: { kind: 'exact', date: '2025-03-14', time: undefined },
    });
    const id = await repo.add(untidy);
    const stored = repo.snapshot().entries[0]?.incident;
    expect(stored?.behaviours).toEqual(['turning-up', 'loitering']);
    expect(stored?.reported).toEqual({ reported: true });
    expect(stored?.when).toEqual({ kind: 'exact', date: '2025-03-14' });
    const again = diaryOver({ db, session });
    await again.load();
    expect(again.history(id)).toEqual(repo.history(id));
  });

  it('appendImported and appendVerbatim refuse content a reader would refuse, and write nothing', async () => {
    const { repo, db } = await diary();
    await repo.add(incident('Mine'));
    const longContent = newRevisionContent(incident(tooLong));
    const imported = await expectRefusedUnwritten(repo, db, () =>
      repo.appendImported([
        { entryId: 'fine', content: newRevisionContent(incident('fine')) },
        { entryId: 'long', content: longContent },
      ]),
    );
    expect(imported).toMatchObject({ code: 'too-long', entryId: 'long' });
    // Content that validation would tidy up could never match its hash once read back.
    const untidy = newRevisionContent({ ...incident('x'), behaviours: ['loitering', 'following'] } as Incident);
    const notCanonical = await expectRefusedUnwritten(repo, db, () => repo.appendImported([{ entryId: 'e', content: untidy }]));
    expect(notCanonical.issues).toEqual([{ path: 'content', code: 'not-canonical' }]);

    const { repo: source } = await diary();
    await source.add(incident('From the backup'));
    const [first] = source.allRecords();
    if (!first) throw new Error('no record');
    const row: RevisionRecord = { link: { ...first.link, contentHash: await contentHash(longContent) }, content: longContent };
    const { repo: empty, db: emptyDb } = await diary();
    const verbatim = await expectRefusedUnwritten(empty, emptyDb, () => empty.appendVerbatim([row]));
    expect(verbatim.code).toBe('too-long');
  });
});

describe('diary repository: two tabs saving at the same moment', () => {
  async function twoTabs() {
    const setup = await diary();
    const other = diaryOver(setup);
    await other.load();
    return { ...setup, other };
  }

  async function storedDiary(setup: Awaited<ReturnType<typeof diary>>) {
    const fresh = diaryOver(setup);
    const snapshot = await fresh.load();
    return { fresh, snapshot, verification: await fresh.verify() };
  }

  it('both saves are kept when they start together', async () => {
    const setup = await twoTabs();
    const [one, two] = await Promise.all([setup.repo.add(incident('Tab one')), setup.other.add(incident('Tab two'))]);
    const { snapshot, verification } = await storedDiary(setup);
    expect(snapshot.entries.map((e) => e.id).sort()).toEqual([one, two].sort());
    expect(snapshot.links.map((l) => l.seq)).toEqual([0, 1]);
    expect(verification.ok).toBe(true);
  });

  it('an edit based on a version another tab has since replaced is refused, and nothing is written', async () => {
    const setup = await twoTabs();
    const id = await setup.repo.add(incident('First words'));
    await setup.other.load();
    await setup.repo.edit(id, incident('Changed in tab one'), 1);
    const before = await dumpDatabase(setup.db);
    // Tab two still shows version 1: its edit must not silently replace tab one's.
    const refused = setup.other.edit(id, incident('Changed in tab two'), 1);
    await expect(refused).rejects.toBeInstanceOf(EntryChangedError);
    expect(await dumpDatabase(setup.db)).toEqual(before);
    // Once tab two has seen version 2, an edit based on it is saved.
    await setup.other.edit(id, incident('Changed in tab two, after reading tab one’s'), 2);
    expect(setup.other.history(id).map((r) => r.link.revision)).toEqual([1, 2, 3]);
  });

  it('an edit that loses the race is linked as the next version, after the other tab’s', async () => {
    const setup = await twoTabs();
    const id = await setup.repo.add(incident('First words'));
    await setup.other.load();
    await setup.repo.edit(id, incident('Changed in tab one'));
    await setup.other.edit(id, incident('Changed in tab two'));
    const { fresh, verification } = await storedDiary(setup);
    expect(fresh.history(id).map((r) => [r.link.revision, asIncident(r.content?.body)?.whatHappened])).toEqual([
      [1, 'First words'],
      [2, 'Changed in tab one'],
      [3, 'Changed in tab two'],
    ]);
    expect(verification.ok).toBe(true);
  });

  it('a deletion that loses the race is built again on the entry as it now is', async () => {
    const setup = await twoTabs();
    const id = await setup.repo.add(incident('To go'));
    await setup.other.load();
    await setup.repo.edit(id, incident('To go, edited first'));
    await setup.other.remove(id);
    const { fresh, snapshot, verification } = await storedDiary(setup);
    expect(snapshot.deleted.map((d) => d.id)).toEqual([id]);
    expect(fresh.history(id).map((r) => [r.link.kind, r.link.revision, r.content])).toEqual([
      ['revision', 1, null],
      ['revision', 2, null],
      ['tombstone', 3, null],
    ]);
    expect(verification.ok).toBe(true);
  });

  it('an edit of an entry the other tab deleted meanwhile is refused, and nothing is written', async () => {
    const setup = await twoTabs();
    const id = await setup.repo.add(incident('Deleted elsewhere'));
    await setup.other.load();
    await setup.repo.remove(id);
    const before = await dumpDatabase(setup.db);
    await expect(setup.other.edit(id, incident('Too late'))).rejects.toBeInstanceOf(EntryChangedError);
    expect(await dumpDatabase(setup.db)).toEqual(before);
  });

  it('tries again once only: losing the race twice throws, and nothing is written', async () => {
    const { repo, db } = await diary();
    await repo.add(incident('First'));
    const before = await dumpDatabase(db);
    const bulkAdd = vi
      .spyOn(db.revisions, 'bulkAdd')
      .mockImplementation(() => Promise.reject(new DOMException('already there', 'ConstraintError')) as never);
    const error = await rejectionOf(repo.add(incident('Second')));
    expect(error).toBeInstanceOf(StorageError);
    expect(bulkAdd).toHaveBeenCalledTimes(2);
    bulkAdd.mockRestore();
    expect(await dumpDatabase(db)).toEqual(before);
    expect(repo.snapshot().entries).toHaveLength(1);
  });

  it('any other failure is not tried again', async () => {
    const { repo, db } = await diary();
    const bulkAdd = vi
      .spyOn(db.revisions, 'bulkAdd')
      .mockImplementationOnce(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    await expect(repo.add(incident('Lost to a full disk'))).rejects.toMatchObject({ code: 'storage-full' });
    expect(bulkAdd).toHaveBeenCalledTimes(1);
    expect(await db.revisions.count()).toBe(0);
  });
});
