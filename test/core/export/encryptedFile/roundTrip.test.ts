import { describe, it, expect } from 'vitest';
import {
  ENCRYPTED_FILE_MIME_TYPE,
  EncryptedFileWriter,
  inspectEncryptedFile,
  MAX_RECORD_PLAINTEXT_BYTES,
  openEncryptedFile,
} from '../../../../src/core/export/encryptedFile';
import type { FileRecord } from '../../../../src/core/export/encryptedFile';
import { expectSameBytes, FAST_COST } from '../../crypto/helpers';
import { blobBytes, caught, PASSPHRASE, patternBytes, readAll, splitFile, writeFile } from './helpers';

const MiB = 1024 * 1024;

function expectSameRecords(actual: FileRecord[], expected: readonly FileRecord[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((record, i) => {
    const want = expected[i] as FileRecord;
    expect(record.meta).toEqual(want.meta);
    if (want.bytes === undefined) {
      expect(record).not.toHaveProperty('bytes');
    } else {
      expect(record.bytes).toBeInstanceOf(Uint8Array);
      expectSameBytes(record.bytes as Uint8Array, want.bytes);
    }
  });
}

describe('encrypted file round trip', () => {
  it('keeps many records in order: empty meta, Unicode meta, payloads of 0, 1 and ~1 MiB bytes', async () => {
    const records: FileRecord[] = [
      { meta: {} },
      { meta: { type: 'incident', text: 'Roedd e tu allan i’r tŷ eto 🙁 — «ç’est» 日本語 \u0000 nul' } },
      { meta: { empty: true }, bytes: new Uint8Array(0) },
      { meta: { one: 1 }, bytes: Uint8Array.of(0xff) },
      { meta: { chunk: 0, nested: { list: [1, 'two', null, { deep: false }] } }, bytes: patternBytes(MiB + 3) },
      ...Array.from({ length: 200 }, (_, i): FileRecord => ({ meta: { i, id: `rec-${i}` }, bytes: patternBytes(i % 7, i) })),
      { meta: { last: 'ẞ' } },
    ];
    const file = await writeFile(records);
    expect(file.type).toBe(ENCRYPTED_FILE_MIME_TYPE);
    expectSameRecords(await readAll(file), records);
  });

  it('writes an empty file that reads back as no records', async () => {
    const file = await writeFile([]);
    expect(await readAll(file)).toEqual([]);
    // Header plus one end frame: length (4), type (1), IV (12), count (4), tag (16).
    expect(splitFile(await blobBytes(file)).frames.map((frame) => frame.length)).toEqual([37]);
  });

  it('round-trips evidence packages and reports each kind without a passphrase', async () => {
    const packageFile = await writeFile([{ meta: { incident: 'x' } }], 'evidence-package');
    expect(await inspectEncryptedFile(packageFile)).toEqual({ kind: 'evidence-package', version: 1 });
    expect(await inspectEncryptedFile(await writeFile([]))).toEqual({ kind: 'backup', version: 1 });
    expect((await readAll(packageFile, PASSPHRASE, 'evidence-package')).map((r) => r.meta)).toEqual([{ incident: 'x' }]);
  });

  it('accepts the same passphrase typed in decomposed Unicode (NFC)', async () => {
    const file = await writeFile([{ meta: { a: 1 } }], 'backup', 'caf\u00e9 au lait');
    expect(await readAll(file, 'cafe\u0301 au lait')).toHaveLength(1);
  });

  it('uses a fresh salt, key and file id every time: identical input gives different files', async () => {
    const [a, b] = await Promise.all([writeFile([{ meta: { a: 1 } }]), writeFile([{ meta: { a: 1 } }])]);
    const headerA = splitFile(await blobBytes(a)).headerJson as Record<string, Record<string, unknown>>;
    const headerB = splitFile(await blobBytes(b)).headerJson as Record<string, Record<string, unknown>>;
    expect(headerA.kdf?.salt).not.toBe(headerB.kdf?.salt);
    expect(headerA.fileId).not.toBe(headerB.fileId);
    expect(headerA.wrappedKey).not.toEqual(headerB.wrappedKey);
  });

  it('stores the KDF cost it was given, and the design default otherwise', async () => {
    const fast = splitFile(await blobBytes(await writeFile([]))).headerJson as { kdf: Record<string, unknown> };
    expect(fast.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 8192, iterations: 1, parallelism: 1 });
  });

  it('returns byte payloads that do not share memory with the meta', async () => {
    const [record] = await readAll(await writeFile([{ meta: { a: 'b' }, bytes: Uint8Array.of(1, 2, 3) }]));
    expect(record?.bytes?.buffer.byteLength).toBe(3);
  });

  it('keeps records in call order when add() is not awaited', async () => {
    const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
    const adds = Array.from({ length: 20 }, (_, i) => writer.add({ meta: { i }, bytes: patternBytes(i * 1000) }));
    const file = await writer.finish();
    await Promise.all(adds);
    expect((await readAll(file)).map((r) => r.meta.i)).toEqual([...Array(20).keys()]);
  });

  it('reads a file twice from the same reader', async () => {
    const reader = await openEncryptedFile(await writeFile([{ meta: { a: 1 } }, { meta: { b: 2 } }]), PASSPHRASE, 'backup');
    for (let pass = 0; pass < 2; pass++) {
      const metas: unknown[] = [];
      for await (const record of reader.records()) metas.push(record.meta);
      expect(metas).toEqual([{ a: 1 }, { b: 2 }]);
    }
  });
});

describe('encrypted file writer refuses bad input', () => {
  async function newWriter(): Promise<EncryptedFileWriter> {
    return EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
  }

  it('refuses an empty passphrase and an unknown kind', async () => {
    expect(await caught(() => EncryptedFileWriter.create({ kind: 'backup', passphrase: '', kdfCost: FAST_COST }))).toBeInstanceOf(
      RangeError,
    );
    const kind = 'diary' as unknown as 'backup';
    expect(await caught(() => EncryptedFileWriter.create({ kind, passphrase: PASSPHRASE, kdfCost: FAST_COST }))).toBeInstanceOf(TypeError);
  });

  it('throws RangeError for a record over the cap and stays usable', async () => {
    const writer = await newWriter();
    const tooBig = { meta: {}, bytes: new Uint8Array(MAX_RECORD_PLAINTEXT_BYTES) };
    expect(await caught(() => writer.add(tooBig))).toBeInstanceOf(RangeError);
    // Exactly at the cap: 1 flag byte, 4 length bytes, "{}" and the payload.
    await writer.add({ meta: {}, bytes: new Uint8Array(MAX_RECORD_PLAINTEXT_BYTES - 7) });
    await writer.add({ meta: { after: true } });
    const records = await readAll(await writer.finish());
    expect(records.map((r) => r.bytes?.length)).toEqual([MAX_RECORD_PLAINTEXT_BYTES - 7, undefined]);
  });

  it('throws TypeError for meta that JSON would not keep whole', async () => {
    const writer = await newWriter();
    const bad: unknown[] = [
      null,
      { meta: null },
      { meta: [1, 2] },
      { meta: new Map([['a', 1]]) },
      { meta: new Date(0) },
      { meta: { a: 1n } },
      { meta: {}, bytes: [1, 2, 3] },
      { meta: {}, bytes: new Uint16Array(2) },
    ];
    for (const record of bad) {
      expect(await caught(() => writer.add(record as FileRecord)), JSON.stringify(String(record))).toBeInstanceOf(TypeError);
    }
    await writer.add({ meta: Object.assign(Object.create(null) as object, { ok: true }) as Record<string, unknown> });
    expect((await readAll(await writer.finish())).map((r) => r.meta)).toEqual([{ ok: true }]);
  });

  it('refuses add() after finish() and a second finish()', async () => {
    const writer = await newWriter();
    await writer.finish();
    expect(await caught(() => writer.add({ meta: {} }))).toBeInstanceOf(Error);
    expect(await caught(() => writer.finish())).toBeInstanceOf(Error);
  });
});
