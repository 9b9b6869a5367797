// Reading a backup all the way through before anything is written: every record is
// authenticated and validated, every file's bytes are checked against its SHA-256, and the
// diary's chain is verified (and the result reported). Only then does a restore change anything.

import type { SavedChecklistResult } from '../checklist/result';
import { createStreamingSha256, type StreamingSha256 } from '../crypto/streamingSha256';
import { contentKey, verifyChain, type ChainVerification } from '../evidence';
import { EncryptedFileError, openEncryptedFile, type EncryptedFileReader, type FileRecord } from '../export/encryptedFile';
import type { AttachmentRef } from '../model/incident';
import type { RevisionRecord } from '../store/diaryRepository';
import { BACKUP_CONTENT_VERSION, parseBackupMeta, type BackupInfo } from './backupRecords';
import { RestoreError } from './restoreErrors';

export interface CheckedBackup {
  info: BackupInfo;
  /** Every link of the backed-up diary, with its content where held. */
  records: RevisionRecord[];
  checklists: SavedChecklistResult[];
  /** Files whose bytes are complete in the backup and match their SHA-256, by id. */
  files: Map<string, AttachmentRef>;
  /** Files the backup could not carry (damaged on the device that made it). */
  damagedFiles: number;
  /**
   * Whether the backed-up diary's chain verifies. One that does not (damaged or altered where the
   * backup was made) can still be restored into an empty diary, as it is, so nothing is lost and
   * the break stays visible there; it is never merged into a diary with entries of its own.
   */
  verification: ChainVerification;
  /**
   * The opened file, for the second read when the restore writes: its key is already unwrapped,
   * so the restore neither runs Argon2id again nor keeps the passphrase.
   */
  source: EncryptedFileReader;
}

interface FileInProgress {
  ref: AttachmentRef;
  next: number;
  size: number;
  hasher: StreamingSha256;
}

function isNewerInfo(meta: Record<string, unknown>): boolean {
  const v = Object.getOwnPropertyDescriptor(meta, 'v')?.value as unknown;
  return Object.getOwnPropertyDescriptor(meta, 't')?.value === 'info' && typeof v === 'number' && v > BACKUP_CONTENT_VERSION;
}

function corrupt(): never {
  throw new RestoreError('corrupt');
}

function asRestoreError(error: unknown): unknown {
  return error instanceof EncryptedFileError ? new RestoreError(error.code, { cause: error }) : error;
}

/** Reads the records of an opened backup from the start, turning the container's errors into restore errors. */
export async function* backupRecords(reader: EncryptedFileReader): AsyncGenerator<FileRecord, void, undefined> {
  try {
    yield* reader.records();
  } catch (error) {
    throw asRestoreError(error);
  }
}

/** Throws RestoreError (never anything else for a bad file) unless the backup is whole and sound. */
export async function checkBackup(file: Blob, passphrase: string): Promise<CheckedBackup> {
  let info: BackupInfo | null = null;
  const records: RevisionRecord[] = [];
  const checklists: SavedChecklistResult[] = [];
  const files = new Map<string, AttachmentRef>();
  const referenced = new Map<string, AttachmentRef>();
  let damagedFiles = 0;
  let current: FileInProgress | null = null;
  let filesSeen = 0;
  const seenFileIds = new Set<string>();

  let reader: EncryptedFileReader;
  try {
    reader = await openEncryptedFile(file, passphrase, 'backup');
  } catch (error) {
    throw asRestoreError(error);
  }
  for await (const { meta, bytes } of backupRecords(reader)) {
    const record = parseBackupMeta(meta);
    if (record === null) {
      // A first record from a later version of Daybook's backup contents: say so, not "damaged".
      if (info === null && isNewerInfo(meta)) throw new RestoreError('newer-version');
      corrupt();
    }
    if (info === null && record.t !== 'info') corrupt();
    switch (record.t) {
      case 'info':
        if (info !== null) corrupt();
        info = record;
        break;
      case 'rev':
        if (record.link.seq !== records.length || current !== null) corrupt();
        records.push(
          record.origin
            ? { link: record.link, content: record.content, origin: record.origin }
            : { link: record.link, content: record.content },
        );
        for (const ref of record.content?.body.attachments ?? []) referenced.set(ref.id, ref);
        break;
      case 'check':
        if (current !== null) corrupt();
        checklists.push(record.result);
        break;
      case 'file': {
        const ref = referenced.get(record.ref.id);
        // A file no held version refers to, or one that differs from the reference, is not ours.
        if (current !== null || !ref || ref.sha256.toLowerCase() !== record.ref.sha256.toLowerCase() || ref.size !== record.ref.size) {
          corrupt();
        }
        if (seenFileIds.has(ref.id)) corrupt();
        seenFileIds.add(ref.id);
        filesSeen += 1;
        current = { ref, next: 0, size: 0, hasher: await createStreamingSha256() };
        break;
      }
      case 'chunk': {
        if (current === null || record.id !== current.ref.id || record.index !== current.next || !bytes) corrupt();
        current.hasher.update(bytes);
        current.size += bytes.byteLength;
        current.next += 1;
        if (current.size > current.ref.size) corrupt();
        if (record.last) {
          if (current.size !== current.ref.size || current.hasher.digestHex() !== current.ref.sha256.toLowerCase()) corrupt();
          files.set(current.ref.id, current.ref);
          current = null;
        }
        break;
      }
      case 'broken':
        if (current === null || current.ref.id !== record.id) corrupt();
        current = null;
        damagedFiles += 1;
        break;
    }
  }
  if (info === null || current !== null) corrupt();
  if (records.length !== info.links || checklists.length !== info.checklists || filesSeen !== info.files) corrupt();

  const contents = new Map<string, unknown>();
  for (const { link, content } of records) if (content) contents.set(contentKey(link.entryId, link.revision), content);
  const verification = await verifyChain(
    records.map((r) => r.link),
    contents,
  );
  return { info, records, checklists, files, damagedFiles, verification, source: reader };
}
