// What the in-page harness (harness.ts) exposes on window.daybookBench, shared with the
// Node runner so both sides agree on shapes. Only plain, structured-cloneable data crosses.

export interface SeedOptions {
  /** Index of the first incident to add (incidents are generated from their index). */
  start: number;
  count: number;
  /** Total planned, so dates spread evenly over the whole diary. */
  total: number;
  /** Every n-th incident gets an attachment (0: none). */
  attachEvery: number;
}

export interface SeedResult {
  /** Milliseconds of each DiaryRepository.add, in order. */
  addMs: number[];
  attachments: number;
  attachmentBytes: number;
  /** Milliseconds spent in AttachmentStore.save, summed. */
  attachmentMs: number;
  /** Wall time of the whole batch (generation, attachments and adds). */
  totalMs: number;
}

export interface LoadSample {
  /** Read every row and decrypt it (plain: read every row), and build the entries. */
  loadMs: number;
  /** buildTimelineIndex over the entries (folded search text, sort keys). */
  indexMs: number;
  /** timelineRows: the month-grouped rows the list renders a window of. */
  rowsMs: number;
  entries: number;
  rows: number;
}

export interface LoadResult {
  encrypted: LoadSample[];
  plain: LoadSample[];
}

export interface SearchQuery {
  label: string;
  query: string;
}

export interface SearchResult {
  /** Every timed search, all queries together. */
  encryptedMs: number[];
  plainMs: number[];
  /** Matches per query on the encrypted side (the plain side must agree). */
  matches: { label: string; query: string; encrypted: number; plain: number }[];
  /** Which search code ran. */
  method: string;
}

export interface OpenResult {
  /** DiaryRepository.history(id) on the loaded diary (what the detail screen reads). */
  historyMs: number[];
  /** Read the entry's revision rows from IndexedDB and decrypt them (EncryptedTable.get). */
  coldDecryptMs: number[];
  /** The same rows from the plain store, without decryption. */
  coldPlainMs: number[];
}

export interface PlainAddResult {
  addMs: number[];
}

export interface StoreCounts {
  revisionRows: number;
  chunkRows: number;
  plainRows: number;
}

export interface BenchApi {
  /** Deletes the app's database and the plain one. */
  reset(): Promise<void>;
  /** vault.prepare + commit with the default Argon2id cost; returns milliseconds. */
  createVault(passphrase: string): Promise<number>;
  seed(options: SeedOptions): Promise<SeedResult>;
  /** Appends a second revision to `count` entries spread over the diary. */
  editSome(count: number): Promise<number>;
  /** Copies the loaded diary into the plain store, one row per revision, unencrypted. */
  seedPlain(): Promise<number>;
  /** Adds `count` incidents to the plain store one by one (for the add ratio), then removes them. */
  plainAdds(count: number, from: number, total: number): Promise<PlainAddResult>;
  /** Milliseconds of each vault.unlock (Argon2id + unwrap) on a fresh Vault object. */
  unlock(passphrase: string, runs: number): Promise<number[]>;
  load(runs: number): Promise<LoadResult>;
  search(queries: SearchQuery[], repeats: number): Promise<SearchResult>;
  open(samples: number): Promise<OpenResult>;
  counts(): Promise<StoreCounts>;
  /** Locks and closes every database connection the harness holds. */
  close(): Promise<void>;
}

declare global {
  interface Window {
    daybookBench?: BenchApi;
  }
}
