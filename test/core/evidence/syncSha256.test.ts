import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';

// A fresh copy of the modules in each test, so whether hash-wasm has loaded is up to the test.
async function freshModules() {
  vi.resetModules();
  const hash = await import('../../../src/core/evidence/hash');
  const sync = await import('../../../src/core/crypto/syncSha256');
  const chain = await import('../../../src/core/evidence/chain');
  const builder = await import('./diaryBuilder');
  return { ...hash, ...sync, ...chain, ...builder };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.doUnmock('hash-wasm');
});

describe('sha256Hex on this thread (hash-wasm) and through WebCrypto', () => {
  it('gives node:crypto’s digest either way, and uses WebCrypto only until hash-wasm has loaded or for large inputs', async () => {
    const { sha256Hex, loadSyncSha256, SYNC_SHA256_MAX_BYTES } = await freshModules();
    const digest = vi.spyOn(crypto.subtle, 'digest');
    // Before it has loaded: WebCrypto, and the load begins.
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digest).toHaveBeenCalledTimes(1);
    expect(await loadSyncSha256()).not.toBeNull();
    digest.mockClear();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 300 }), async (text, bytes) => {
        expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
        expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 100 },
    );
    // A view into a larger buffer: only the view.
    const whole = new Uint8Array([0, 97, 98, 99, 0]);
    expect(await sha256Hex(whole.subarray(1, 4))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digest).not.toHaveBeenCalled();
    // At the limit on this thread; one byte more, WebCrypto (off this thread in a browser).
    const atLimit = new Uint8Array(SYNC_SHA256_MAX_BYTES).fill(7);
    const over = new Uint8Array(SYNC_SHA256_MAX_BYTES + 1).fill(7);
    expect(await sha256Hex(atLimit)).toBe(createHash('sha256').update(atLimit).digest('hex'));
    expect(digest).not.toHaveBeenCalled();
    expect(await sha256Hex(over)).toBe(createHash('sha256').update(over).digest('hex'));
    expect(digest).toHaveBeenCalledTimes(1);
  });

  it('checks a whole chain with no WebCrypto digest at all, even when nothing has loaded hash-wasm before', async () => {
    const { sampleDiary, verifyChain } = await freshModules();
    const diary = await sampleDiary(2);
    // The diary was built (and hash-wasm loaded) by the modules above; verify with fresh ones.
    const { verifyChain: verifyFresh } = await freshModules();
    const digest = vi.spyOn(crypto.subtle, 'digest');
    expect(await verifyFresh(diary.links, diary.contents)).toEqual(await verifyChain(diary.links, diary.contents));
    expect(digest).not.toHaveBeenCalled();
    expect((await verifyFresh(diary.links, diary.contents)).ok).toBe(true);
  });

  it('falls back to WebCrypto, with the same digests, where hash-wasm cannot load', async () => {
    const createSHA256 = vi.fn(() => Promise.reject(new Error('WebAssembly refused')));
    vi.doMock('hash-wasm', () => ({ createSHA256 }));
    const { sha256Hex, loadSyncSha256, sampleDiary, verifyChain } = await freshModules();
    expect(await loadSyncSha256()).toBeNull();
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const diary = await sampleDiary(2);
    expect((await verifyChain(diary.links, diary.contents)).ok).toBe(true);
    // The failure is kept: not tried again at every hash.
    expect(await loadSyncSha256()).toBeNull();
    expect(createSHA256).toHaveBeenCalledTimes(1);
  });
});
