import { describe, expect, it } from 'vitest';
import { DecryptionError } from '../../../src/core/crypto';
import { EncryptedTable, newRecordId } from '../../../src/core/store/encryptedTable';
import { createdVault } from '../../support/vault';

const MARKER = 'MARKER-zebra-7731';

describe('encrypted tables', () => {
  it('store no plaintext: only the id, IV and ciphertext', async () => {
    const { db, session } = await createdVault();
    const table = new EncryptedTable<{ note: string; when: string }>(db, 'drafts', () => session.dataKey());
    const id = newRecordId();
    await table.put(id, { note: MARKER, when: '2026-11-22' });
    const row = await db.drafts.get(id);
    expect(Object.keys(row ?? {}).sort()).toEqual(['data', 'id', 'iv', 'v']);
    const bytes = new TextDecoder('latin1').decode(row?.data);
    expect(bytes).not.toContain(MARKER);
    expect(bytes).not.toContain('2026-11-22');
    expect(await table.get(id)).toEqual({ note: MARKER, when: '2026-11-22' });
  });

  it('refuses a row moved to another id or table', async () => {
    const { db, session } = await createdVault();
    const drafts = new EncryptedTable<string>(db, 'drafts', () => session.dataKey());
    await drafts.put('a', 'secret');
    const row = await db.drafts.get('a');
    if (!row) throw new Error('row missing');
    await db.drafts.put({ ...row, id: 'b' });
    await expect(drafts.get('b')).rejects.toBeInstanceOf(DecryptionError);
    await db.settings.put(row);
    await expect(new EncryptedTable<string>(db, 'settings', () => session.dataKey()).get('a')).rejects.toBeInstanceOf(DecryptionError);
  });

  it('makes random 128-bit ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newRecordId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
