import { describe, expect, it, vi } from 'vitest';
import { newRevisionContent } from '../../../src/core/evidence';
import { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { StorageError } from '../../../src/core/store/storageErrors';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const incident = (text: string) => aQuickIncident({ whatHappened: text, behaviours: ['loitering'] });

async function diary() {
  const setup = await createdVault();
  let clock = Date.parse('2026-11-22T10:00:00Z');
  const repo = new DiaryRepository(
    setup.db,
    () => setup.session.dataKey(),
    () => new Date((clock += 60_000)),
  );
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
    expect(repo.history(first).map((r) => r.content?.body.whatHappened)).toEqual([
      'He was outside the house',
      'He was outside the house at 9pm',
    ]);
    expect(await repo.verify()).toMatchObject({ ok: true, length: 3 });
  });

  it('survives a reload: a new repository reads the same diary and chain', async () => {
    const { repo, db, session } = await diary();
    const id = await repo.add(incident('Gift left on the doorstep'));
    const again = new DiaryRepository(db, () => session.dataKey());
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
    const reloaded = new DiaryRepository(db, () => session.dataKey());
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

  it('two tabs writing at once never fork the chain', async () => {
    const { repo, db, session } = await diary();
    await repo.add(incident('Start'));
    const otherTab = new DiaryRepository(db, () => session.dataKey());
    await otherTab.load();
    await repo.add(incident('From tab one'));
    await expect(otherTab.add(incident('From tab two'))).rejects.toBeInstanceOf(StorageError);
    await otherTab.add(incident('From tab two'));
    const fresh = new DiaryRepository(db, () => session.dataKey());
    const { links } = await fresh.load();
    expect(links).toHaveLength(3);
    expect((await fresh.verify()).ok).toBe(true);
  });

  it('after a verified load, its own saves extend the verification without re-hashing the chain', async () => {
    const { repo, db, session } = await diary();
    for (let i = 0; i < 20; i++) await repo.add(incident(`Entry ${i}`));
    const reopened = new DiaryRepository(db, () => session.dataKey());
    await reopened.load();
    expect(await reopened.verify()).toMatchObject({ ok: true, length: 20 });
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const id = await reopened.add(incident('One more'));
    await reopened.edit(id, incident('One more, edited'));
    await reopened.remove(id);
    const extended = await reopened.verify();
    // Only the new links were hashed while building them: a handful, not the whole chain.
    expect(digest.mock.calls.length).toBeLessThan(12);
    digest.mockRestore();
    // And the claim holds: a full check from storage agrees.
    const fresh = new DiaryRepository(db, () => session.dataKey());
    await fresh.load();
    expect(await fresh.verify()).toEqual(extended);
    expect(extended).toMatchObject({ ok: true, length: 23, head: fresh.head() });
  });

  it('a verification that overlaps a save is not kept for the longer chain', async () => {
    const { repo } = await diary();
    for (let i = 0; i < 20; i++) await repo.add(incident(`Entry ${i}`));
    await repo.load(); // nothing verified yet
    // The check's first hash waits until a save has been stored, so the two overlap.
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const held = vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (algorithm, data) => {
      if (first) {
        first = false;
        await gate;
      }
      return digest(algorithm, data);
    });
    const checking = repo.verify();
    await repo.add(incident('Saved while the chain is being checked'));
    release();
    expect(await checking).toMatchObject({ ok: true, length: 20 });
    held.mockRestore();
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
    await expect(new DiaryRepository(db, () => session.dataKey()).load()).rejects.toThrow();
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
