import { describe, it, expect } from 'vitest';
import { openEncryptedFile } from '../../../../src/core/export/encryptedFile';
import { BlobAccumulator } from '../../../../src/core/export/encryptedFile/blobAccumulator';
import { READ_WINDOW_BYTES } from '../../../../src/core/export/encryptedFile/blobSlice';
import { expectSameBytes } from '../../crypto/helpers';
import { blobBytes, caught, expectFileError, PASSPHRASE, patternBytes, splitFile, writeFile } from './helpers';

const MiB = 1024 * 1024;

/** A Blob that records every slice taken of it and refuses to be read whole. */
class ObservedBlob extends Blob {
  readonly reads: { start: number; end: number }[] = [];

  override slice(start = 0, end = this.size, contentType?: string): Blob {
    this.reads.push({ start, end });
    return super.slice(start, end, contentType);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    throw new Error('the whole file was read at once');
  }

  override text(): Promise<string> {
    throw new Error('the whole file was read at once');
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    throw new Error('the whole file was read at once');
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    throw new Error('the whole file was read at once');
  }

  get largestRead(): number {
    return Math.max(...this.reads.map((read) => read.end - read.start));
  }
}

describe('the reader reads in slices', () => {
  it('reads through a window: no read larger than one window or one frame, never the whole file', async () => {
    const sizes = [MiB, 0, MiB, 5, MiB - 1];
    const file = await writeFile(sizes.map((size, i) => ({ meta: { i }, bytes: patternBytes(size, i) })));
    const { header, frames } = splitFile(await blobBytes(file));
    const observed = new ObservedBlob([file]);

    const reader = await openEncryptedFile(observed, PASSPHRASE, 'backup');
    const readsToOpen = observed.reads.length;
    expect(readsToOpen).toBe(2); // signature and length, then the header JSON
    expect(Math.max(...observed.reads.map((read) => read.end))).toBe(header.length);

    const seen: number[] = [];
    for await (const record of reader.records()) {
      const i = record.meta.i as number;
      expectSameBytes(record.bytes as Uint8Array, patternBytes(sizes[i] as number, i));
      seen.push(i);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(observed.reads.length).toBeLessThanOrEqual(readsToOpen + 2 * frames.length);
    const largestFrame = Math.max(...frames.map((frame) => frame.length));
    expect(observed.largestRead).toBeLessThanOrEqual(Math.max(largestFrame, READ_WINDOW_BYTES));
    expect(observed.largestRead).toBeLessThan(MiB + 1024);
    expect(observed.largestRead).toBeLessThan(file.size / 3);
  });

  it('reads many small records a window at a time, not two reads each', async () => {
    const count = 2000;
    const file = await writeFile(Array.from({ length: count }, (_, i) => ({ meta: { i, text: 'x'.repeat(200) } })));
    const observed = new ObservedBlob([file]);
    const reader = await openEncryptedFile(observed, PASSPHRASE, 'backup');
    let read = 0;
    for await (const record of reader.records()) expect(record.meta.i).toBe(read++);
    expect(read).toBe(count);
    expect(file.size).toBeGreaterThan(READ_WINDOW_BYTES / 4);
    expect(observed.reads.length).toBeLessThan(10);
    expect(observed.largestRead).toBeLessThanOrEqual(READ_WINDOW_BYTES);
  });

  it('reads only the header when the passphrase is wrong', async () => {
    const file = await writeFile([{ meta: {}, bytes: patternBytes(1000) }]);
    const observed = new ObservedBlob([file]);
    await expectFileError(() => openEncryptedFile(observed, 'wrong', 'backup'), 'wrong-passphrase');
    const headerLength = splitFile(await blobBytes(file)).header.length;
    expect(observed.reads.every((read) => read.end <= headerLength)).toBe(true);
  });

  it('never reads a hostile frame length: the length is refused before any slice of that size', async () => {
    const bytes = await blobBytes(await writeFile([{ meta: {} }]));
    const frameStart = splitFile(bytes).header.length;
    new DataView(bytes.buffer).setUint32(frameStart, 0xffff_fff0);
    const observed = new ObservedBlob([bytes]);
    const reader = await openEncryptedFile(observed, PASSPHRASE, 'backup');
    await expectFileError(async () => {
      for await (const record of reader.records()) expect.fail(`no record should be read: ${JSON.stringify(record.meta)}`);
    }, 'corrupt');
    expect(observed.largestRead).toBeLessThan(1024);
  });
});

describe('the writer keeps its output in a Blob', () => {
  it('folds parts into the Blob once the threshold is reached', async () => {
    const output = new BlobAccumulator(100);
    const held: number[] = [];
    const parts = Array.from({ length: 30 }, (_, i) => patternBytes(i * 3, i));
    for (const part of parts) {
      output.append(part);
      held.push(output.heldBytes);
    }
    expect(Math.max(...held)).toBeLessThan(100);
    expect(held.filter((bytes) => bytes === 0).length).toBeGreaterThan(5);
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    expect(output.size).toBe(total);
    const blob = output.toBlob('application/octet-stream');
    expect(blob.type).toBe('application/octet-stream');
    const expected = new Uint8Array(total);
    let offset = 0;
    for (const part of parts) {
      expected.set(part, offset);
      offset += part.length;
    }
    expectSameBytes(await blobBytes(blob), expected);
  });

  it('flush moves what is held in arrays into the Blob at once', async () => {
    const output = new BlobAccumulator(1024 * 1024);
    output.append(patternBytes(300, 1));
    expect(output.heldBytes).toBe(300);
    output.flush();
    expect(output.heldBytes).toBe(0);
    expect(output.size).toBe(300);
    expectSameBytes(await blobBytes(output.toBlob('')), patternBytes(300, 1));
  });

  it('refuses a nonsensical threshold', async () => {
    expect(await caught(async () => new BlobAccumulator(0))).toBeInstanceOf(RangeError);
  });

  it('writes a file of 20 MiB that reads back whole (more than two folds)', async () => {
    const chunks = 20;
    const file = await writeFile(Array.from({ length: chunks }, (_, i) => ({ meta: { i }, bytes: patternBytes(MiB, i) })));
    expect(file.size).toBeGreaterThan(chunks * MiB);
    const reader = await openEncryptedFile(file, PASSPHRASE, 'backup');
    let count = 0;
    for await (const record of reader.records()) {
      expect(record.bytes?.[12345]).toBe(patternBytes(MiB, count)[12345]);
      count += 1;
    }
    expect(count).toBe(chunks);
  });
});
