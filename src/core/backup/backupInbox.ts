// The sealed inbox in a backup (content version 3): items shared in, noted or recorded while
// locked and not yet made into an incident travel inside the encrypted backup as their meta and
// bytes (opened with the inbox's private key while unlocked), and are sealed again into the
// target vault's inbox on restore, keeping when and how each was received and its SHA-256.

// No Dexie here (type imports only): the backup checker's worker bundles this file.

import type { OpenedInboxItem } from '../inbox/inbox';
import { INBOX_CHUNK_BYTES, MAX_INBOX_ITEM_BYTES } from '../inbox/inboxRows';
import { metaJson, parseInboxMeta, type InboxItemMeta } from '../inbox/seal';
import type { AttachmentRef } from '../model/incident';

/** What a backup reads from the inbox, and what a restore writes to it (InboxStore has all of these). */
export interface BackupInbox {
  /** At most MAX_LISTED_ITEMS (inbox.ts) items, live recordings marked `live`. */
  list(): Promise<OpenedInboxItem[]>;
  /** Every item stored, listed or not. */
  count(): Promise<number>;
  read(id: string): Promise<{ meta: InboxItemMeta; bytes: Blob }>;
  /** Seals an item again under this vault's inbox key, meta as it is (checks size and SHA-256). */
  reseal(meta: InboxItemMeta, bytes: Blob): Promise<string>;
  remove(id: string): Promise<void>;
}

/** The inbox side a backup needs (reading only). */
export type BackupInboxSource = Pick<BackupInbox, 'list' | 'count' | 'read'>;

/** Bytes of each inbox chunk record in a backup (as the inbox stores them). */
export const BACKUP_INBOX_CHUNK_BYTES = INBOX_CHUNK_BYTES;
/** Chunk records one item may have at most (MAX_INBOX_ITEM_BYTES in chunks; an empty item has one). */
export const MAX_BACKUP_INBOX_CHUNKS = Math.max(1, Math.ceil(MAX_INBOX_ITEM_BYTES / BACKUP_INBOX_CHUNK_BYTES));

/**
 * An inbox item's meta from a backup record, checked field by field as the inbox checks its own
 * (parseInboxMeta), or null. Only the known fields are kept.
 */
export function readInboxMeta(value: unknown): InboxItemMeta | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  try {
    // parseInboxMeta reads sealed JSON bytes: the record's meta is already parsed JSON, written
    // back field by field (metaJson) so nothing else travels with it.
    return parseInboxMeta(metaJson(value as InboxItemMeta));
  } catch {
    // InboxError for a bad field; a getter or Proxy may throw anything.
    return null;
  }
}

/** What says an item is already here: the same bytes received at the same moment, the same way, under the same name. */
export function inboxItemKey(meta: Pick<InboxItemMeta, 'sha256' | 'receivedAt' | 'via' | 'name'>): string {
  return JSON.stringify([meta.sha256, meta.receivedAt, meta.via, meta.name]);
}

/** What says an item was made into an incident already: an attachment with its SHA-256, received at the same moment. */
export function receivedFileKey(ref: Pick<AttachmentRef, 'sha256' | 'receivedAt'>): string {
  return JSON.stringify([ref.sha256, ref.receivedAt ?? null]);
}

/** The items of a checked backup not already here (in the inbox, or made into an incident), each once. */
export function inboxItemsToAdd(
  backupItems: readonly InboxItemMeta[],
  inboxHere: readonly OpenedInboxItem[],
  filesHere: Iterable<AttachmentRef>,
): InboxItemMeta[] {
  const seen = new Set(inboxHere.flatMap((item) => (item.status === 'ok' ? [inboxItemKey(item.meta)] : [])));
  const received = new Set<string>();
  for (const ref of filesHere) if (ref.receivedAt !== undefined) received.add(receivedFileKey(ref));
  const out: InboxItemMeta[] = [];
  for (const meta of backupItems) {
    const key = inboxItemKey(meta);
    if (seen.has(key) || received.has(receivedFileKey(meta))) continue;
    seen.add(key);
    out.push(meta);
  }
  return out;
}
