import { describe, it, expect, beforeAll } from 'vitest';
import { EncryptedFileError } from '../../../../src/core/export/encryptedFile';
import type { FileRecord } from '../../../../src/core/export/encryptedFile';
import { flipBit } from '../../crypto/helpers';
import { blobBytes, caught, expectFileError, joinParts, readAll, splitFile, toBlob, writeFile } from './helpers';
import type { FileParts } from './helpers';

// Small on purpose: every flipped byte costs an Argon2id run.
const RECORDS: FileRecord[] = [{ meta: {} }, { meta: { n: 1 }, bytes: Uint8Array.of(9) }];

let original: Uint8Array<ArrayBuffer>;
let parts: FileParts;

beforeAll(async () => {
  original = await blobBytes(await writeFile(RECORDS));
  parts = splitFile(original);
});

const readBytes = (bytes: Uint8Array<ArrayBuffer>) => readAll(toBlob(bytes));

/** Reading fails with an EncryptedFileError, and returns its code. */
async function failureCode(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const error = await caught(() => readBytes(bytes));
  expect(error).toBeInstanceOf(EncryptedFileError);
  return (error as EncryptedFileError).code;
}

function frameOffset(index: number): number {
  return parts.header.length + parts.frames.slice(0, index).reduce((sum, frame) => sum + frame.length, 0);
}

describe('the untouched file', () => {
  it('reads back (so every failure below is caused by the change it makes)', async () => {
    expect((await readBytes(original)).map((r) => r.meta)).toEqual([{}, { n: 1 }]);
    expect(parts.frames).toHaveLength(3);
  });
});

describe('bit flips', () => {
  it('fails for a flip in any byte of the header', async () => {
    for (let i = 0; i < parts.header.length; i++) {
      const error = await caught(() => readBytes(flipBit(original, i, i % 8)));
      expect(error, `header byte ${i}`).toBeInstanceOf(EncryptedFileError);
    }
  });

  it("fails for a flip in each frame's length and type, and at either end of its IV and ciphertext", async () => {
    // Every byte would cost an Argon2id run each; GCM treats them alike, and the
    // property test flips random ones.
    for (const [f, frame] of parts.frames.entries()) {
      const start = frameOffset(f);
      const positions = [0, 1, 2, 3, 4, 5, 16, 17, frame.length - 17, frame.length - 1].map((p) => start + p);
      for (const i of positions) {
        const code = await failureCode(flipBit(original, i, i % 8));
        // A length that grew runs past the end of the file.
        const expected = i - start < 4 ? ['corrupt', 'truncated'] : ['corrupt'];
        expect(expected, `frame ${f}, byte ${i - start}`).toContain(code);
      }
    }
  });

  it('reports a flipped IV, ciphertext, tag or type byte as corrupt', async () => {
    const start = frameOffset(1);
    const frameLength = parts.frames[1]?.length ?? 0;
    const positions = { type: start + 4, iv: start + 5, ciphertext: start + 17, tag: start + frameLength - 1 };
    for (const [field, position] of Object.entries(positions)) {
      await expectFileError(() => readBytes(flipBit(original, position, 7)), 'corrupt').catch((error: unknown) => {
        throw new Error(`${field}: ${String(error)}`);
      });
    }
  });

  it('reports a frame length that shrank as corrupt and one beyond the cap as corrupt', async () => {
    const shrunk = new Uint8Array(original);
    const view = new DataView(shrunk.buffer);
    view.setUint32(frameOffset(0), view.getUint32(frameOffset(0)) - 1);
    await expectFileError(() => readBytes(shrunk), 'corrupt');
    view.setUint32(frameOffset(0), 0x7fff_ffff);
    await expectFileError(() => readBytes(shrunk), 'corrupt');
  });
});

describe('frames rearranged', () => {
  const [r0, r1, end] = [0, 1, 2];
  const arrangements: [string, number[], string][] = [
    ['records swapped', [r1, r0, end], 'corrupt'],
    ['a record duplicated', [r0, r0, r1, end], 'corrupt'],
    ['the first record dropped', [r1, end], 'corrupt'],
    ['the second record dropped', [r0, end], 'corrupt'],
    ['all records dropped', [end], 'corrupt'],
    ['the end frame dropped', [r0, r1], 'truncated'],
    ['the end frame first', [end, r0, r1], 'corrupt'],
    ['the end frame twice', [r0, r1, end, end], 'corrupt'],
  ];
  for (const [name, order, code] of arrangements) {
    it(`reports ${name} as ${code}`, async () => {
      const frames = order.map((i) => parts.frames[i] as Uint8Array);
      await expectFileError(() => readBytes(joinParts([parts.header, ...frames])), code as 'corrupt' | 'truncated');
    });
  }

  it('refuses frames moved between files made with the same passphrase', async () => {
    const other = splitFile(await blobBytes(await writeFile(RECORDS)));
    await expectFileError(() => readBytes(joinParts([parts.header, ...other.frames])), 'corrupt');
    await expectFileError(() => readBytes(joinParts([parts.header, parts.frames[0] as Uint8Array, ...other.frames.slice(1)])), 'corrupt');
  });
});

describe('data after the end frame', () => {
  const tails: [string, () => Uint8Array][] = [
    ['one zero byte', () => new Uint8Array(1)],
    ['a frame prefix', () => (parts.frames[0] as Uint8Array).subarray(0, 5)],
    ['a whole record frame', () => parts.frames[0] as Uint8Array],
    ['a second copy of the file', () => original],
  ];
  for (const [name, tail] of tails) {
    it(`reports ${name} appended as corrupt`, async () => {
      await expectFileError(() => readBytes(joinParts([original, tail()])), 'corrupt');
    });
  }
});
