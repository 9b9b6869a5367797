// What a backup file holds, record by record, and the checks for reading it back. The file's
// encryption authenticates every record, but a backup can still come from someone else (with
// its passphrase), so everything is validated as if hostile.

import { parseSavedResult, type SavedChecklistResult } from '../checklist/result';
import { isIsoTimestamp, isWellFormedLink, type ChainLink, type RevisionContent, type RevisionOrigin } from '../evidence';
import { parseOrigin, parseRevisionContent } from '../model/revisionContentParse';

import type { AttachmentRef, Incident } from '../model/incident';
import { parseIncident } from '../model/incidentParse';
import { own } from '../model/ownProperty';

export const BACKUP_CONTENT_VERSION = 1;

/** The first record: what the file holds, so a restore can say so before changing anything. */
export interface BackupInfo {
  t: 'info';
  v: typeof BACKUP_CONTENT_VERSION;
  createdAt: string;
  links: number;
  checklists: number;
  files: number;
}

export interface BackupRevision {
  t: 'rev';
  link: ChainLink;
  content: RevisionContent<Incident> | null;
  /** Where a deleted imported revision came from (see RevisionRecord.origin). */
  origin?: RevisionOrigin;
}

export interface BackupChecklist {
  t: 'check';
  result: SavedChecklistResult;
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

export type BackupMeta = BackupInfo | BackupRevision | BackupChecklist | BackupFile | BackupChunk | BackupBrokenFile;

/** Limits well above any real diary, so a crafted file cannot make a restore run forever. */
export const BACKUP_LIMITS = { links: 1_000_000, checklists: 100_000, files: 100_000 } as const;

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;
}

const ID = /^[0-9a-f]{32}$/;

function parseRef(value: unknown): AttachmentRef | null {
  // An attachment ref is validated as part of an incident; reuse that by wrapping it in one.
  const probe = parseIncident({ when: { kind: 'ongoing' }, attachments: [value] });
  const ref = probe.ok ? probe.value.attachments[0] : undefined;
  return ref && ID.test(ref.id) ? ref : null;
}

/** One record's meta, or null if it is not a valid backup record. */
export function parseBackupMeta(meta: unknown): BackupMeta | null {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return null;
  switch (own(meta, 't')) {
    case 'info': {
      const [createdAt, links, checklists, files] = ['createdAt', 'links', 'checklists', 'files'].map((k) => own(meta, k));
      if (own(meta, 'v') !== BACKUP_CONTENT_VERSION || !isIsoTimestamp(createdAt)) return null;
      if (!isCount(links, BACKUP_LIMITS.links) || !isCount(checklists, BACKUP_LIMITS.checklists) || !isCount(files, BACKUP_LIMITS.files))
        return null;
      return { t: 'info', v: BACKUP_CONTENT_VERSION, createdAt, links, checklists, files };
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
      const { seq, entryId, revision, kind, recordedAt, contentHash, prevHash, hash } = link;
      const copy = { seq, entryId, revision, kind, recordedAt, contentHash, prevHash, hash };
      return origin ? { t: 'rev', link: copy, content, origin } : { t: 'rev', link: copy, content };
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
      if (typeof id !== 'string' || !ID.test(id) || !isCount(index, 1_000_000) || typeof last !== 'boolean') return null;
      return { t: 'chunk', id, index, last };
    }
    case 'broken': {
      const id = own(meta, 'id');
      return typeof id === 'string' && ID.test(id) ? { t: 'broken', id } : null;
    }
    default:
      return null;
  }
}
