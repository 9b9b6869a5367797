// Writes an advocate's evidence package: the chosen export document and (if chosen) the files
// it lists, encrypted under a passphrase of its own.
//
// Pictures go out redrawn without their metadata unless the person ticked "Include originals
// with their metadata": the package then says the file is a redrawn copy and gives the copy's
// own size and SHA-256, while the document keeps the original's, which is what the diary's
// record of changes commits to. Without the tick, a file that is or claims to be a picture (by
// its bytes, TIFF included, or its declared type or name) and cannot be redrawn here is left
// out, and the package says so: an original leaves untouched only when ticked. Every other file
// (videos, recordings, documents) goes out as it is.
//
// With exhibit initials, each file record also carries the file's exhibit reference ("AB/1") and
// its name with the exhibit label in front ("AB-1 IMG_2041.jpg"): labels chosen at export, beside
// the file, outside the document and so outside anything the record of changes covers.

import type { KdfCost } from '../../crypto';
import { createStreamingSha256 } from '../../crypto/streamingSha256';
import { readPictureMetadata } from '../../files/pictureMetadata';
import { redrawPicture, type RedrawOutcome } from '../../files/redrawPicture';
import { sniffContent } from '../../files/sniff';
import type { AttachmentRef } from '../../model/incident';
import { AttachmentCorruptError } from '../../store/attachmentStore';
import { readBytes } from '../../store/attachments/readBytes';
import type { CountProgress } from '../../workers/protocol';
import { stopIfCancelled, whileRunning } from '../../workers/cancel';
import { EncryptedFileWriter } from '../encryptedFile';
import { markLast } from '../markLast';
import { documentFiles, type ExportDocument } from '../exportDocument';
import { exhibitFileName, exhibitsOf, type Exhibit } from '../exhibits';
import { claimsPicture, looksLikePicture } from './pictureClaim';
import { PACKAGE_CONTENT_VERSION, type PackageMeta, type RedrawnCopy } from './packageRecords';

/** Where the files' bytes come from: decrypted a chunk at a time. */
export interface PackageFileSource {
  plaintextChunks(ref: AttachmentRef): AsyncIterable<Uint8Array>;
}

export interface CreatedPackage {
  file: Blob;
  /** Files that could not be read on this device (damaged), so the package lists but lacks them. */
  damagedFiles: AttachmentRef[];
  /** Pictures sent as copies redrawn without their metadata. */
  redrawnFiles: AttachmentRef[];
  /** Pictures left out: they could not be redrawn on this device, and originals were not chosen. */
  withheldFiles: AttachmentRef[];
}

/**
 * How far a package has got: 'records' counts the document's records written (the document
 * itself, its links, entries and checklist results), 'files' counts the files finished (sent,
 * left out or found damaged). Each phase starts at 0 and ends at its total.
 */
export type PackageProgress = CountProgress<'records' | 'files'>;

export interface PackageOptions {
  kdfCost?: KdfCost;
  /**
   * Checked before every record and every chunk: once aborted, nothing more is read, redrawn,
   * hashed or encrypted, what was written is dropped, and the call rejects with TaskCancelledError.
   */
  signal?: AbortSignal;
  onProgress?: (progress: PackageProgress) => void;
  /** Send pictures as they were attached, metadata (location, camera) included. Default: false. */
  includeOriginals?: boolean;
  /** How pictures are redrawn (default: core/files' redrawPicture; tests in Node pass their own). */
  redraw?: (file: Blob) => Promise<RedrawOutcome>;
  /** Initials to number the files as exhibits (checked: see exhibits.ts); absent: no numbers. */
  exhibitInitials?: string;
}

/** What a file record says of the file's exhibit, if the files are numbered. */
export interface ExhibitLabel {
  /** "AB/1". */
  exhibit?: string;
  /** The file's name with its label in front: "AB-1 IMG_2041.jpg". */
  name?: string;
}

function exhibitLabel(ref: AttachmentRef, exhibit: Exhibit | undefined): ExhibitLabel {
  return exhibit ? { exhibit: exhibit.reference, name: exhibitFileName(exhibit, ref.name) } : {};
}

/** Copies are written in chunks of this size, as the originals are. */
const COPY_CHUNK_BYTES = 1024 * 1024;
/** A file's first bytes, enough to tell a picture by (the store gives 1 MiB chunks). */
const SNIFF_BYTES = 64 * 1024;

export async function createEvidencePackage(
  document: ExportDocument,
  files: PackageFileSource,
  passphrase: string,
  options: PackageOptions = {},
): Promise<CreatedPackage> {
  const { signal, onProgress } = options;
  stopIfCancelled(signal);
  // A stop while the file key is derived ends the Argon2id worker, passphrase and all. Later,
  // the writer (and every frame it holds) is simply let go: nothing is returned.
  const writer = await EncryptedFileWriter.create({ kind: 'evidence-package', passphrase, kdfCost: options.kdfCost, signal });
  const refs = document.scope.attachmentsIncluded ? documentFiles(document) : [];
  const exhibits = exhibitsOf(document, options.exhibitInitials);
  const { chain, entries, checklists, ...rest } = document;
  // The links travel as records of their own (a chain can run to megabytes); the rest of the
  // chain (version 1: its head; version 2: its tree head and earlier fingerprints) stays here.
  const { links, ...chainHead } = chain;
  const records = { done: 0, total: 1 + links.length + entries.length + checklists.length };
  const add = async (meta: PackageMeta, bytes?: Uint8Array) => {
    stopIfCancelled(signal);
    await writer.add(bytes ? { meta: { ...meta }, bytes } : { meta: { ...meta } });
  };
  /** A document record: written, then counted. */
  const addRecord = async (meta: PackageMeta) => {
    await add(meta);
    records.done += 1;
    onProgress?.({ phase: 'records', ...records });
  };
  onProgress?.({ phase: 'records', ...records });
  await addRecord({
    t: 'document',
    v: PACKAGE_CONTENT_VERSION,
    document: { ...rest, chain: chainHead },
    links: links.length,
    entries: entries.length,
    checklists: checklists.length,
    files: refs.length,
  });
  for (const link of links) await addRecord({ t: 'link', link });
  for (const entry of entries) await addRecord({ t: 'entry', entry });
  for (const result of checklists) await addRecord({ t: 'check', result });
  const made: CreatedPackage = { file: new Blob(), damagedFiles: [], redrawnFiles: [], withheldFiles: [] };
  const redraw = options.redraw ?? ((file: Blob) => redrawPicture(file));
  if (refs.length > 0) onProgress?.({ phase: 'files', done: 0, total: refs.length });
  for (const [index, ref] of refs.entries()) {
    try {
      const label = exhibitLabel(ref, exhibits.get(ref.id));
      if (options.includeOriginals) await addOriginal(add, ref, label, whileRunning(files.plaintextChunks(ref), signal));
      else await addFile(add, ref, label, files, redraw, made, signal);
    } catch (error) {
      if (!(error instanceof AttachmentCorruptError)) throw error;
      // The reader finds no last chunk for this file and reports it as missing.
      made.damagedFiles.push(ref);
    }
    onProgress?.({ phase: 'files', done: index + 1, total: refs.length });
  }
  stopIfCancelled(signal);
  return { ...made, file: await writer.finish() };
}

type Add = (meta: PackageMeta, bytes?: Uint8Array) => Promise<void>;

/** The file's record, then its original bytes a chunk at a time (a large file is never whole in memory). */
async function addOriginal(add: Add, ref: AttachmentRef, label: ExhibitLabel, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  await add({ t: 'file', id: ref.id, ...label });
  for await (const { bytes, index, last } of markLast(chunks)) await add({ t: 'chunk', id: ref.id, index, last }, bytes);
}

/** Reads the first chunk to tell a picture: a picture is redrawn or left out, anything else goes as it is. */
async function addFile(
  add: Add,
  ref: AttachmentRef,
  label: ExhibitLabel,
  files: PackageFileSource,
  redraw: (file: Blob) => Promise<RedrawOutcome>,
  made: CreatedPackage,
  signal: AbortSignal | undefined,
): Promise<void> {
  const iterator = files.plaintextChunks(ref)[Symbol.asyncIterator]();
  try {
    await addFileFrom(iterator, add, ref, label, redraw, made, signal);
  } finally {
    // Read by hand, so closed by hand: a cancelled or failed file decrypts nothing more.
    try {
      await iterator.return?.();
    } catch {
      // Already failed (a damaged chunk): the error that matters is the one thrown above.
    }
  }
}

async function addFileFrom(
  iterator: AsyncIterator<Uint8Array>,
  add: Add,
  ref: AttachmentRef,
  label: ExhibitLabel,
  redraw: (file: Blob) => Promise<RedrawOutcome>,
  made: CreatedPackage,
  signal: AbortSignal | undefined,
): Promise<void> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    stopIfCancelled(signal);
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    yield* head;
    if (done) return;
    for (;;) {
      stopIfCancelled(signal);
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  };
  const first = head.length === 1 && head[0] ? head[0] : joined(head);
  const format = sniffContent(first.subarray(0, SNIFF_BYTES));
  if (!looksLikePicture(format, first) && !claimsPicture(ref)) return addOriginal(add, ref, label, rest());

  // A picture: read whole (within the store's per-file cap), which also checks its SHA-256.
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for await (const part of rest()) parts.push(new Uint8Array(part));
  const original = new Blob(parts);
  stopIfCancelled(signal);
  const outcome = await redraw(original);
  stopIfCancelled(signal);
  if (outcome.status === 'redrawn') {
    const copy = await readBytes(outcome.picture);
    // Only what a redraw makes goes out as a copy: fresh pixels, nothing else read from the file.
    const found = await readPictureMetadata(copy);
    stopIfCancelled(signal);
    if (!found.location && !found.camera && !found.incomplete && (found.format === 'png' || found.format === 'jpeg')) {
      const hasher = await createStreamingSha256();
      hasher.update(copy);
      const record: RedrawnCopy = { kind: 'redrawn', sha256: hasher.digestHex(), size: copy.length, type: `image/${found.format}` };
      await add({ t: 'file', id: ref.id, copy: record, ...label });
      await addChunks(add, ref.id, copy);
      made.redrawnFiles.push(ref);
      return;
    }
  }
  // Not redrawn here (too large, a form this browser cannot decode, HEIC, TIFF): without the
  // tick an original never leaves, whatever a metadata reader finds in it.
  await add({ t: 'file', id: ref.id, withheld: 'metadata', ...label });
  made.withheldFiles.push(ref);
}

async function addChunks(add: Add, id: string, bytes: Uint8Array): Promise<void> {
  const count = Math.max(1, Math.ceil(bytes.length / COPY_CHUNK_BYTES));
  for (let index = 0; index < count; index++) {
    const chunk = bytes.subarray(index * COPY_CHUNK_BYTES, (index + 1) * COPY_CHUNK_BYTES);
    await add({ t: 'chunk', id, index, last: index === count - 1 }, chunk);
  }
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
