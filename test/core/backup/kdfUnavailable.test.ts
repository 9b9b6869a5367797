import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { fileErrorCode } from '../../../src/core/export/fileErrorCode';
import { backupOf, incident, newDevice, PASSPHRASE, rejectionOf } from './backupFixture';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a backup in a browser that cannot run Argon2id', () => {
  it('is not called damaged: the message says what the browser cannot do', async () => {
    const device = await newDevice();
    await device.diary.add(incident('Kept safe'));
    const made = await backupOf(device);
    vi.stubGlobal('WebAssembly', undefined);
    const error = await rejectionOf(checkBackup(made.file, PASSPHRASE));
    expect(fileErrorCode(error)).toBe('kdf-unavailable');
    vi.unstubAllGlobals();
    // The same file checks as before once Argon2id can run.
    expect((await checkBackup(made.file, PASSPHRASE)).records.length).toBe(1);
  });
});
