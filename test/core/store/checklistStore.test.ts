import { describe, expect, it } from 'vitest';
import { EMPTY_ANSWERS, type ChecklistAnswers } from '../../../src/core/checklist/questions';
import { ChecklistStore } from '../../../src/core/store/checklistStore';
import { createdVault } from '../../support/vault';

const ANSWERS: ChecklistAnswers = {
  ...EMPTY_ANSWERS,
  behaviours: ['posting-or-impersonating'],
  occasions: 'many',
  fixation: ['jealousy-or-grievance'],
  risks: ['history-of-violence'],
};

describe('checklist store', () => {
  it('saves results encrypted: no answers, outcome ids or dates in the rows', async () => {
    const { db, session } = await createdVault();
    const store = new ChecklistStore(db, () => session.dataKey());
    const saved = await store.saveAnswers(ANSWERS, new Date('2026-11-22T10:15:00Z'));
    expect(saved.outcome).toEqual(['risk-signs', 'course-of-conduct', 'fixation-signs', 'police-decide', 'next-steps']);

    const rows = await db.checklists.toArray();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['data', 'id', 'iv', 'v']);
    expect(rows[0]?.id).toBe(saved.id);
    expect(saved.id).toMatch(/^[0-9a-f]{32}$/);
    const stored = rows.map((row) => new TextDecoder('latin1').decode(row.data)).join('');
    for (const plain of [
      'posting-or-impersonating',
      'jealousy-or-grievance',
      'history-of-violence',
      'many',
      'risk-signs',
      'course-of-conduct',
      '2026-11-22',
      'savedAt',
    ]) {
      expect(stored, plain).not.toContain(plain);
    }

    expect(await store.list()).toEqual([saved]);
  });

  it('lists newest first, keeps one copy of a result saved twice, and removes', async () => {
    const { db, session } = await createdVault();
    const store = new ChecklistStore(db, () => session.dataKey());
    const older = await store.saveAnswers(EMPTY_ANSWERS, new Date('2026-01-01T09:00:00Z'));
    const newer = await store.saveAnswers(ANSWERS, new Date('2026-03-01T09:00:00Z'));
    await store.save(older);
    expect((await store.list()).map((r) => r.id)).toEqual([newer.id, older.id]);
    await store.remove(newer.id);
    expect(await store.list()).toEqual([older]);
    expect(await db.checklists.count()).toBe(1);
  });

  it('cannot be read while locked, nor with another vault’s key', async () => {
    const { db, session } = await createdVault();
    const store = new ChecklistStore(db, () => session.dataKey());
    await store.saveAnswers(ANSWERS);
    session.lock();
    await expect(store.list()).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(store.saveAnswers(ANSWERS)).rejects.toMatchObject({ code: 'vault-locked' });

    const other = await createdVault();
    const rows = await db.checklists.toArray();
    await other.db.checklists.bulkPut(rows);
    await expect(new ChecklistStore(other.db, () => other.session.dataKey()).list()).rejects.toThrow();
  });
});
