// The diary's records packed: PACK_SIZE consecutive records of the chain encrypted as one row of
// the `packs` table, keyed by the pack's number (records 64k to 64k + 63 are pack k). One
// AES-GCM call and one JSON parse per 64 records at unlock rather than one per record: what
// made loading the encrypted diary cost more than twice the plain one (issue 18).
//
// A record is first written as a row of its own (`revisions`, keyed by its place in the chain),
// as before; a load packs every complete run of 64 rows (storage.ts, packAtLoad), so what a
// session adds stays a row until the next unlock. Each pack is bound to its number by the
// additional data (table and id), and every record in it must be at its place (parsePack):
// records cannot be moved between packs, reordered within one, or moved out of one unnoticed.

import type { RecordWriting } from '../../crypto/records';
import type { EncryptedTableName } from '../db';
import type { RevisionRecord } from './types';

/**
 * A row of `revisions` no version of Daybook can decrypt (random bytes), written with the first
 * pack and never removed. A tab still running a version from before packs reads every row of
 * `revisions` at load: this one makes that load fail ("could not read the diary"), as it must,
 * rather than take the rows left for the whole diary, find records missing and store that as a
 * finding. Every reader here leaves it out. Its id sorts after every record's.
 */
export const PACKED_MARKER_ID = '~packed';

/** The marker row: an id, a fresh IV and random bytes, shaped as every encrypted row is. */
export function packedMarkerRow(): { id: string; v: 1; iv: Uint8Array; data: Uint8Array } {
  return { id: PACKED_MARKER_ID, v: 1, iv: crypto.getRandomValues(new Uint8Array(12)), data: crypto.getRandomValues(new Uint8Array(48)) };
}

/**
 * How a table's rows are written: the packs deflated before they are encrypted (record version 2,
 * crypto/records.ts), since reading their bytes is most of what opening a large diary costs;
 * every other row as JSON. Here rather than in encryptedTable.ts so that key replacement's worker
 * (rekey.ts) imports no more than it did.
 */
export function rowWriting(table: EncryptedTableName): RecordWriting {
  return { compress: table === 'packs' };
}

/** Records per pack. A deletion that erases an earlier version's content rewrites its pack: 64 of ~1 to 2 KB each. */
export const PACK_SIZE = 64;

/** Pack ids follow chain order, so reading the table in key order reads the packs in order. */
export const packId = (index: number) => String(index).padStart(10, '0');

/** The pack a record's place in the chain falls in. */
export const packOf = (seq: number) => Math.floor(seq / PACK_SIZE);

/** Thrown for a pack that decrypts but is not PACK_SIZE records, each at its place (a bug, never an onlooker's work). */
export class MalformedPackError extends Error {
  override readonly name = 'MalformedPackError';
  constructor(readonly index: number) {
    super(`pack ${index} is not ${PACK_SIZE} records in chain order`);
  }
}

/**
 * A decrypted pack's records, checked to be exactly PACK_SIZE records each at its place
 * (`index` * PACK_SIZE + its position). The records' content is read as every record's is: the
 * chain's verify() checks each against its link.
 */
export function parsePack(value: unknown, index: number): RevisionRecord[] {
  if (!Array.isArray(value) || value.length !== PACK_SIZE) throw new MalformedPackError(index);
  const first = index * PACK_SIZE;
  // Every place, holes included (forEach would skip a hole in an array that did not come from JSON).
  for (let position = 0; position < PACK_SIZE; position += 1) {
    const record: unknown = value[position];
    const link = typeof record === 'object' && record !== null ? (record as { link?: unknown }).link : undefined;
    const seq = typeof link === 'object' && link !== null ? (link as { seq?: unknown }).seq : undefined;
    if (seq !== first + position) throw new MalformedPackError(index);
  }
  return value as RevisionRecord[];
}

/**
 * The numbers of the packs `records` can fill: every run of PACK_SIZE records, each at its place,
 * in a range no pack holds yet (`packed`). `records` are the rows read, in chain order.
 */
export function packableRanges(records: readonly RevisionRecord[], packed: ReadonlySet<number>): number[] {
  const bySeq = new Map<number, number>();
  for (const record of records) {
    const index = packOf(record.link.seq);
    if (!packed.has(index)) bySeq.set(index, (bySeq.get(index) ?? 0) + 1);
  }
  // A run counts only when each of its places holds one record (row ids are unique, and each row's
  // record is at its row's place), so PACK_SIZE of them fill it.
  return [...bySeq]
    .filter(([, count]) => count === PACK_SIZE)
    .map(([index]) => index)
    .sort((a, b) => a - b);
}
