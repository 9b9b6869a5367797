import { describe, expect, it, vi } from 'vitest';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { guardStorage, StorageError, toStorageError } from '../../../src/core/store/storageErrors';
import { createdVault } from '../../support/vault';

describe('storage errors', () => {
  it('recognise a full disk however deeply it is wrapped', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(toStorageError(quota, 'write').code).toBe('storage-full');
    expect(toStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, 'write').code).toBe('storage-full');
    expect(toStorageError(new Error('boom'), 'write').code).toBe('write-failed');
    expect(toStorageError(new Error('boom'), 'read').code).toBe('read-failed');
  });

  it('a failed write leaves the stored data as it was', async () => {
    const { db, session } = await createdVault();
    const table = new EncryptedTable<string>(db, 'drafts', () => session.dataKey());
    await table.put('d', 'first version');
    const put = vi
      .spyOn(db.table('drafts'), 'put')
      .mockImplementation(() => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) as never);
    const failure = await table.put('d', 'second version').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).code).toBe('storage-full');
    put.mockRestore();
    expect(await table.get('d')).toBe('first version');
  });

  it('guardStorage passes results through', async () => {
    expect(await guardStorage('read', async () => 42)).toBe(42);
  });
});
