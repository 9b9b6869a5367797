// The diary in memory once decrypted: every record in chain order, and what screens and exports
// ask of it (the current entries, one entry's history, every record).

import { isOrderBody } from '../../model/entryBody';
import type { DiaryEntry, DiarySnapshot, DiaryWrite, OrderEntry, RevisionRecord } from './types';

export class DiaryRecords {
  private records: RevisionRecord[] = [];
  /** Records by entry, built on first use after any change (see history). */
  private byEntry: Map<string, RevisionRecord[]> | null = null;

  /** Everything, as read from storage in chain order. */
  replace(records: RevisionRecord[]): void {
    this.records = records;
    this.byEntry = null;
  }

  /** After a write has been stored: rewritten rows take their place, new links go on the end. */
  apply({ rows, appended }: DiaryWrite): void {
    const bySeq = new Map(rows.map((row) => [row.link.seq, row]));
    // A new array, so a list handed out earlier (allRecords) never changes under its holder.
    this.records = this.records.map((record) => bySeq.get(record.link.seq) ?? record);
    for (const row of rows.slice(rows.length - appended)) this.records.push(row);
    this.byEntry = null;
  }

  /** Every link with its content where it still exists, in chain order (for backups and exports). */
  all(): readonly RevisionRecord[] {
    return this.records;
  }

  /** Revisions of one entry, oldest first, with their content where it still exists. */
  history(entryId: string): RevisionRecord[] {
    // Exports ask for thousands of histories in a row: index the records once per change.
    if (!this.byEntry) {
      this.byEntry = new Map();
      for (const record of this.records) {
        const list = this.byEntry.get(record.link.entryId);
        if (list) list.push(record);
        else this.byEntry.set(record.link.entryId, [record]);
      }
    }
    return [...(this.byEntry.get(entryId) ?? [])];
  }

  snapshot(): DiarySnapshot {
    // One map for both kinds: an entry id names one entry whichever it is.
    const entries = new Map<string, DiaryEntry | OrderEntry>();
    const deleted: { id: string; at: string }[] = [];
    for (const { link, content } of this.records) {
      if (link.kind === 'tombstone') {
        entries.delete(link.entryId);
        deleted.push({ id: link.entryId, at: link.recordedAt });
        continue;
      }
      const existing = entries.get(link.entryId);
      if (!content) {
        // A version not held (set aside at a restore): the entry shows its last held content,
        // but counts this version, so an edit builds on the real newest one.
        if (existing) entries.set(link.entryId, { ...existing, revisions: link.revision });
        continue;
      }
      const common = {
        id: link.entryId,
        // A revision imported from another diary's backup was first written there.
        firstRecordedAt: existing?.firstRecordedAt ?? content.origin?.recordedAt ?? link.recordedAt,
        lastRecordedAt: link.recordedAt,
        revisions: link.revision,
      };
      const { body } = content;
      entries.set(link.entryId, isOrderBody(body) ? { ...common, order: body } : { ...common, incident: body });
    }
    const list = [...entries.values()].sort((a, b) => (a.firstRecordedAt < b.firstRecordedAt ? 1 : -1));
    return {
      entries: list.filter((entry): entry is DiaryEntry => 'incident' in entry),
      orders: list.filter((entry): entry is OrderEntry => 'order' in entry),
      links: this.records.map((r) => r.link),
      deleted,
    };
  }
}
