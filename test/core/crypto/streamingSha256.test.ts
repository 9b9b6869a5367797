import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamingSha256 } from '../../../src/core/crypto/streamingSha256';

const sha256Hex = (parts: readonly Uint8Array[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

describe('streaming SHA-256 on one shared instance', () => {
  it('gives each of many interleaved streams the digest of its own bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        async (streams) => {
          const hashers = await Promise.all(streams.map(() => createStreamingSha256()));
          const longest = Math.max(...streams.map((parts) => parts.length));
          // Round-robin: every stream's state is swapped in and out of the shared instance.
          for (let i = 0; i < longest; i++) {
            streams.forEach((parts, s) => {
              const part = parts[i];
              if (part) hashers[s]?.update(part);
            });
          }
          streams.forEach((parts, s) => expect(hashers[s]?.digestHex()).toBe(sha256Hex(parts)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps 30,000 streams open at once (a package of many files)', async () => {
    const hashers = await Promise.all(Array.from({ length: 30_000 }, () => createStreamingSha256()));
    hashers.forEach((hasher, i) => hasher.update(new Uint8Array([i & 0xff, i >> 8])));
    expect(hashers[29_999]?.digestHex()).toBe(sha256Hex([new Uint8Array([29_999 & 0xff, 29_999 >> 8])]));
  });
});
