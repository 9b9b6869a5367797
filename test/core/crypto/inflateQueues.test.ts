// Inflates queue one after another (core/crypto/deflate.ts), reads in one queue and the checks of
// packs being written in another. Its own file: the read left stuck here stays stuck for the
// module's life.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { deflateWithLength, inflateWithLength } from '../../../src/core/crypto/deflate';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('inflate queues', () => {
  it('a pack being written is checked even while a read never ends', async () => {
    const stored = await deflateWithLength(new Uint8Array(2000).fill(7));
    if (!stored) throw new Error('deflate failed');
    const Engine = globalThis.DecompressionStream;
    let begun = 0;
    vi.stubGlobal(
      'DecompressionStream',
      class extends Engine {
        constructor(format: CompressionFormat) {
          super(format);
          begun += 1;
          // The first stream begun (the read's) never gives anything, nor ends.
          if (begun === 1) Object.defineProperty(this, 'readable', { value: new ReadableStream<Uint8Array>() });
        }
      },
    );
    let readSettled = false;
    void inflateWithLength(stored).finally(() => (readSettled = true));
    const written = await deflateWithLength(new Uint8Array(3000).fill(9));
    expect(written).not.toBeNull();
    expect(begun).toBe(2);
    expect(readSettled).toBe(false);
  });
});
