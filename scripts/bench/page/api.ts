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

/** What was added to the diary for the export figures (after the other measurements). */
export interface ExportExtras {
  /** Photos (real JPEGs, random pixels) saved through AttachmentStore.save, one new incident each. */
  files: number;
  fileBytes: number;
  /** Saved checklist results added (answersFromDiary), so the backup carries some. */
  checklists: number;
  /** Live incidents and revision links after the additions. */
  incidents: number;
  links: number;
}

export interface PdfResult {
  incidents: number;
  revisions: number;
  /** loadReportFonts (src/shared/exportFiles/reportFonts.ts): the first fetch in the page. */
  fontMs: number;
  fontBytes: number;
  /** Per run: selectEntries + buildExportDocument, verifyExportDocument, renderPdfReport. */
  buildMs: number[];
  verifyMs: number[];
  renderMs: number[];
  totalMs: number[];
  bytes: number;
  pages: number;
  /** Picture attachments of the chosen incidents, and how many of them are real pictures. */
  pictures: number;
  realPictures: number;
  /** Bytes of those real pictures, which the PDF carries as they are. */
  realPictureBytes: number;
}

export interface BackupResult {
  ms: number;
  bytes: number;
  incidents: number;
  links: number;
  checklists: number;
  files: number;
  fileBytes: number;
  damagedFiles: number;
}

export interface RestoreResult {
  /** checkBackup: Argon2id, decrypt and validate every record, hash every file, verify the chain. */
  checkMs: number;
  /** restoreBackup: plan, files, diary, checklists. */
  restoreMs: number;
  /** A new DiaryRepository over the restored database: load(), then verify(). */
  loadMs: number;
  verifyMs: number;
  relation: string;
  links: number;
  incidents: number;
  files: number;
  checklists: number;
  /** Both heads: they must be equal (the harness throws otherwise). */
  head: string;
  originalHead: string;
}

export interface RestoreAgainResult {
  checkMs: number;
  restoreMs: number;
  relation: string;
  /** What the plan would add; all zero, or the harness throws. */
  added: { verbatim: number; imported: number; files: number; checklists: number; newIncidents: number; updatedIncidents: number };
  linksBefore: number;
  linksAfter: number;
}

/** The same work timed on the main thread and in a dedicated worker (see spin.worker.ts). */
export interface SpinResult {
  mainMs: number;
  workerMs: number;
}

/** navigator.storage.estimate() for this origin. */
export interface StorageEstimateResult {
  usage: number | null;
  quota: number | null;
  /** Chromium's breakdown (usageDetails), when it gives one. */
  indexedDB: number | null;
}

export interface BenchApi {
  /** Deletes the app's database, the plain one and the restore target. */
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
  /** Opens the vault the bench created (a new page, after the UI runs): unlock + load. */
  openVault(passphrase: string): Promise<number>;
  /** Adds `files` photos of about 1 to 5 MiB, each in a new incident, and two checklist results. */
  addExportExtras(files: number): Promise<ExportExtras>;
  /** A PDF report of the `incidents` most recently written incidents, `runs` times. */
  pdf(incidents: number, runs: number): Promise<PdfResult>;
  /** The same for `incidents` incidents in Latin, Urdu, Gurmukhi, Devanagari and Chinese, built in memory (see mixedScripts.ts). */
  pdfMixed(incidents: number, runs: number): Promise<PdfResult>;
  /** createBackup of everything at the default KDF cost; the file stays in the page. */
  backup(passphrase: string): Promise<BackupResult>;
  /** Checks that backup and restores it into a new, empty database under a new data key. */
  restore(passphrase: string): Promise<RestoreResult>;
  /** Checks and restores the same backup again into the restored database. */
  restoreAgain(passphrase: string): Promise<RestoreAgainResult>;
  /** Runs `iterations` steps on the main thread, then in a new worker, each timed where it runs. */
  spin(iterations: number): Promise<SpinResult>;
  storageEstimate(): Promise<StorageEstimateResult>;
  /** Deletes the plain store (the scale series measures its load ratio, then drops it). */
  dropPlain(): Promise<void>;
  /** Locks and closes every database connection the harness holds. */
  close(): Promise<void>;
}

declare global {
  interface Window {
    daybookBench?: BenchApi;
  }
}
