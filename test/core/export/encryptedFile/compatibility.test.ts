import { describe, it, expect } from 'vitest';
import { argon2id } from 'hash-wasm';
import { openEncryptedFile } from '../../../../src/core/export/encryptedFile';
import { bytesToHex } from '../../crypto/helpers';
import { blobBytes, PASSPHRASE, patternBytes, toBlob, writeFile } from './helpers';

// An evidence package written by the first version of the format, passphrase
// "fixture passphrase", FAST_COST. Every later version must still read it.
// Its records are the three in FIXTURE_RECORDS.
const FIXTURE_BASE64 =
  'REFZQk9PSwBFTkNGAAABT3siZm9ybWF0IjoiZGF5Ym9vay1lbmNyeXB0ZWQtZmlsZSIsInZlcnNpb24iOjEsImtpbmQiOiJldmlkZW5jZS1wYWNrYWdlIiwiZmlsZUlkIjoiazlZeXVHbkV3S1NVeEdRREkzMDJjZz09Iiwia2RmIjp7ImFsZ29yaXRobSI6ImFyZ29uMmlkIiwibWVtb3J5S2lCIjo4MTkyLCJpdGVyYXRpb25zIjoxLCJwYXJhbGxlbGlzbSI6MSwic2FsdCI6InVwVVNTc2dBUEZFb3pxV2sxR1Y1bFE9PSJ9LCJ3cmFwcGVkS2V5Ijp7Iml2IjoiSU94UC9GaDRlL1hmS1U2RyIsImRhdGEiOiI2emgvM1Znd080K0dBTXV1WUkzVlFKbUNRTmFGWk1iUVFUZ000SjFscnV2OVYrU1hLS3NOOWxTVWJoQ0hwVHgzIn19AAAAIwFw2sbx2CH28HpXJbaUzUZ9OPVnORjLIqPGcLKUt2WALvQ4OwAAADsB/AUeb7f/G0jngzgyvlzUuaqfeNxDTxAxjTanrdF3Emmm3PnpOIBeQtQ2ViPaAggpl/ZreT5VePAgQgYAAAAvAWlfSfLxRz4F2Hh4J+871zKWmxR6zCsa7wKXAoxAfYLz97ZFXHm/0UxqqudpHumGAAAAIAIfyeGoBS9TIfrc2qpHUBsU//Z+Ps2qQT05kf+IrnUEsQ==';
const FIXTURE_PASSPHRASE = 'fixture passphrase';
const FIXTURE_RECORDS = [{ meta: {} }, { meta: { note: 'Daybook ✓' }, bytes: '00010203' }, { meta: { empty: true }, bytes: '' }];

function fixtureBytes(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(FIXTURE_BASE64, 'base64'));
}

interface PlainRecord {
  meta: unknown;
  bytes?: string;
}

const utf8 = new TextEncoder();
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * A reader written from docs/encrypted-file-format.md alone, with hash-wasm and
 * WebCrypto and nothing from src/: if the document and the code disagree, this fails.
 */
async function independentRead(file: Uint8Array<ArrayBuffer>, passphrase: string, kind: string): Promise<PlainRecord[]> {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  expect(new TextDecoder().decode(file.subarray(0, 12))).toBe('DAYBOOK\u0000ENCF');
  const headerEnd = 16 + view.getUint32(12);
  const header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.subarray(16, headerEnd))) as {
    format: string;
    version: number;
    kind: string;
    fileId: string;
    kdf: { algorithm: string; memoryKiB: number; iterations: number; parallelism: number; salt: string };
    wrappedKey: { iv: string; data: string };
  };
  expect([header.format, header.version, header.kind, header.kdf.algorithm]).toEqual(['daybook-encrypted-file', 1, kind, 'argon2id']);
  expect(fromBase64(header.fileId)).toHaveLength(16);

  const kekBytes = await argon2id({
    password: utf8.encode(passphrase.normalize('NFC')),
    salt: fromBase64(header.kdf.salt),
    iterations: header.kdf.iterations,
    parallelism: header.kdf.parallelism,
    memorySize: header.kdf.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
  const kek = await crypto.subtle.importKey('raw', new Uint8Array(kekBytes), 'AES-GCM', false, ['decrypt']);
  const fileKeyBytes = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(header.wrappedKey.iv), additionalData: utf8.encode(`daybook/wrap/encrypted-file/${kind}/v1`) },
    kek,
    fromBase64(header.wrappedKey.data),
  );
  const fileKey = await crypto.subtle.importKey('raw', fileKeyBytes, 'AES-GCM', false, ['decrypt']);
  const headerHash = new Uint8Array(await crypto.subtle.digest('SHA-256', file.subarray(0, headerEnd)));

  const records: PlainRecord[] = [];
  let offset = headerEnd;
  for (let index = 0; ; index++) {
    const bodyLength = view.getUint32(offset);
    const type = view.getUint8(offset + 4);
    const body = file.subarray(offset + 5, offset + 5 + bodyLength);
    offset += 5 + bodyLength;
    const context = utf8.encode('daybook/encrypted-file/frame/v1\u0000');
    const additionalData = new Uint8Array(context.length + 32 + 4 + 1);
    additionalData.set(context);
    additionalData.set(headerHash, context.length);
    new DataView(additionalData.buffer).setUint32(context.length + 32, index);
    additionalData[context.length + 36] = type;
    const plaintext = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: body.subarray(0, 12), additionalData }, fileKey, body.subarray(12)),
    );
    const plain = new DataView(plaintext.buffer);
    if (type === 2) {
      expect(plain.getUint32(0)).toBe(index);
      expect(offset).toBe(file.length);
      return records;
    }
    expect(type).toBe(1);
    const metaEnd = 5 + plain.getUint32(1);
    const meta: unknown = JSON.parse(new TextDecoder().decode(plaintext.subarray(5, metaEnd)));
    records.push(plaintext[0] === 1 ? { meta, bytes: bytesToHex(plaintext.subarray(metaEnd)) } : { meta });
  }
}

describe('format compatibility', () => {
  it('reads the version 1 fixture', async () => {
    const reader = await openEncryptedFile(toBlob(fixtureBytes()), FIXTURE_PASSPHRASE, 'evidence-package');
    const records: PlainRecord[] = [];
    for await (const { meta, bytes } of reader.records()) records.push(bytes ? { meta, bytes: bytesToHex(bytes) } : { meta });
    expect(records).toEqual(FIXTURE_RECORDS);
  });

  it('the documented layout reads the fixture', async () => {
    expect(await independentRead(fixtureBytes(), FIXTURE_PASSPHRASE, 'evidence-package')).toEqual(FIXTURE_RECORDS);
  });

  it('the documented layout reads what the writer writes today', async () => {
    const payload = patternBytes(70_000);
    const file = await writeFile([{ meta: { a: 'ä' } }, { meta: {}, bytes: payload }], 'backup');
    expect(await independentRead(await blobBytes(file), PASSPHRASE, 'backup')).toEqual([
      { meta: { a: 'ä' } },
      { meta: {}, bytes: bytesToHex(payload) },
    ]);
  });
});
