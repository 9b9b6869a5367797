// The diary in memory once decrypted: every record in chain order, and what screens and exports
// ask of it (the current entries, one entry's history, every record).

import { isOrderBody } from '../../model/entryBody';
import type { DiaryEntry, DiarySnapshot, DiaryWrite, OrderEntry, RevisionRecord } from './types';

export class DiaryRecords {
  private records: RevisionRecord[] = [];
  /** Records by entry (see index). */
  private byEntry: Map<string, RevisionRecord[]> | null = null;

  /** Everything, as read from storage in chain order. */
  replace(records: RevisionRecord[]): void {
    this.records = records;
    this.byEntry = null;
    // Indexed now, behind the first paint, so opening the first incident does not wait for it.
    this.index();
  }

  /** After a write has been stored: rewritten rows take their place, new links go on the end. */
  apply({ rows }: DiaryWrite): void {
    // A record sits at the index of its seq when the chain read has no gap (seqs only increase,
    // so the last one tells): then a copy and a few stores, not a pass over every record, so a
    // save costs the same at 50,000 incidents as at 50. A chain read with rows missing is placed
    // by search. Either way a new array, so a list handed out earlier (allRecords) never changes.
    const laidOut = (this.records.at(-1)?.link.seq ?? -1) === this.records.length - 1;
    if (!laidOut) {
      this.records = this.appliedBySearch(rows);
      this.byEntry = null;
      return;
    }
    const next = this.records.slice();
    const byEntry = this.index();
    for (const row of rows) {
      const { seq, entryId } = row.link;
      if (seq > next.length) {
        // A row past the end (rows from elsewhere that skip a seq): placed by search, and the
        // index built again, as for a chain with a gap.
        this.records = this.appliedBySearch(rows);
        this.byEntry = null;
        return;
      }
      const held = next[seq];
      next[seq] = row;
      const list = byEntry.get(entryId);
      const at = held === undefined ? -1 : (list?.indexOf(held) ?? -1);
      if (list && at >= 0) list[at] = row;
      else if (list) list.push(row);
      else byEntry.set(entryId, [row]);
    }
    this.records = next;
  }

  private appliedBySearch(rows: readonly RevisionRecord[]): RevisionRecord[] {
    const bySeq = new Map(rows.map((row) => [row.link.seq, row]));
    const held = new Set(this.records.map((record) => record.link.seq));
    const out = this.records.map((record) => bySeq.get(record.link.seq) ?? record);
    for (const row of rows) if (!held.has(row.link.seq)) out.push(row);
    return out;
  }

  /** Every link with its content where it still exists, in chain order (for backups and exports). */
  all(): readonly RevisionRecord[] {
    return this.records;
  }

  /** The record at place `seq` of the chain, if held (read straight off when the chain has no gap). */
  at(seq: number): RevisionRecord | undefined {
    const direct = this.records[seq];
    if (direct?.link.seq === seq) return direct;
    return this.records.find((record) => record.link.seq === seq);
  }

  /** Revisions of one entry, oldest first, with their content where it still exists. */
  history(entryId: string): RevisionRecord[] {
    return [...(this.index().get(entryId) ?? [])];
  }

  /** Records by entry; built once per read, and kept up to date by apply. */
  private index(): Map<string, RevisionRecord[]> {
    if (!this.byEntry) {
      this.byEntry = new Map();
      for (const record of this.records) {
        const list = this.byEntry.get(record.link.entryId);
        if (list) list.push(record);
        else this.byEntry.set(record.link.entryId, [record]);
      }
    }
    return this.byEntry;
  }

  snapshot(): DiarySnapshot {
    // One map for both kinds: an entry id names one entry whichever it is.
    const entries = new Map<string, DiaryEntry | OrderEntry>();
    const deleted: { id: string; at: string }[] = [];
    for (const record of this.records) {
      const { link } = record;
      if (link.kind === 'tombstone') deleted.push({ id: link.entryId, at: link.recordedAt });
      const next = entryAfterRecord(entries.get(link.entryId), record);
      if (next) entries.set(link.entryId, next);
      else entries.delete(link.entryId);
    }
    const list = [...entries.values()].sort((a, b) => (a.firstRecordedAt < b.firstRecordedAt ? 1 : -1));
    return {
      entries: list.filter((entry): entry is DiaryEntry => 'incident' in entry),
      orders: list.filter((entry): entry is OrderEntry => 'order' in entry),
      links: this.records.map((r) => r.link),
      deleted,
    };
  }

  /**
   * One entry as it stands once a write is stored (undefined: deleted, or none), from its history
   * here and `rows`, the write's rows of this entry: what a write changes, without folding the
   * whole diary.
   */
  entryAfter(entryId: string, rows: readonly RevisionRecord[]): DiaryEntry | OrderEntry | undefined {
    const bySeq = new Map(rows.map((row) => [row.link.seq, row]));
    const held = this.history(entryId).map((record) => bySeq.get(record.link.seq) ?? record);
    const known = new Set(held.map((record) => record.link.seq));
    for (const row of rows) if (!known.has(row.link.seq)) held.push(row);
    let entry: DiaryEntry | OrderEntry | undefined;
    for (const record of held) entry = entryAfterRecord(entry, record);
    return entry;
  }

  /** One entry as it stands now (undefined: deleted, or none). */
  entryNow(entryId: string): DiaryEntry | OrderEntry | undefined {
    let entry: DiaryEntry | OrderEntry | undefined;
    for (const record of this.history(entryId)) entry = entryAfterRecord(entry, record);
    return entry;
  }
}

/** An entry after one more of its records, in chain order (undefined: deleted). */
function entryAfterRecord(
  existing: DiaryEntry | OrderEntry | undefined,
  { link, content }: RevisionRecord,
): DiaryEntry | OrderEntry | undefined {
  if (link.kind === 'tombstone') return undefined;
  if (!content) {
    // A version not held (set aside at a restore): the entry shows its last held content,
    // but counts this version, so an edit builds on the real newest one.
    return existing ? { ...existing, revisions: link.revision } : undefined;
  }
  const common = {
    id: link.entryId,
    // A revision imported from another diary's backup was first written there.
    firstRecordedAt: existing?.firstRecordedAt ?? content.origin?.recordedAt ?? link.recordedAt,
    lastRecordedAt: link.recordedAt,
    revisions: link.revision,
  };
  const { body } = content;
  return isOrderBody(body) ? { ...common, order: body } : { ...common, incident: body };
}
