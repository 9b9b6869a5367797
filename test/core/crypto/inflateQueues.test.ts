// Inflates queue one after another (core/crypto/deflate.ts), reads in one queue and the checks of
// packs being written in another. Its own file: the read left stuck here stays stuck for the
// module's life.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { deflateWithLength, inflateWithLength } from '../../../src/core/crypto/deflate';
import { countDecompressionStreams } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('inflate queues', () => {
  it('a pack being written is checked even while a read never ends', async () => {
    const stored = await deflateWithLength(new Uint8Array(2000).fill(7));
    if (!stored) throw new Error('deflate failed');
    // The first stream begun (the read's) never gives anything, nor ends.
    const { begun } = countDecompressionStreams((stream, number) => {
      if (number === 1) Object.defineProperty(stream, 'readable', { value: new ReadableStream<Uint8Array>() });
    });
    let readSettled = false;
    void inflateWithLength(stored).finally(() => (readSettled = true));
    const written = await deflateWithLength(new Uint8Array(3000).fill(9));
    expect(written).not.toBeNull();
    expect(begun()).toBe(2);
    expect(readSettled).toBe(false);
  });
});
