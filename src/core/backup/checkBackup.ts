// Reading a backup all the way through before anything is written: every record is
// authenticated and validated, every file's bytes are checked against its SHA-256, and the
// diary's chain is verified (and the result reported). Only then does a restore change anything.
//
// Strict about bytes, lenient about authentic records: bytes that fail authentication, or
// records out of their place (the file's framing), refuse the whole file. A record that
// authenticated, in its place, but breaks a rule of its content (text too long, a field Daybook
// cannot read, a file that does not match its SHA-256) is set aside and listed, with why, and
// everything else is restored. A revision set aside keeps its link, with no content, as a deleted
// version does: the chain still verifies, and shows that something is missing. It counts as
// authentic only if its content, exactly as the file carries it, has the SHA-256 its link records;
// otherwise the backup's chain does not verify ('content-mismatch' at that link).
//
// Content version 2 adds the seal record: exactly one, right after the last revision and before
// anything else. Its shape is checked here; whether it is this vault's is the restore's question
// (mergePlan.ts). Version 1 files (no seal) are read as before.
//
// Content version 3 adds the sealed inbox's items after everything else: each an `inbox` record
// (its meta checked field by field as the inbox checks its own) and its `inbox-chunk` records in
// order, no more bytes than the meta's size and, at the last, exactly its size and SHA-256. An
// item that breaks any of this refuses the whole file ('corrupt'): an inbox item has no link in
// the chain to keep in its place, and a restore must not seal bytes that are not what was received.

import { isOrderBody } from '../model/entryBody';
import type { SavedChecklistResult } from '../checklist/result';
import { createStreamingSha256, type StreamingSha256 } from '../crypto/streamingSha256';
import { contentKey, revisionContentHashOrNull, verifyChain, type ChainSeal, type ChainVerification } from '../evidence';
import {
  EncryptedFileError,
  openEncryptedFile,
  readerFromSource,
  type EncryptedFileSource,
  type FileRecord,
  type ReadBudget,
} from '../export/encryptedFile';
import { readsWatched } from '../export/encryptedFile/watchReads';
import type { SetAsideRecord, SetAsideRule } from '../export/setAside';
import type { InboxItemMeta } from '../inbox/seal';
import type { AttachmentRef } from '../model/incident';
import { own } from '../model/ownProperty';
import type { RevisionRecord } from '../store/diaryRepository';
import { BACKUP_CONTENT_VERSION, readBackupRecord, type BackupInfo } from './backupRecords';
import { RestoreError } from './restoreErrors';

/**
 * What checking a backup has reached: unlocking it (Argon2id, no measure), reading its records
 * (bytes of the file), then verifying the diary's chain (links).
 */
export type CheckBackupPhase = 'unlock' | 'read' | 'verify';

export interface CheckBackupProgress {
  phase: CheckBackupPhase;
  done: number;
  total: number;
}

export interface CheckBackupOptions {
  onProgress?: (progress: CheckBackupProgress) => void;
  /** Checked between records: aborting stops the check with the signal's reason. */
  signal?: AbortSignal;
  /** What the reader takes in (READ_BUDGETS.backup unless a test needs a smaller one). */
  budget?: ReadBudget;
}

/**
 * A checked backup, as plain data only (no functions, no class instances), so it can be
 * checked in a worker and handed to the page with postMessage.
 */
export interface CheckedBackup {
  info: BackupInfo;
  /**
   * The backed-up diary's sealed head (content version 2), as the file carries it: not yet known
   * to be genuine. Null for a version 1 backup.
   */
  seal: ChainSeal | null;
  /** Every link of the backed-up diary, with its content where held. */
  records: RevisionRecord[];
  checklists: SavedChecklistResult[];
  /** Files whose bytes are complete in the backup and match their SHA-256, by id. */
  files: Map<string, AttachmentRef>;
  /** Items of the sealed inbox (version 3), in file order, each complete and matching its size and SHA-256. */
  inbox: InboxItemMeta[];
  /** Files the backup could not carry (damaged on the device that made it). */
  damagedFiles: number;
  /**
   * Records that authenticated but break a rule of their content, in file order: not restored
   * (a revision's link is, with no content), each with the rule it breaks.
   */
  setAside: SetAsideRecord[];
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
  source: EncryptedFileSource;
}

/** The inbox item whose chunks are being read. */
interface InboxItemInProgress {
  meta: InboxItemMeta;
  next: number;
  size: number;
  hasher: StreamingSha256;
}

/** The file whose chunks are being read: checked against its ref, or passed over once set aside. */
interface FileInProgress {
  id: string;
  name?: string;
  next: number;
  size: number;
  check: { ref: AttachmentRef; hasher: StreamingSha256 } | { aside: SetAsideRule };
}

function isNewerInfo(meta: Record<string, unknown>): boolean {
  const v = Object.getOwnPropertyDescriptor(meta, 'v')?.value as unknown;
  return Object.getOwnPropertyDescriptor(meta, 't')?.value === 'info' && typeof v === 'number' && v > BACKUP_CONTENT_VERSION;
}

const isRevision = (record: { t: string }): boolean => record.t === 'rev' || record.t === 'rev-aside';

function corrupt(): never {
  throw new RestoreError('corrupt');
}

function asRestoreError(error: unknown): unknown {
  return error instanceof EncryptedFileError ? new RestoreError(error.code, { cause: error }) : error;
}

/** Reads the records of an opened backup from the start, turning the container's errors into restore errors. */
export async function* backupRecords(source: EncryptedFileSource): AsyncGenerator<FileRecord, void, undefined> {
  try {
    yield* readerFromSource(source).records();
  } catch (error) {
    throw asRestoreError(error);
  }
}

/** The records of a backup, with how far into the file each was read (for progress). */
async function* recordsWithPosition(source: EncryptedFileSource): AsyncGenerator<FileRecord & { end: number }, void, undefined> {
  let end = 0;
  const watched = { ...source, file: readsWatched(source.file, (_, readEnd) => (end = Math.max(end, readEnd))) };
  for await (const record of backupRecords(watched)) yield { ...record, end };
}

/**
 * Throws RestoreError (never anything else for a bad file) unless the backup is whole and its
 * framing sound. Reports progress as it goes; with `signal` aborted, stops between records.
 */
export async function checkBackup(file: Blob, passphrase: string, options: CheckBackupOptions = {}): Promise<CheckedBackup> {
  const { onProgress, signal } = options;
  let info: BackupInfo | null = null;
  let seal: ChainSeal | null = null;
  const records: RevisionRecord[] = [];
  const checklists: SavedChecklistResult[] = [];
  const files = new Map<string, AttachmentRef>();
  const referenced = new Map<string, AttachmentRef>();
  const setAside: SetAsideRecord[] = [];
  let damagedFiles = 0;
  /** The first version set aside whose content is not what its link commits to. */
  let altered: Extract<ChainVerification, { ok: false }> | null = null;
  let current: FileInProgress | null = null;
  let checklistsSeen = 0;
  let filesSeen = 0;
  const seenFileIds = new Set<string>();
  const inbox: InboxItemMeta[] = [];
  let currentItem: InboxItemInProgress | null = null;

  const startFile = async (
    id: string,
    name: string | undefined,
    ref: AttachmentRef | null,
    aside: SetAsideRule | null,
  ): Promise<FileInProgress> => {
    if (seenFileIds.has(id)) corrupt();
    seenFileIds.add(id);
    filesSeen += 1;
    const check = ref && !aside ? { ref, hasher: await createStreamingSha256() } : { aside: aside ?? 'not-valid' };
    return { id, ...(name === undefined ? {} : { name }), next: 0, size: 0, check };
  };
  /** A file's last chunk (or its 'broken' record) was read: it is complete, damaged at source, or set aside. */
  const endFile = (done: FileInProgress, damaged: boolean): null => {
    if ('aside' in done.check) {
      setAside.push({ record: 'file', id: done.id, ...(done.name === undefined ? {} : { name: done.name }), rule: done.check.aside });
    } else if (damaged) damagedFiles += 1;
    else files.set(done.id, done.check.ref);
    return null;
  };

  let source: EncryptedFileSource;
  onProgress?.({ phase: 'unlock', done: 0, total: 0 });
  try {
    source = (await openEncryptedFile(file, passphrase, 'backup', options.budget ? { budget: options.budget } : {})).source;
  } catch (error) {
    throw asRestoreError(error);
  }
  for await (const { meta, bytes, end } of recordsWithPosition(source)) {
    signal?.throwIfAborted();
    onProgress?.({ phase: 'read', done: end, total: file.size });
    const record = readBackupRecord(meta);
    if (record === null) {
      // A first record from a later version of Daybook's backup contents: say so, not "damaged".
      if (info === null && isNewerInfo(meta)) throw new RestoreError('newer-version');
      corrupt();
    }
    if (info === null && record.t !== 'info') corrupt();
    // No more of a kind than the info record declares: refused at the first one over, not read on.
    if (isRevision(record) && records.length >= (info?.links ?? 0)) corrupt();
    if ((record.t === 'check' || record.t === 'check-aside') && checklistsSeen >= (info?.checklists ?? 0)) corrupt();
    if ((record.t === 'file' || record.t === 'file-aside') && filesSeen >= (info?.files ?? 0)) corrupt();
    // Version 2's order: the revisions, then the one seal, then everything else.
    if (info !== null && info.v >= 2 && (seal === null ? !isRevision(record) && record.t !== 'seal' : isRevision(record))) corrupt();
    // Version 3's inbox items come last, one after another: nothing else once the first has begun.
    const inboxRecord = record.t === 'inbox' || record.t === 'inbox-chunk';
    if (inboxRecord && info?.v !== BACKUP_CONTENT_VERSION) corrupt();
    if ((inbox.length > 0 || currentItem !== null) && !inboxRecord) corrupt();
    if (record.t === 'inbox' && (current !== null || currentItem !== null || inbox.length >= (info?.inbox ?? 0))) corrupt();
    switch (record.t) {
      case 'info':
        if (info !== null) corrupt();
        info = record;
        break;
      case 'seal':
        if (info === null || info.v < 2 || seal !== null || records.length !== info.links) corrupt();
        seal = record.seal;
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
      case 'rev-aside': {
        const { link, rule, excerpt } = record;
        if (link.seq !== records.length || current !== null) corrupt();
        if (altered === null && (await revisionContentHashOrNull(own(meta, 'content'))) !== link.contentHash)
          altered = { ok: false, brokenAt: link.seq, reason: 'content-mismatch', entryId: link.entryId };
        records.push({ link, content: null });
        setAside.push({
          record: 'revision',
          entryId: link.entryId,
          revision: link.revision,
          recordedAt: link.recordedAt,
          ...(excerpt === undefined ? {} : { excerpt }),
          rule,
        });
        break;
      }
      case 'check':
        if (current !== null) corrupt();
        checklistsSeen += 1;
        checklists.push(record.result);
        break;
      case 'check-aside':
        if (current !== null) corrupt();
        checklistsSeen += 1;
        setAside.push({
          record: 'checklist',
          ...(record.id === undefined ? {} : { id: record.id }),
          ...(record.savedAt === undefined ? {} : { savedAt: record.savedAt }),
          rule: 'not-valid',
        });
        break;
      case 'file': {
        const held = referenced.get(record.ref.id);
        // A file no restored version refers to, or one that differs from the reference, is set aside.
        const aside = !held ? 'not-referenced' : held.sha256 !== record.ref.sha256 || held.size !== record.ref.size ? 'not-matching' : null;
        if (current !== null) corrupt();
        current = await startFile(record.ref.id, record.ref.name, held ?? null, aside);
        break;
      }
      case 'file-aside':
        if (current !== null) corrupt();
        current = await startFile(record.id, record.name, null, 'not-valid');
        break;
      case 'chunk': {
        const file = current;
        if (file === null || record.id !== file.id || record.index !== file.next || !bytes) corrupt();
        file.size += bytes.byteLength;
        file.next += 1;
        if (!('aside' in file.check)) {
          const { ref, hasher } = file.check;
          hasher.update(bytes);
          // Bytes beyond the recorded size, or a whole that is not what was recorded: set aside.
          if (file.size > ref.size || (record.last && (file.size !== ref.size || hasher.digestHex() !== ref.sha256))) {
            file.check = { aside: 'not-matching' };
          }
        }
        if (record.last) current = endFile(file, false);
        break;
      }
      case 'broken': {
        if (current === null || current.id !== record.id) corrupt();
        current = endFile(current, true);
        break;
      }
      case 'inbox':
        currentItem = { meta: record.meta, next: 0, size: 0, hasher: await createStreamingSha256() };
        break;
      case 'inbox-chunk': {
        const item = currentItem;
        if (item === null || record.index !== item.next || !bytes) corrupt();
        item.size += bytes.byteLength;
        item.next += 1;
        // More bytes than the meta says, or a whole that is not what was received: refused.
        if (item.size > item.meta.size) corrupt();
        item.hasher.update(bytes);
        if (record.last) {
          if (item.size !== item.meta.size || item.hasher.digestHex() !== item.meta.sha256) corrupt();
          inbox.push(item.meta);
          currentItem = null;
        }
        break;
      }
    }
  }
  if (info === null || current !== null || currentItem !== null || (info.v >= 2 && seal === null)) corrupt();
  if (records.length !== info.links || checklistsSeen !== info.checklists || filesSeen !== info.files) corrupt();
  if (inbox.length !== (info.inbox ?? 0)) corrupt();
  // An entry is an incident or an order for good: a file that switches one is refused here, with
  // the restore screen's usual message, rather than later when the diary would refuse to write it.
  const kinds = new Map<string, boolean>();
  for (const { link, content } of records) {
    if (!content) continue;
    const order = isOrderBody(content.body);
    if (kinds.get(link.entryId) === !order) corrupt();
    kinds.set(link.entryId, order);
  }

  signal?.throwIfAborted();
  // Verifying reports no steps of its own: the bar just moves meanwhile.
  onProgress?.({ phase: 'verify', done: 0, total: 0 });
  const contents = new Map<string, unknown>();
  for (const { link, content } of records) if (content) contents.set(contentKey(link.entryId, link.revision), content);
  const chain = await verifyChain(
    records.map((r) => r.link),
    contents,
  );
  // The first break wins, as verifyChain reports the first.
  const verification = altered !== null && (chain.ok || chain.brokenAt > altered.brokenAt) ? altered : chain;
  return { info, seal, records, checklists, files, inbox, damagedFiles, setAside, verification, source };
}
