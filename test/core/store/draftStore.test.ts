import { describe, expect, it, vi } from 'vitest';
import { DecryptionError } from '../../../src/core/crypto';
import type { Incident } from '../../../src/core/model/incident';
import { DraftStore, editDraftId, NEW_INCIDENT_DRAFT, readDraft, type IncidentDraft } from '../../../src/core/store/draftStore';
import { StorageError } from '../../../src/core/store/storageErrors';
import { VaultLockedError } from '../../../src/core/vault/session';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const MARKER = 'MARKER-heron-5512';
const ENTRY_ID = '0123456789abcdef0123456789abcdef';

function draft(text: string, extra: Partial<Incident> = {}): IncidentDraft {
  return {
    incident: aQuickIncident({ whatHappened: text, ...extra }),
    savedAt: '2026-11-22T10:00:00.000Z',
  };
}

async function drafts() {
  const setup = await createdVault();
  return { ...setup, store: new DraftStore(setup.db, () => setup.session.dataKey()) };
}

describe('draft store', () => {
  it('keeps a draft and gives it back, for new incidents and edits separately', async () => {
    const { store } = await drafts();
    const fresh = draft('He was at the station again', {
      behaviours: ['loitering', 'following'],
      witnesses: [{ name: '', contact: '' }],
      reported: { reported: true, policeReference: 'AB/123/26' },
    });
    const edit = { ...draft('Edited text'), baseRevision: 3 };
    await store.save(NEW_INCIDENT_DRAFT, fresh);
    await store.save(editDraftId(ENTRY_ID), edit);
    expect(await store.load(NEW_INCIDENT_DRAFT)).toEqual(fresh);
    expect(await store.load(editDraftId(ENTRY_ID))).toEqual(edit);
    expect(await store.load(editDraftId('another'))).toBeUndefined();
  });

  it('keeps a half-filled form as typed, even when it would not yet validate', async () => {
    const { store } = await drafts();
    const half = draft('Typed so far', { when: { kind: 'exact', date: '' } });
    await store.save(NEW_INCIDENT_DRAFT, half);
    expect((await store.load(NEW_INCIDENT_DRAFT))?.incident.when).toEqual({ kind: 'exact', date: '' });
  });

  it('stores no plaintext: neither the text nor the draft id nor the entry id', async () => {
    const { store, db } = await drafts();
    await store.save(NEW_INCIDENT_DRAFT, draft(MARKER, { where: 'Tesco car park' }));
    await store.save(editDraftId(ENTRY_ID), draft(MARKER));
    const rows = await db.drafts.toArray();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['data', 'id', 'iv', 'v']);
      expect(row.id).toMatch(/^[0-9a-f]{64}$/);
      const stored = `${row.id} ${new TextDecoder('latin1').decode(row.data)} ${new TextDecoder('latin1').decode(row.iv)}`;
      for (const secret of [MARKER, 'Tesco', 'new-incident', 'edit:', ENTRY_ID, '2026-11']) expect(stored).not.toContain(secret);
    }
  });

  it('discards a draft, and only that draft', async () => {
    const { store, db } = await drafts();
    await store.save(NEW_INCIDENT_DRAFT, draft('one'));
    await store.save(editDraftId(ENTRY_ID), draft('two'));
    await store.discard(NEW_INCIDENT_DRAFT);
    expect(await store.load(NEW_INCIDENT_DRAFT)).toBeUndefined();
    expect((await store.load(editDraftId(ENTRY_ID)))?.incident.whatHappened).toBe('two');
    expect(await db.drafts.count()).toBe(1);
  });

  it('applies saves and discards in the order they were asked for', async () => {
    const { store } = await drafts();
    const saves = ['a', 'ab', 'abc'].map((text) => store.save(NEW_INCIDENT_DRAFT, draft(text)));
    const discarded = store.discard(NEW_INCIDENT_DRAFT);
    const last = store.save(NEW_INCIDENT_DRAFT, draft('after discard'));
    await Promise.all([...saves, discarded, last]);
    expect((await store.load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe('after discard');
  });

  it('a save started before a lock completes; one started after is refused', async () => {
    const { store, session } = await drafts();
    const saving = store.save(NEW_INCIDENT_DRAFT, draft('typed just before locking'));
    session.lock();
    await saving;
    await expect(store.save(NEW_INCIDENT_DRAFT, draft('too late'))).rejects.toBeInstanceOf(VaultLockedError);
    await expect(store.load(NEW_INCIDENT_DRAFT)).rejects.toBeInstanceOf(VaultLockedError);
  });

  it('survives a reload: another store over the same database reads it', async () => {
    const { store, db, session } = await drafts();
    await store.save(NEW_INCIDENT_DRAFT, draft('Before the reload'));
    const again = new DraftStore(db, () => session.dataKey());
    expect((await again.load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe('Before the reload');
  });

  it('refuses a draft row moved to another draft id', async () => {
    const { store, db } = await drafts();
    await store.save(NEW_INCIDENT_DRAFT, draft('mine'));
    const [row] = await db.drafts.toArray();
    if (!row) throw new Error('row missing');
    await store.save(editDraftId(ENTRY_ID), draft('other'));
    const other = (await db.drafts.toArray()).find((r) => r.id !== row.id);
    if (!other) throw new Error('row missing');
    await db.drafts.put({ ...row, id: other.id });
    await expect(store.load(editDraftId(ENTRY_ID))).rejects.toBeInstanceOf(DecryptionError);
  });

  it('reports a full device as storage-full, and a later save still works', async () => {
    const { store, db } = await drafts();
    const put = vi
      .spyOn(db.table('drafts'), 'put')
      .mockImplementationOnce(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    const failure = await store.save(NEW_INCIDENT_DRAFT, draft('x')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).code).toBe('storage-full');
    put.mockRestore();
    await store.save(NEW_INCIDENT_DRAFT, draft('y'));
    expect((await store.load(NEW_INCIDENT_DRAFT))?.incident.whatHappened).toBe('y');
  });
});

describe('reading a stored draft', () => {
  it('reads an older or odd shape tolerantly, dropping only what has the wrong type', () => {
    const read = readDraft({
      savedAt: '2026-11-22T10:00:00.000Z',
      baseRevision: 2,
      incident: {
        when: { kind: 'approximate', description: 'last week', from: '2026-11-10', to: 7 },
        whatHappened: 'kept',
        behaviours: ['threats', 'not-a-behaviour', 5],
        witnesses: [{ name: 'Sam' }, 'junk'],
        attachments: [{ id: 'a', name: 'p.jpg', type: 'image/jpeg', size: 10, sha256: 'ab' }, { id: 'b' }],
        reported: { reported: 'yes', officer: 'PC Jones' },
        unknownField: 'ignored',
      },
    });
    expect(read).toEqual({
      savedAt: '2026-11-22T10:00:00.000Z',
      baseRevision: 2,
      incident: {
        when: { kind: 'approximate', description: 'last week', from: '2026-11-10' },
        where: '',
        whatHappened: 'kept',
        behaviours: ['threats'],
        whoDidIt: '',
        witnesses: [
          { name: 'Sam', contact: '' },
          { name: '', contact: '' },
        ],
        evidenceElsewhere: '',
        attachments: [{ id: 'a', name: 'p.jpg', type: 'image/jpeg', size: 10, sha256: 'ab' }],
        reported: { reported: false, officer: 'PC Jones' },
        effect: { howItFelt: '', whatItChanged: '' },
        breaches: [],
        told: [],
        privateNotes: '',
      },
    });
  });

  it('keeps how and when a file arrived, breaches, who was told and private notes', async () => {
    const { store } = await drafts();
    const kept = draft('Shared in, then kept as a draft', {
      attachments: [
        {
          id: 'rec',
          name: 'recording.webm',
          type: 'audio/webm',
          size: 10,
          sha256: 'ab'.repeat(32),
          receivedAt: '2026-11-22T09:00:00.000Z',
          receivedVia: 'recording',
          interrupted: true,
        },
      ],
      breaches: [{ orderId: 'order-1', conditionId: 'c1' }],
      told: [{ who: 'My sister', how: 'phone', date: '2026-11-22', time: '09:30' }],
      privateNotes: 'Only for me',
    });
    await store.save(NEW_INCIDENT_DRAFT, kept);
    expect(await store.load(NEW_INCIDENT_DRAFT)).toEqual(kept);
  });

  it('is not a draft without a time or an incident', () => {
    expect(readDraft({ incident: {} })).toBeUndefined();
    expect(readDraft({ savedAt: 'x' })).toBeUndefined();
    expect(readDraft(null)).toBeUndefined();
    expect(readDraft([])).toBeUndefined();
  });
});
