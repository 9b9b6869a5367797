import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';

// A fresh copy of the modules in each test, so whether hash-wasm has loaded is up to the test.
async function freshModules() {
  vi.resetModules();
  const hash = await import('../../../src/core/evidence/hash');
  const commitments = await import('../../../src/core/evidence/fieldCommitments');
  const canonical = await import('../../../src/core/evidence/canonicalJson');
  const sync = await import('../../../src/core/crypto/syncSha256');
  const chain = await import('../../../src/core/evidence/chain');
  const builder = await import('./diaryBuilder');
  return { ...hash, ...commitments, ...canonical, ...sync, ...chain, ...builder };
}

/** Longer than the shared buffer holds (a third of 64 KiB), so hashed from its own encoding. */
const SYNC_TEXT = 30_000;

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

  it('hashes a string’s UTF-8 the same through its shared buffer: lone surrogates, and lengths either side of where it fits', async () => {
    const { sha256Hex, sha256HexNow, loadSyncSha256, SYNC_SHA256_MAX_BYTES } = await freshModules();
    expect(await loadSyncSha256()).not.toBeNull();
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const fits = Math.floor(SYNC_SHA256_MAX_BYTES / 3);
    const texts = [
      '',
      '\ud800',
      'a\udfffb',
      '\ud83d\ude00\ud83d',
      // Three bytes a unit: the most that fits in the buffer, then one unit more.
      '€'.repeat(fits),
      '€'.repeat(fits + 1),
      // One byte a unit: past the buffer's third, still small enough to hash on this thread.
      'a'.repeat(fits + 1),
      'a'.repeat(SYNC_SHA256_MAX_BYTES),
    ];
    // A long string hashed before a short one: the short one's digest is of its bytes only.
    for (const text of [...texts, ...texts.slice().reverse()]) {
      expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    // Not a string (a caller from untyped code): no digest at once, rather than one of its text.
    expect(sha256HexNow(['abc'] as unknown as string)).toBeNull();
    // '€' × (fits + 1) is 3 bytes over the limit: the only one hashed by WebCrypto, once each way.
    expect(digest).toHaveBeenCalledTimes(2);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 20 }), async (long, short) => {
        expect(await sha256Hex(long)).toBe(createHash('sha256').update(long, 'utf8').digest('hex'));
        expect(await sha256Hex(short)).toBe(createHash('sha256').update(short, 'utf8').digest('hex'));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same field commitments hashed at once (hash-wasm loaded) as through WebCrypto (before it, or where it cannot load)', async () => {
    const body = {
      where: 'Outside the flat',
      when: { date: '2026-12-05' },
      witnesses: [{ name: 'Zofia Żółć' }],
      notes: '\u0627\u0631\u062f\u0648',
      empty: '',
    };
    const expected = (salts: Record<string, string>, module: Awaited<ReturnType<typeof freshModules>>) =>
      Object.fromEntries(
        Object.keys(body).map((field) => [
          field,
          createHash('sha256')
            .update(module.canonicalJson({ v: 2, field, salt: salts[field], value: (body as Record<string, unknown>)[field] }), 'utf8')
            .digest('hex'),
        ]),
      );
    const loaded = await freshModules();
    const content = loaded.newRevisionContent(body);
    const digest = vi.spyOn(crypto.subtle, 'digest');
    // Before hash-wasm has loaded: each field through WebCrypto.
    expect(await loaded.commitmentsOf(content)).toEqual(expected(content.salts, loaded));
    expect(digest).toHaveBeenCalledTimes(Object.keys(body).length);
    expect(await loaded.loadSyncSha256()).not.toBeNull();
    digest.mockClear();
    expect(await loaded.commitmentsOf(content)).toEqual(expected(content.salts, loaded));
    expect(digest).not.toHaveBeenCalled();
    // A field too long for the buffer: every field awaited, the same commitments.
    const long = {
      ...content,
      salts: { ...(content.salts as Record<string, string>), big: 'ab'.repeat(16) },
      body: { ...body, big: 'x'.repeat(SYNC_TEXT) },
    };
    const longExpected = {
      ...expected(content.salts, loaded),
      big: createHash('sha256')
        .update(loaded.canonicalJson({ v: 2, field: 'big', salt: 'ab'.repeat(16), value: 'x'.repeat(SYNC_TEXT) }), 'utf8')
        .digest('hex'),
    };
    expect(await loaded.commitmentsOf(long)).toEqual(longExpected);
    vi.doMock('hash-wasm', () => ({ createSHA256: () => Promise.reject(new Error('WebAssembly refused')) }));
    const refused = await freshModules();
    expect(await refused.loadSyncSha256()).toBeNull();
    expect(await refused.commitmentsOf(content)).toEqual(expected(content.salts, refused));
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
