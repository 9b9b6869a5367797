import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { isWellFormedSeal, sealChain, verifySeal } from '../../../src/core/evidence/chainSeal';

// The diary's key is derived with HKDF and cannot be exported (src/core/crypto/chainKey.ts); these
// tests use a raw key so the MAC can be checked against node:crypto.
const RAW = new Uint8Array(32).fill(7);
const HEAD = 'e'.repeat(64);
// HMAC-SHA-256(07 × 32, '{"head":"eee…e","purpose":"daybook chain seal","size":5,"v":2}'), from node:crypto.
const KNOWN_MAC = 'a59cd4945d05fcb3c8067fec9a4326020fd6137a7e3b83ca95275f86f283ffaf';

function hmacKey(raw: Uint8Array<ArrayBuffer>, usages: KeyUsage[] = ['sign', 'verify']): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, usages);
}

describe('chain seal', () => {
  it('MACs the canonical seal message (known answer)', async () => {
    const seal = await sealChain(await hmacKey(RAW), 5, HEAD);
    expect(seal).toEqual({ v: 2, size: 5, head: HEAD, mac: KNOWN_MAC });
    const message = `{"head":"${HEAD}","purpose":"daybook chain seal","size":5,"v":2}`;
    expect(createHmac('sha256', RAW).update(message, 'utf8').digest('hex')).toBe(KNOWN_MAC);
  });

  it('verifies its own seal, and nothing changed or made with another key', async () => {
    const key = await hmacKey(RAW);
    const seal = await sealChain(key, 5, HEAD);
    expect(await verifySeal(key, seal)).toBe(true);
    expect(await verifySeal(key, JSON.parse(JSON.stringify(seal)))).toBe(true);
    expect(await verifySeal(key, { ...seal, size: 4 })).toBe(false);
    expect(await verifySeal(key, { ...seal, head: 'f'.repeat(64) })).toBe(false);
    expect(await verifySeal(key, { ...seal, mac: `${seal.mac.slice(0, 63)}0` })).toBe(false);
    const other = await hmacKey(new Uint8Array(32).fill(8));
    expect(await verifySeal(other, seal)).toBe(false);
  });

  it('refuses a malformed seal before checking any MAC', async () => {
    const key = await hmacKey(RAW);
    const seal = await sealChain(key, 0, '0'.repeat(64));
    expect(await verifySeal(key, seal)).toBe(true);
    const bad: unknown[] = [
      null,
      'seal',
      [],
      { ...seal, v: 1 },
      { ...seal, size: -1 },
      { ...seal, size: 1.5 },
      { ...seal, size: '0' },
      { ...seal, head: 'E'.repeat(64) },
      { ...seal, mac: seal.mac.toUpperCase() },
      { ...seal, mac: seal.mac.slice(2) },
      { ...seal, extra: true },
      { v: 2, size: 0, head: seal.head },
    ];
    for (const value of bad) {
      expect(isWellFormedSeal(value)).toBe(false);
      expect(await verifySeal(key, value)).toBe(false);
    }
  });

  it('never throws: not for junk, nor for a key that cannot verify', async () => {
    const key = await hmacKey(RAW);
    const signOnly = await hmacKey(RAW, ['sign']);
    const seal = await sealChain(key, 3, HEAD);
    expect(await verifySeal(signOnly, seal)).toBe(false);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expect(await verifySeal(key, value)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to seal a malformed size or head', async () => {
    const key = await hmacKey(RAW);
    await expect(sealChain(key, -1, HEAD)).rejects.toThrow(TypeError);
    await expect(sealChain(key, 1, 'x')).rejects.toThrow(TypeError);
  });
});
