import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decryptRecord, encryptRecord } from '../../../src/core/crypto/records';
import type { EncryptedRecord } from '../../../src/core/crypto/records';
import { DecryptionError, UnsupportedVaultError } from '../../../src/core/crypto/errors';
import { bytesToBase64 } from '../../../src/core/crypto/encoding';
import { expectRejection, flipBit, newAesKey } from './helpers';

describe('encryptRecord / decryptRecord', () => {
  it('round-trips a diary-like value', async () => {
    const key = await newAesKey();
    const entry = {
      occurredAt: '2025-03-01T21:40:00Z',
      kind: 'followed',
      text: 'Saw him at the bus stop again — third time this week. 😟',
      witnesses: ['Sam'],
      photos: 2,
      police: null,
    };
    const record = await encryptRecord(key, 'incidents', 'id-1', entry);
    expect(record.v).toBe(1);
    expect(record.iv).toBeInstanceOf(Uint8Array);
    expect(record.data).toBeInstanceOf(Uint8Array);
    expect(await decryptRecord(key, 'incidents', 'id-1', record)).toEqual(entry);
  });

  it('stores no plaintext', async () => {
    const key = await newAesKey();
    const record = await encryptRecord(key, 't', 'i', { secret: 'unmistakable-marker' });
    expect(new TextDecoder('latin1').decode(record.data)).not.toContain('unmistakable');
    expect(new TextDecoder('latin1').decode(record.data)).not.toContain('secret');
  });

  it('survives structured cloning (as IndexedDB stores it)', async () => {
    const key = await newAesKey();
    const record = structuredClone(await encryptRecord(key, 't', 'i', [1, 'two', { three: 3 }]));
    expect(await decryptRecord(key, 't', 'i', record)).toEqual([1, 'two', { three: 3 }]);
  });

  it('round-trips arbitrary JSON values (property)', async () => {
    const key = await newAesKey();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string(), fc.uuid(), async (value, table, id) => {
        fc.pre(!table.includes('\0'));
        const record = await encryptRecord(key, table, id, value);
        // The contract is JSON's: compare with what JSON itself round-trips (e.g. -0 -> 0).
        expect(await decryptRecord(key, table, id, record)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('encrypts the same value differently every time', async () => {
    const key = await newAesKey();
    const a = await encryptRecord(key, 't', 'i', 'same');
    const b = await encryptRecord(key, 't', 'i', 'same');
    expect(bytesToBase64(a.iv)).not.toBe(bytesToBase64(b.iv));
    expect(bytesToBase64(a.data)).not.toBe(bytesToBase64(b.data));
  });

  it('refuses values JSON cannot represent and NUL in table or id', async () => {
    const key = await newAesKey();
    await expect(encryptRecord(key, 't', 'i', undefined)).rejects.toThrow(TypeError);
    await expect(encryptRecord(key, 't', 'i', () => 1)).rejects.toThrow(TypeError);
    await expect(encryptRecord(key, 't\0x', 'i', 1)).rejects.toThrow(TypeError);
    await expect(encryptRecord(key, 't', 'i\0', 1)).rejects.toThrow(TypeError);
  });
});

describe('record tamper detection', () => {
  it('detects every single-bit change of the ciphertext, tag and IV', async () => {
    const key = await newAesKey();
    const record = await encryptRecord(key, 'incidents', 'abc', { n: 1, t: 'hi' });
    const tampered: EncryptedRecord[] = [];
    for (let i = 0; i < record.data.length; i++) {
      for (let bit = 0; bit < 8; bit++) tampered.push({ ...record, data: flipBit(record.data, i, bit) });
    }
    for (let i = 0; i < record.iv.length; i++) {
      for (let bit = 0; bit < 8; bit++) tampered.push({ ...record, iv: flipBit(record.iv, i, bit) });
    }
    expect(tampered.length).toBe((record.data.length + 12) * 8);
    for (const bad of tampered) await expectRejection(decryptRecord(key, 'incidents', 'abc', bad), DecryptionError);
    // The untouched record still opens: the failures above were the tampering.
    expect(await decryptRecord(key, 'incidents', 'abc', record)).toEqual({ n: 1, t: 'hi' });
  });

  it('detects a record moved to another table or id (additional data)', async () => {
    const key = await newAesKey();
    const record = await encryptRecord(key, 'incidents', 'abc', 'value');
    const elsewhere: [string, string][] = [
      ['incidents', 'abd'],
      ['incidents', 'ab'],
      ['incidents', 'abc '],
      ['incidentsabc', ''],
      ['incident', 'sabc'],
      ['people', 'abc'],
      ['Incidents', 'abc'],
      ['', 'abc'],
    ];
    for (const [table, id] of elsewhere) {
      await expectRejection(decryptRecord(key, table, id, record), DecryptionError);
    }
  });

  it('detects truncation, extension and the wrong key', async () => {
    const key = await newAesKey();
    const record = await encryptRecord(key, 't', 'i', 'value');
    await expectRejection(decryptRecord(key, 't', 'i', { ...record, data: record.data.subarray(1) }), DecryptionError);
    await expectRejection(decryptRecord(key, 't', 'i', { ...record, data: record.data.subarray(0, -1) }), DecryptionError);
    await expectRejection(decryptRecord(key, 't', 'i', { ...record, data: new Uint8Array([...record.data, 0]) }), DecryptionError);
    await expectRejection(decryptRecord(key, 't', 'i', { ...record, data: new Uint8Array() }), DecryptionError);
    await expectRejection(decryptRecord(await newAesKey(), 't', 'i', record), DecryptionError);
  });

  it('rejects malformed or unknown-version records', async () => {
    const key = await newAesKey();
    const record = await encryptRecord(key, 't', 'i', 'value');
    await expectRejection(decryptRecord(key, 't', 'i', { ...record, v: 3 } as unknown as EncryptedRecord), UnsupportedVaultError);
    await expectRejection(
      decryptRecord(key, 't', 'i', { ...record, iv: bytesToBase64(record.iv) } as unknown as EncryptedRecord),
      DecryptionError,
    );
  });
});
