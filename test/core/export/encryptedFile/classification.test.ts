import { describe, it, expect, beforeAll } from 'vitest';
import { EncryptedFileError, inspectEncryptedFile, openEncryptedFile } from '../../../../src/core/export/encryptedFile';
import type { EncryptedFileErrorCode } from '../../../../src/core/export/encryptedFile';
import {
  blobBytes,
  encodeHeader,
  expectFileError,
  joinParts,
  PASSPHRASE,
  readAll,
  splitFile,
  toBlob,
  withHeader,
  writeFile,
} from './helpers';

let backup: Uint8Array<ArrayBuffer>;
let evidencePackage: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  backup = await blobBytes(await writeFile([{ meta: { a: 1 } }, { meta: { b: 2 }, bytes: Uint8Array.of(7) }]));
  evidencePackage = await blobBytes(await writeFile([{ meta: { c: 3 } }], 'evidence-package'));
});

/** Both entry points give `code` (open with the right passphrase and kind). */
async function expectBoth(bytes: Uint8Array<ArrayBuffer>, code: EncryptedFileErrorCode): Promise<void> {
  await expectFileError(() => inspectEncryptedFile(toBlob(bytes)), code);
  await expectFileError(() => readAll(toBlob(bytes)), code);
}

describe('wrong passphrase', () => {
  it('fails with wrong-passphrase when opening, before any record is read', async () => {
    const error = await expectFileError(() => openEncryptedFile(toBlob(backup), 'not the passphrase', 'backup'), 'wrong-passphrase');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EncryptedFileError');
  });

  it('treats an empty passphrase as wrong', async () => {
    await expectFileError(() => openEncryptedFile(toBlob(backup), '', 'backup'), 'wrong-passphrase');
  });

  it('is case and whitespace sensitive', async () => {
    await expectFileError(() => openEncryptedFile(toBlob(backup), PASSPHRASE.toUpperCase(), 'backup'), 'wrong-passphrase');
    await expectFileError(() => openEncryptedFile(toBlob(backup), `${PASSPHRASE} `, 'backup'), 'wrong-passphrase');
  });
});

describe('kind', () => {
  it('reports wrong-kind, with the kind the file really is, whatever the passphrase', async () => {
    const asPackage = await expectFileError(() => openEncryptedFile(toBlob(backup), PASSPHRASE, 'evidence-package'), 'wrong-kind');
    expect(asPackage.kind).toBe('backup');
    const asBackup = await expectFileError(() => openEncryptedFile(toBlob(evidencePackage), 'anything', 'backup'), 'wrong-kind');
    expect(asBackup.kind).toBe('evidence-package');
  });

  it('cannot pass a package off as a backup by editing its header: the key is wrapped for its kind', async () => {
    const relabelled = withHeader(evidencePackage, (header) => ({ ...header, kind: 'backup' }));
    expect(await inspectEncryptedFile(toBlob(relabelled))).toEqual({ kind: 'backup', version: 1 });
    await expectFileError(() => openEncryptedFile(toBlob(relabelled), PASSPHRASE, 'backup'), 'wrong-passphrase');
  });

  it('reports a kind this version does not know as newer-version', async () => {
    await expectBoth(
      withHeader(backup, (header) => ({ ...header, kind: 'sync-bundle' })),
      'newer-version',
    );
  });
});

describe('newer versions', () => {
  it('reports version 2 as newer-version, before looking at any other field', async () => {
    await expectBoth(
      withHeader(backup, (header) => ({ ...header, version: 2 })),
      'newer-version',
    );
    await expectBoth(encodeHeader('{"format":"daybook-encrypted-file","version":7,"cipher":"future"}'), 'newer-version');
  });

  it('reports unknown header fields as newer-version', async () => {
    await expectBoth(
      withHeader(backup, (header) => ({ ...header, compression: 'zstd' })),
      'newer-version',
    );
    await expectBoth(
      withHeader(backup, (header) => ({ ...header, kdf: { ...(header.kdf as object), secret: 'pepper' } })),
      'newer-version',
    );
    await expectBoth(
      withHeader(backup, (header) => ({ ...header, wrappedKey: { ...(header.wrappedKey as object), alg: 'x' } })),
      'newer-version',
    );
  });
});

describe('foreign files', () => {
  const foreign: [string, Uint8Array<ArrayBuffer>][] = [
    ['an empty file', new Uint8Array(0)],
    ['random bytes', crypto.getRandomValues(new Uint8Array(4096))],
    ['one random-looking byte', Uint8Array.of(0x7f)],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')],
    ['JSON text', new TextEncoder().encode('{"format":"daybook-encrypted-file","version":1,"kind":"backup"}')],
    ['a ZIP', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)],
    ['"DAYBOOK" without the rest of the signature', encodeHeader('{}', new TextEncoder().encode('DAYBOOK\0ENCX'))],
  ];
  for (const [name, bytes] of foreign) {
    it(`reports ${name} as not-daybook-file`, async () => {
      await expectBoth(bytes, 'not-daybook-file');
    });
  }

  it('reports our signature with a header naming another format as not-daybook-file', async () => {
    await expectBoth(
      withHeader(backup, (header) => ({ ...header, format: 'daybook-sync' })),
      'not-daybook-file',
    );
    await expectBoth(encodeHeader('{"version":1}'), 'not-daybook-file');
  });
});

describe('damaged headers', () => {
  const headerJson = (): Record<string, unknown> => splitFile(backup).headerJson as Record<string, unknown>;
  const withKdf = (change: Record<string, unknown>) =>
    withHeader(backup, (header) => ({ ...header, kdf: { ...(header.kdf as object), ...change } }));

  it('reports a cut-short signature or header as truncated', async () => {
    await expectBoth(backup.slice(0, 4), 'truncated');
    await expectBoth(backup.slice(0, 14), 'truncated');
    await expectBoth(backup.slice(0, 40), 'truncated');
  });

  it('reports impossible header lengths as corrupt without reading them', async () => {
    const zero = encodeHeader('');
    await expectBoth(zero, 'corrupt');
    const huge = new Uint8Array(16);
    huge.set(backup.subarray(0, 12));
    new DataView(huge.buffer).setUint32(12, 0xffff_ffff);
    await expectBoth(huge, 'corrupt');
    const justOver = joinParts([encodeHeader(`{"a":"${'x'.repeat(64 * 1024)}"}`)]);
    await expectBoth(justOver, 'corrupt');
  });

  const malformed: [string, string][] = [
    ['not JSON', '{"format":"daybook-encrypted-file",'],
    ['a JSON array', '["daybook-encrypted-file"]'],
    ['JSON null', 'null'],
    ['a JSON string', '"daybook-encrypted-file"'],
  ];
  for (const [name, json] of malformed) {
    it(`reports a header that is ${name} as corrupt`, async () => {
      await expectBoth(encodeHeader(json), 'corrupt');
    });
  }

  it('reports a header that is not UTF-8 as corrupt', async () => {
    const bytes = encodeHeader('{"format":"daybook-encrypted-file","x":"??"}');
    bytes.set([0xc3, 0x28], bytes.length - 4);
    await expectBoth(bytes, 'corrupt');
  });

  const badFields: [string, (header: Record<string, unknown>) => unknown][] = [
    ['version 0', (h) => ({ ...h, version: 0 })],
    ['version "1"', (h) => ({ ...h, version: '1' })],
    ['version 1.5', (h) => ({ ...h, version: 1.5 })],
    ['no kind', ({ kind: _kind, ...h }) => h],
    ['a numeric kind', (h) => ({ ...h, kind: 1 })],
    ['no KDF parameters', ({ kdf: _kdf, ...h }) => h],
    ['no wrapped key', ({ wrappedKey: _key, ...h }) => h],
    ['a short wrapped key', (h) => ({ ...h, wrappedKey: { iv: (h.wrappedKey as { iv: string }).iv, data: 'AAAA' } })],
    ['a wrapped key that is not base64', (h) => ({ ...h, wrappedKey: { ...(h.wrappedKey as object), iv: '!!!!' } })],
    ['a short file id', (h) => ({ ...h, fileId: 'AAAA' })],
    ['no file id', ({ fileId: _id, ...h }) => h],
  ];
  for (const [name, edit] of badFields) {
    it(`reports ${name} as corrupt`, async () => {
      await expectBoth(withHeader(backup, edit), 'corrupt');
    });
  }

  const badKdf: [string, Record<string, unknown>][] = [
    ['memory beyond the limit (4 TiB)', { memoryKiB: 4 * 1024 * 1024 * 1024 }],
    ['memory just over the limit', { memoryKiB: 1024 * 1024 + 1 }],
    ['memory below the floor', { memoryKiB: 1024 }],
    ['10,000 iterations', { iterations: 10_000 }],
    ['64 lanes', { parallelism: 64 }],
    ['fractional memory', { memoryKiB: 8192.5 }],
    ['memory as text', { memoryKiB: '8192' }],
    ['another algorithm', { algorithm: 'scrypt' }],
    ['a short salt', { salt: 'AAAA' }],
    ['no salt', { salt: undefined }],
  ];
  for (const [name, change] of badKdf) {
    it(`reports KDF parameters with ${name} as corrupt, before deriving anything`, async () => {
      // If these parameters reached Argon2id the test would take minutes or exhaust memory.
      await expectBoth(withKdf(change), 'corrupt');
    });
  }

  it('still reads an untouched header (the edits above are the only difference)', async () => {
    expect(withHeader(backup, () => headerJson())).toEqual(backup);
    expect(await readAll(toBlob(withHeader(backup, () => headerJson())))).toHaveLength(2);
  });

  it('lets no other error type escape, even for a Blob that cannot be read', async () => {
    const broken = new (class extends Blob {
      override slice(): Blob {
        throw new DOMException('The file has been moved', 'NotReadableError');
      }
    })([backup]);
    const error = await expectFileError(() => inspectEncryptedFile(broken), 'corrupt');
    expect(error.cause).toBeInstanceOf(DOMException);
    expect(error).toBeInstanceOf(EncryptedFileError);
  });
});
