// Shared helpers for the encrypted file tests (not a test file itself).
import { expect } from 'vitest';
import { EncryptedFileError, EncryptedFileWriter, openEncryptedFile } from '../../../../src/core/export/encryptedFile';
import type { EncryptedFileErrorCode, EncryptedFileKind, FileRecord } from '../../../../src/core/export/encryptedFile';
import { FAST_COST } from '../../crypto/helpers';

export const PASSPHRASE = 'correct horse battery staple';

const MAGIC_BYTES = 12;
const FRAME_PREFIX_BYTES = 5;

export function patternBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

export async function writeFile(
  records: readonly FileRecord[],
  kind: EncryptedFileKind = 'backup',
  passphrase = PASSPHRASE,
): Promise<Blob> {
  const writer = await EncryptedFileWriter.create({ kind, passphrase, kdfCost: FAST_COST });
  for (const record of records) await writer.add(record);
  return writer.finish();
}

export async function readAll(file: Blob, passphrase = PASSPHRASE, kind: EncryptedFileKind = 'backup'): Promise<FileRecord[]> {
  const reader = await openEncryptedFile(file, passphrase, kind);
  const records: FileRecord[] = [];
  for await (const record of reader.records()) records.push(record);
  return records;
}

export async function blobBytes(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}

export function toBlob(bytes: Uint8Array<ArrayBuffer>): Blob {
  return new Blob([bytes]);
}

/** Runs `action` and returns what it threw (failing the test if it did not throw). */
export async function caught(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  return expect.fail('expected an error, but it succeeded');
}

/** Asserts that `action` fails with an EncryptedFileError of `code` (and returns it). */
export async function expectFileError(action: () => Promise<unknown>, code: EncryptedFileErrorCode): Promise<EncryptedFileError> {
  const error = await caught(action);
  expect(error).toBeInstanceOf(EncryptedFileError);
  expect((error as EncryptedFileError).code).toBe(code);
  return error as EncryptedFileError;
}

/** A file cut into its parts, following the layout in docs/encrypted-file-format.md. */
export interface FileParts {
  /** Magic, header length and header JSON. */
  header: Uint8Array<ArrayBuffer>;
  headerJson: unknown;
  /** Each frame whole: length, type, IV, ciphertext. */
  frames: Uint8Array<ArrayBuffer>[];
}

export function splitFile(bytes: Uint8Array<ArrayBuffer>): FileParts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerEnd = MAGIC_BYTES + 4 + view.getUint32(MAGIC_BYTES);
  const headerJson: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC_BYTES + 4, headerEnd)));
  const frames: Uint8Array<ArrayBuffer>[] = [];
  let offset = headerEnd;
  while (offset < bytes.length) {
    const end = offset + FRAME_PREFIX_BYTES + view.getUint32(offset);
    frames.push(bytes.slice(offset, end));
    offset = end;
  }
  expect(offset).toBe(bytes.length);
  return { header: bytes.slice(0, headerEnd), headerJson, frames };
}

export function joinParts(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Magic, length and `json` as a header, so tests can craft headers. */
export function encodeHeader(json: string, magic: Uint8Array = new TextEncoder().encode('DAYBOOK\0ENCF')): Uint8Array<ArrayBuffer> {
  const body = new TextEncoder().encode(json);
  const bytes = new Uint8Array(magic.length + 4 + body.length);
  bytes.set(magic, 0);
  new DataView(bytes.buffer).setUint32(magic.length, body.length);
  bytes.set(body, magic.length + 4);
  return bytes;
}

/** The file with its header JSON replaced by `edit(header)`, frames unchanged. */
export function withHeader(bytes: Uint8Array<ArrayBuffer>, edit: (header: Record<string, unknown>) => unknown): Uint8Array<ArrayBuffer> {
  const { headerJson, frames } = splitFile(bytes);
  const copy = structuredClone(headerJson) as Record<string, unknown>;
  return joinParts([encodeHeader(JSON.stringify(edit(copy))), ...frames]);
}
