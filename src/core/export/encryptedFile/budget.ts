// How much of a backup or evidence package the reader will take in, whatever the file says.
// Each cap is checked before what it bounds is allocated: the file's size before the key is
// derived, the record count before a frame is read, the metadata total before a record's JSON
// is parsed, the file records before one is handed to the caller (which sets up a hash, and
// for a package a Blob, per file). A file over any of them is refused as 'too-large' and
// nothing from it is used.
//
// The numbers are set far above any real diary, so a victim with years of entries and
// thousands of photos is never refused:
// - Attachments are at most 100 MiB each (MAX_ATTACHMENT_BYTES) and a phone photo is 2 to 8 MB:
//   5,000 photos and a few videos come to about 30 GB. Backups may be 64 GiB; a package, which
//   carries only what was chosen for someone else, 16 GiB.
// - Records: one per version of an incident (a few per incident), one per file and one per MiB
//   of its bytes (64 GiB is 65,536 chunks), a few more. Two million is several times the most
//   any diary within BACKUP_LIMITS writes in practice.
// - Metadata: a version of an incident is typically 1 to 5 KB of JSON; 20,000 versions of 5 KB
//   are 100 MB. The readers keep parsed metadata in memory (several times its JSON size), so
//   256 MiB is the most a phone can be asked to hold for a backup. A package is opened by
//   whoever it was handed to, often on a phone, and holds only the chosen incidents: 128 MiB
//   is still some 25,000 versions of 5 KB, and half the memory a crafted package can ask for.
// - File records: a backup checks one file at a time, so 100,000 (BACKUP_LIMITS.files) costs
//   only time. A package keeps every file it carries open until the document is checked, so its
//   cap is what memory allows: 10,000 files is still more photos than any one report needs.

import { EncryptedFileError } from './errors';
import type { EncryptedFileKind } from './format';

export interface ReadBudget {
  /** The whole file, checked against its size before anything is derived or decrypted. */
  maxFileBytes: number;
  /** Records (frames before the end frame). */
  maxRecords: number;
  /** Records that start a file (their meta's `t` is "file", in backups and packages alike). */
  maxFileRecords: number;
  /** UTF-8 bytes of record metadata (JSON) over the whole file. */
  maxMetaBytes: number;
}

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

export const READ_BUDGETS: Readonly<Record<EncryptedFileKind, Readonly<ReadBudget>>> = Object.freeze({
  backup: Object.freeze({ maxFileBytes: 64 * GiB, maxRecords: 2_000_000, maxFileRecords: 100_000, maxMetaBytes: 256 * MiB }),
  'evidence-package': Object.freeze({ maxFileBytes: 16 * GiB, maxRecords: 2_000_000, maxFileRecords: 10_000, maxMetaBytes: 128 * MiB }),
});

export function tooLarge(detail: string): EncryptedFileError {
  return new EncryptedFileError('too-large', detail);
}

/** Running totals while a file is read, refused at the first record over the budget. */
export class BudgetTracker {
  private metaBytes = 0;
  private fileRecords = 0;

  constructor(private readonly budget: Readonly<ReadBudget>) {}

  /** Before anything is derived: the file's size. */
  checkFileSize(size: number): void {
    if (size > this.budget.maxFileBytes) throw tooLarge(`the file is ${size} bytes; the limit is ${this.budget.maxFileBytes}`);
  }

  /** Before record `index` (0-based) is read. */
  checkRecordIndex(index: number): void {
    if (index >= this.budget.maxRecords) throw tooLarge(`more than ${this.budget.maxRecords} records`);
  }

  /** Before a record's metadata is parsed. */
  addMetaBytes(bytes: number): void {
    this.metaBytes += bytes;
    if (this.metaBytes > this.budget.maxMetaBytes) throw tooLarge(`more than ${this.budget.maxMetaBytes} bytes of record metadata`);
  }

  /** Before a record is handed on: counts those that start a file. */
  checkRecord(meta: Record<string, unknown>): void {
    if (Object.getOwnPropertyDescriptor(meta, 't')?.value !== 'file') return;
    this.fileRecords += 1;
    if (this.fileRecords > this.budget.maxFileRecords) throw tooLarge(`more than ${this.budget.maxFileRecords} files`);
  }
}
