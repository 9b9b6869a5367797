import { afterEach, describe, expect, it, vi } from 'vitest';
import { KdfUnavailableError } from '../../../src/core/crypto/errors';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { vaultErrorCode } from '../../../src/core/vault/errorCodes';
import { createdVault, testVault } from '../../support/vault';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A browser without WebAssembly (or with it switched off). */
function withoutWebAssembly(): void {
  vi.stubGlobal('WebAssembly', undefined);
}

async function rowCounts(db: DaybookDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  return counts;
}

describe('the vault in a browser that cannot run Argon2id', () => {
  it('set-up says so with its own error, and nothing is stored', async () => {
    const { vault, db } = testVault();
    withoutWebAssembly();
    const error: unknown = await vault.prepare('correct horse battery staple').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KdfUnavailableError);
    expect(vaultErrorCode(error)).toBe('kdf-unavailable');
    vi.unstubAllGlobals();
    const counts = await rowCounts(db);
    expect(Object.keys(counts).length).toBeGreaterThan(0);
    expect(
      Object.values(counts).every((count) => count === 0),
      JSON.stringify(counts),
    ).toBe(true);
    expect(await vault.status()).toBe('none');
  });

  it('with WebAssembly refused (CSP): the same, and nothing is stored', async () => {
    const { vault, db } = testVault();
    vi.spyOn(WebAssembly, 'compile').mockRejectedValue(new WebAssembly.CompileError('Wasm code generation disallowed by embedder'));
    await expect(vault.prepare('correct horse battery staple')).rejects.toBeInstanceOf(KdfUnavailableError);
    vi.restoreAllMocks();
    expect(Object.values(await rowCounts(db)).every((count) => count === 0)).toBe(true);
  });

  it('unlock, recovery and passphrase change say so, count no failed attempt and change nothing', async () => {
    const { vault, db, passphrase, recoveryKey } = await createdVault();
    vault.lock();
    const before = await db.meta.toArray();
    withoutWebAssembly();
    await expect(vault.unlock(passphrase)).rejects.toBeInstanceOf(KdfUnavailableError);
    await expect(vault.recover(recoveryKey, 'a brand new passphrase')).rejects.toBeInstanceOf(KdfUnavailableError);
    await expect(vault.changePassphrase(passphrase, 'another good passphrase')).rejects.toBeInstanceOf(KdfUnavailableError);
    expect(await vault.status()).toBe('locked');
    vi.unstubAllGlobals();
    expect(await db.meta.toArray()).toEqual(before);
    expect(await vault.unlockWait()).toBe(0);
    await vault.unlock(passphrase);
    expect(await vault.status()).toBe('unlocked');
  });
});
