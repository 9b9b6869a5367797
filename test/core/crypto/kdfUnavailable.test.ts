import { afterEach, describe, expect, it, vi } from 'vitest';
import { argon2idBytes, assertKdfAvailable } from '../../../src/core/crypto/argon2id';
import { deriveKeyEncryptionKey, newKdfParams } from '../../../src/core/crypto/kdf';
import { utf8Encode } from '../../../src/core/crypto/encoding';
import { KdfUnavailableError, WrongPassphraseError } from '../../../src/core/crypto/errors';
import { createVault, unlockWithPassphrase } from '../../../src/core/crypto/vaultKeys';
import { FAST_COST } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

const derive = () => deriveKeyEncryptionKey('correct horse battery staple', newKdfParams(FAST_COST));

describe('a browser that cannot run Argon2id', () => {
  it('without WebAssembly: a KdfUnavailableError, not a wrong passphrase or a plain Error', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    await expect(assertKdfAvailable()).rejects.toBeInstanceOf(KdfUnavailableError);
    await expect(derive()).rejects.toMatchObject({ code: 'crypto/kdf-unavailable', name: 'KdfUnavailableError' });
    await expect(argon2idBytes(utf8Encode('password'), utf8Encode('somesalt'), FAST_COST, 32)).rejects.toBeInstanceOf(KdfUnavailableError);
  });

  it('when compiling WebAssembly is refused (CSP without wasm-unsafe-eval): the same error, with the cause kept', async () => {
    const refusal = new WebAssembly.CompileError('WebAssembly.compile(): Wasm code generation disallowed by embedder');
    vi.spyOn(WebAssembly, 'compile').mockRejectedValue(refusal);
    const error: unknown = await derive().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KdfUnavailableError);
    expect((error as KdfUnavailableError).cause).toBe(refusal);
  });

  it('when an engine throws another kind of error for the refusal (as some do): the same error', async () => {
    vi.spyOn(WebAssembly, 'compile').mockImplementation(() => {
      throw new EvalError('Refused to create a WebAssembly object');
    });
    await expect(derive()).rejects.toBeInstanceOf(KdfUnavailableError);
  });

  it('when instantiating is refused: the same error', async () => {
    vi.spyOn(WebAssembly, 'instantiate').mockRejectedValue(new WebAssembly.LinkError('refused'));
    await expect(derive()).rejects.toBeInstanceOf(KdfUnavailableError);
  });

  it('unlocking says so too, rather than that the passphrase is wrong', async () => {
    const { header } = await createVault('correct horse battery staple', FAST_COST);
    vi.stubGlobal('WebAssembly', undefined);
    await expect(unlockWithPassphrase(header, 'correct horse battery staple')).rejects.toBeInstanceOf(KdfUnavailableError);
    await expect(unlockWithPassphrase(header, 'a wrong passphrase')).rejects.not.toBeInstanceOf(WrongPassphraseError);
  });

  it('where WebAssembly works, derivation is unaffected', async () => {
    await expect(assertKdfAvailable()).resolves.toBeUndefined();
    await expect(derive()).resolves.toBeDefined();
  });
});
