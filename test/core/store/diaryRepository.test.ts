import { describe, expect, it, vi } from 'vitest';
import { emptyIncident, type Incident } from '../../../src/core/model/incident';
import { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { StorageError } from '../../../src/core/store/storageErrors';
import { createdVault } from '../../support/vault';

function incident(text: string): Incident {
  return { ...emptyIncident(new Date('2026-11-20T21:15:00')), whatHappened: text, behaviours: ['loitering'] };
}

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
