// The control: the same diary in a plain Dexie database, with no encryption and no hash chain.
// Rows carry the same fields as the encrypted revisions once decrypted.

import Dexie, { type Table } from 'dexie';
import type { Incident } from '../../../src/core/model/incident';
import type { DiaryEntry } from '../../../src/core/store/diaryRepository';

export const PLAIN_DATABASE_NAME = 'daybook-bench-plain';

export interface PlainRow {
  /** Chain position, zero-padded like the encrypted rows' ids. */
  id: string;
  entryId: string;
  revision: number;
  kind: 'revision' | 'tombstone';
  recordedAt: string;
  incident: Incident | null;
}

export class PlainDatabase extends Dexie {
  declare rows: Table<PlainRow, string>;

  constructor() {
    super(PLAIN_DATABASE_NAME);
    this.version(1).stores({ rows: '&id' });
  }
}

/** The live entries, built the way DiaryRepository.snapshot() builds them. */
export function plainEntries(rows: readonly PlainRow[]): DiaryEntry[] {
  const entries = new Map<string, DiaryEntry>();
  for (const row of rows) {
    if (row.kind === 'tombstone') {
      entries.delete(row.entryId);
      continue;
    }
    if (!row.incident) continue;
    const existing = entries.get(row.entryId);
    entries.set(row.entryId, {
      id: row.entryId,
      incident: row.incident,
      firstRecordedAt: existing?.firstRecordedAt ?? row.recordedAt,
      lastRecordedAt: row.recordedAt,
      revisions: row.revision,
    });
  }
  return [...entries.values()].sort((a, b) => (a.firstRecordedAt < b.firstRecordedAt ? 1 : -1));
}

/** Reads every row, in chain order, and builds the entries. */
export async function loadPlain(db: PlainDatabase): Promise<DiaryEntry[]> {
  const rows = await db.rows.toArray();
  rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return plainEntries(rows);
}
