// What a backup file holds, record by record, and the checks for reading it back. The file's
// encryption authenticates every record, but a backup can still come from someone else (with
// its passphrase), so everything is validated as if hostile.

import { parseSavedResult, type SavedChecklistResult } from '../checklist/result';
import {
  isIsoTimestamp,
  isSha256Hex,
  isWellFormedLink,
  type ChainLink,
  type ChainSeal,
  type RevisionContent,
  type RevisionOrigin,
} from '../evidence';
import { rawExcerpt } from '../export/setAside';
import { parseOrigin, parseRevisionContent, readRevisionContent } from '../model/revisionContentParse';

import type { EntryBody } from '../model/entryBody';
import { INCIDENT_LIMITS, isAttachmentId, type AttachmentRef } from '../model/incident';
import { parseIncident } from '../model/incidentParse';
import { ruleOf, type IncidentRule } from '../model/invalidIncident';
import { own } from '../model/ownProperty';
import type { InboxItemMeta } from '../inbox/seal';
import { MAX_BACKUP_INBOX_CHUNKS, readInboxMeta } from './backupInbox';

/**
 * 2 adds the `seal` record (the diary's sealed head, right after the last revision), which is
 * what lets a restore tell this same diary from anything else. 3 adds the sealed inbox's items
 * (`inbox` records, each followed by its `inbox-chunk` records, after everything else) and their
 * count in the info record; a backup with no inbox items is written as version 2, so a Daybook
 * from before can still restore it. Version 1 and 2 files still restore.
 */
export const BACKUP_CONTENT_VERSION = 3;

/** The version written when there is no inbox item to carry: exactly what was written before version 3. */
export const BACKUP_CONTENT_VERSION_WITHOUT_INBOX = 2;

export type BackupContentVersion = 1 | 2 | typeof BACKUP_CONTENT_VERSION;

/** The first record: what the file holds, so a restore can say so before changing anything. */
export interface BackupInfo {
  t: 'info';
  v: BackupContentVersion;
  createdAt: string;
  links: number;
  checklists: number;
  files: number;
  /** Version 3 only: inbox items carried (each an `inbox` record and its chunks). */
  inbox?: number;
}

export interface BackupRevision {
  t: 'rev';
  link: ChainLink;
  content: RevisionContent<EntryBody> | null;
  /** Where a deleted imported revision came from (see RevisionRecord.origin). */
  origin?: RevisionOrigin;
}

export interface BackupChecklist {
  t: 'check';
  result: SavedChecklistResult;
}

/**
 * The diary's sealed head when the backup was made (version 2 only, exactly one, after the last
 * revision). It is a MAC under the vault's chain key: only the vault that made it can tell it
 * is genuine, so it proves "this same diary" to that vault and nothing to anyone else.
 */
export interface BackupSeal {
  t: 'seal';
  seal: ChainSeal;
}

/** Starts a file; its chunks follow in order, each as its own record with the bytes. */
export interface BackupFile {
  t: 'file';
  ref: AttachmentRef;
}

export interface BackupChunk {
  t: 'chunk';
  id: string;
  index: number;
  last: boolean;
}

/** The file's bytes could not be read back on the device that made the backup (damaged there). */
export interface BackupBrokenFile {
  t: 'broken';
  id: string;
}

/**
 * Version 3: an item of the sealed inbox, opened (its meta as sealed: when and how it was
 * received, name, type, size, SHA-256); its bytes follow in `inbox-chunk` records.
 */
export interface BackupInboxItem {
  t: 'inbox';
  meta: InboxItemMeta;
}

/** Version 3: the next part of the inbox item before it, in order; the last one says so. */
export interface BackupInboxChunk {
  t: 'inbox-chunk';
  index: number;
  last: boolean;
}

export type BackupMeta =
  | BackupInfo
  | BackupRevision
  | BackupSeal
  | BackupChecklist
  | BackupFile
  | BackupChunk
  | BackupBrokenFile
  | BackupInboxItem
  | BackupInboxChunk;

/**
 * Limits well above any real diary, so a crafted file cannot make a restore run forever. The
 * inbox is the exception: it lists at most 1,000 items (MAX_LISTED_ITEMS in inbox.ts, not
 * imported: this file is bundled into the checker's worker, which does not load the inbox store), so a
 * backup made by Daybook never carries more, and one that claims more is refused as corrupt
 * before anything is written. A restore adds fewer when the inbox here already holds some.
 */
export const BACKUP_LIMITS = { links: 1_000_000, checklists: 100_000, files: 100_000, inbox: 1_000 } as const;

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;
}

/** A file's id, as an incident may name it (Daybook's own are 32 hex digits). */
function isFileId(value: unknown): value is string {
  return typeof value === 'string' && isAttachmentId(value);
}

function parseRef(value: unknown): AttachmentRef | null {
  // An attachment ref is validated as part of an incident; reuse that by wrapping it in one.
  const probe = parseIncident({ when: { kind: 'ongoing' }, attachments: [value] });
  return (probe.ok ? probe.value.attachments[0] : undefined) ?? null;
}

function isContentVersion(value: unknown): value is BackupContentVersion {
  return value === 1 || value === 2 || value === BACKUP_CONTENT_VERSION;
}

/** A seal's shape only, rebuilt from its known fields; whether it is genuine is the vault's to say. */
function parseSeal(value: unknown): ChainSeal | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const [v, size, head, mac] = ['v', 'size', 'head', 'mac'].map((k) => own(value, k));
  if (v !== 2 || !isCount(size, BACKUP_LIMITS.links) || !isSha256Hex(head) || !isSha256Hex(mac)) return null;
  return { v: 2, size, head, mac };
}

/** A link rebuilt from its known fields (a v2 link's version and clock note included: its hash covers them). */
function linkCopy(link: ChainLink): ChainLink {
  const { seq, entryId, revision, kind, recordedAt, contentHash, prevHash, hash, clock } = link;
  const fields = { seq, entryId, revision, kind, recordedAt, contentHash, prevHash, hash };
  if (link.v !== 2) return fields;
  return { v: 2, ...fields, ...(clock === undefined ? {} : { clock: { kind: clock.kind } }) };
}

/** One record's meta, or null if it is not a valid backup record. */
export function parseBackupMeta(meta: unknown): BackupMeta | null {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return null;
  switch (own(meta, 't')) {
    case 'info': {
      const [createdAt, links, checklists, files, inbox] = ['createdAt', 'links', 'checklists', 'files', 'inbox'].map((k) => own(meta, k));
      const v = own(meta, 'v');
      if (!isContentVersion(v) || !isIsoTimestamp(createdAt)) return null;
      if (!isCount(links, BACKUP_LIMITS.links) || !isCount(checklists, BACKUP_LIMITS.checklists) || !isCount(files, BACKUP_LIMITS.files))
        return null;
      // The inbox count belongs to version 3, and only there.
      if (v === BACKUP_CONTENT_VERSION ? !isCount(inbox, BACKUP_LIMITS.inbox) : inbox !== undefined) return null;
      return v === BACKUP_CONTENT_VERSION && isCount(inbox, BACKUP_LIMITS.inbox)
        ? { t: 'info', v, createdAt, links, checklists, files, inbox }
        : { t: 'info', v, createdAt, links, checklists, files };
    }
    case 'rev': {
      const link = own(meta, 'link');
      if (!isWellFormedLink(link)) return null;
      const rawContent = own(meta, 'content');
      const content = rawContent === null ? null : parseRevisionContent(rawContent);
      if (rawContent !== null && content === null) return null;
      if (link.kind === 'tombstone' && content !== null) return null;
      const rawOrigin = own(meta, 'origin');
      const origin = rawOrigin === undefined || content !== null ? undefined : parseOrigin(rawOrigin);
      if (origin === null || (rawOrigin !== undefined && content !== null)) return null;
      const copy = linkCopy(link);
      return origin ? { t: 'rev', link: copy, content, origin } : { t: 'rev', link: copy, content };
    }
    case 'seal': {
      const seal = parseSeal(own(meta, 'seal'));
      return seal ? { t: 'seal', seal } : null;
    }
    case 'check': {
      const result = parseSavedResult(own(meta, 'result'));
      return result ? { t: 'check', result } : null;
    }
    case 'file': {
      const ref = parseRef(own(meta, 'ref'));
      return ref ? { t: 'file', ref } : null;
    }
    case 'chunk': {
      const id = own(meta, 'id');
      const index = own(meta, 'index');
      const last = own(meta, 'last');
      if (!isFileId(id) || !isCount(index, 1_000_000) || typeof last !== 'boolean') return null;
      return { t: 'chunk', id, index, last };
    }
    case 'broken': {
      const id = own(meta, 'id');
      return isFileId(id) ? { t: 'broken', id } : null;
    }
    case 'inbox': {
      const item = readInboxMeta(own(meta, 'meta'));
      return item ? { t: 'inbox', meta: item } : null;
    }
    case 'inbox-chunk': {
      const index = own(meta, 'index');
      const last = own(meta, 'last');
      if (!isCount(index, MAX_BACKUP_INBOX_CHUNKS - 1) || typeof last !== 'boolean') return null;
      return { t: 'inbox-chunk', index, last };
    }
    default:
      return null;
  }
}

/**
 * A record that authenticated, and is in its place, but breaks a rule of its content. What can
 * be kept of it is kept: a revision's link (its content set aside), a file's id (so its chunks
 * that follow are passed over).
 */
export type SetAsideMeta =
  | { t: 'rev-aside'; link: ChainLink; rule: IncidentRule; excerpt?: string }
  | { t: 'check-aside'; id?: string; savedAt?: string }
  | { t: 'file-aside'; id: string; name?: string };

export function isSetAside(record: BackupMeta | SetAsideMeta): record is SetAsideMeta {
  return record.t === 'rev-aside' || record.t === 'check-aside' || record.t === 'file-aside';
}

/** What parseBackupMeta refused, read again for what can be kept; null when nothing can. */
function setAsideOf(meta: object): BackupMeta | SetAsideMeta | null {
  switch (own(meta, 't')) {
    case 'rev': {
      // Without a sound link the record has no place in the chain: the file is damaged.
      const link = own(meta, 'link');
      if (!isWellFormedLink(link)) return null;
      const rawContent = own(meta, 'content');
      // What is dropped here holds nothing of the person's: an origin that is not one (it only
      // says where a deleted version came from), or content on a tombstone (whose content is
      // derived from the chain). The link is kept as it is.
      if (rawContent === null || link.kind === 'tombstone') return { t: 'rev', link: linkCopy(link), content: null };
      const read = readRevisionContent(rawContent);
      // Sound content beside an origin it does not need: the content carries its own.
      if (read.ok) return { t: 'rev', link: linkCopy(link), content: read.content };
      const excerpt = rawExcerpt(rawContent);
      return { t: 'rev-aside', link: linkCopy(link), rule: ruleOf(read.issues), ...(excerpt === undefined ? {} : { excerpt }) };
    }
    case 'check': {
      const result = own(meta, 'result');
      const fields = typeof result === 'object' && result !== null ? result : {};
      const id = own(fields, 'id');
      const savedAt = own(fields, 'savedAt');
      return {
        t: 'check-aside',
        ...(typeof id === 'string' && id !== '' && id.length <= 256 ? { id } : {}),
        ...(isIsoTimestamp(savedAt) ? { savedAt } : {}),
      };
    }
    case 'file': {
      const ref = own(meta, 'ref');
      if (typeof ref !== 'object' || ref === null) return null;
      // Its chunks follow under its id: without one that could be a file's, they cannot be told apart.
      const id = own(ref, 'id');
      if (!isFileId(id)) return null;
      const name = own(ref, 'name');
      return typeof name === 'string' && name.length <= INCIDENT_LIMITS.shortText ? { t: 'file-aside', id, name } : { t: 'file-aside', id };
    }
    default:
      return null;
  }
}

/**
 * One record's meta as a reader of an authenticated backup takes it: a valid record, a record
 * set aside for its content (see SetAsideMeta), or null when it is not a backup record at all.
 */
export function readBackupRecord(meta: unknown): BackupMeta | SetAsideMeta | null {
  const record = parseBackupMeta(meta);
  if (record !== null) return record;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return null;
  try {
    return setAsideOf(meta);
  } catch {
    // A Proxy can throw from any access.
    return null;
  }
}
