// Opens an evidence package read-only, in memory: nothing from it is written anywhere, so it
// never mixes with a diary on this device. The document is validated as hostile input and its
// chain verified; files are kept only if they match the SHA-256 the document lists.
//
// Strict about bytes, lenient about authentic records: bytes that fail authentication refuse the
// whole package, and so does a document out of shape. A version of an incident (or a checklist
// result) that authenticated but breaks a rule of its content is set aside and listed, with why;
// everything else opens. A version set aside counts as authentic only if its content matches the
// hash its link records (see verifyExport.ts); otherwise the package does not verify.
//
// A picture sent as a redrawn copy (content version 2) is checked against the copy's own size
// and SHA-256, which the package gives (authenticated with the rest of it), and must be a PNG or
// JPEG carrying no location or camera details; the document's SHA-256 is the original's, which is
// what the sender's record of changes commits to. The verification names both (see verifyExport).

import { createStreamingSha256, type StreamingSha256 } from '../../crypto/streamingSha256';
import { readPictureMetadata } from '../../files/pictureMetadata';
import { readBytes } from '../../store/attachments/readBytes';
import type { AttachmentRef } from '../../model/incident';
import { EncryptedFileError, openEncryptedFile } from '../encryptedFile';
import { documentFiles, type ExportDocument } from '../exportDocument';
import { BlobAccumulator } from '../encryptedFile/blobAccumulator';
import { parseExportDocumentSettingAside } from '../exportJson';
import { notHeldRecords, type NotHeldPart, type SetAsideRecord } from '../setAside';
import { verifyExportDocument, type ExportVerification, type RedrawnFile } from '../verifyExport';
import { PACKAGE_CONTENT_VERSIONS, PACKAGE_LIMITS, type RedrawnCopy } from './packageRecords';

import { PackageError } from './packageError';
import { own } from '../../model/ownProperty';
import { mayBeCopiedOrWithheld } from './pictureClaim';
import { initialsOfRecorded } from '../exhibits';

export interface OpenedPackage {
  document: ExportDocument & NotHeldPart;
  verification: ExportVerification;
  /**
   * Files present and matching their SHA-256, by attachment id: the original's, or for a picture
   * sent as a redrawn copy (verification.coverage.redrawnFiles), the copy's.
   */
  files: Map<string, Blob>;
  /** Files the document lists but the package does not carry intact. */
  missingFiles: AttachmentRef[];
  /**
   * The initials its maker numbered the files with as exhibits (AB/1, AB/2, …): labels set when
   * exported, beside each file, not checked. Absent when none, or when any recorded reference is
   * not the one those initials give that file in the document's order (see exhibits.ts).
   */
  exhibitInitials?: string;
  /**
   * Versions and checklist results the package carries but that break a rule of their content,
   * then the versions whose content its maker did not hold (rule 'not-held') whose links check out.
   */
  setAside: SetAsideRecord[];
}

function invalid(): never {
  throw new PackageError('invalid-document');
}

function count(value: object, key: string, max: number): number {
  const n = own(value, key);
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max ? n : invalid();
}

interface Collected {
  /** The package's content version (see packageRecords.ts). */
  version: number;
  head: Record<string, unknown>;
  counts: { links: number; entries: number; checklists: number; files: number };
  links: unknown[];
  entries: unknown[];
  checklists: unknown[];
  /**
   * Unchecked file bytes by id, checked against the document once it is validated. Held in
   * Blobs that fold every few MiB (browsers keep large Blobs on disk), not in JS arrays.
   */
  parts: Map<string, FilePart>;
}

interface FilePart {
  bytes: BlobAccumulator;
  chunks: number;
  complete: boolean;
  hasher: StreamingSha256;
  /** Version 2: the bytes are a redrawn copy of the original, or were left out. */
  copy?: RedrawnCopy;
  withheld?: boolean;
  /** The exhibit reference its record gives, if any (null: not a short string, so none are shown). */
  exhibit?: string | null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A redrawn copy is never larger than this (4,096 pixels square, as PNG, with room to spare). */
const MAX_COPY_BYTES = 100 * 1024 * 1024;

/** A file record's redrawn copy, checked for shape: anything else makes the package invalid. */
function copyOf(meta: object): RedrawnCopy | undefined {
  const copy = own(meta, 'copy');
  if (copy === undefined) return undefined;
  if (typeof copy !== 'object' || copy === null) invalid();
  const sha256 = own(copy, 'sha256');
  const size = own(copy, 'size');
  const type = own(copy, 'type');
  if (
    own(copy, 'kind') !== 'redrawn' ||
    typeof sha256 !== 'string' ||
    !SHA256_HEX.test(sha256) ||
    typeof size !== 'number' ||
    !Number.isSafeInteger(size) ||
    size < 0 ||
    size > MAX_COPY_BYTES ||
    (type !== 'image/png' && type !== 'image/jpeg')
  ) {
    invalid();
  }
  return { kind: 'redrawn', sha256, size, type };
}

async function collect(file: Blob, passphrase: string): Promise<Collected> {
  const reader = await openEncryptedFile(file, passphrase, 'evidence-package');
  let collected: Collected | null = null;
  let current: string | null = null;
  for await (const { meta, bytes } of reader.records()) {
    const t = own(meta, 't');
    if (collected === null) {
      const document = own(meta, 'document');
      const version = own(meta, 'v');
      if (t !== 'document' || typeof version !== 'number' || !PACKAGE_CONTENT_VERSIONS.includes(version)) invalid();
      if (typeof document !== 'object' || document === null) invalid();
      collected = {
        version,
        head: document as Record<string, unknown>,
        counts: {
          links: count(meta, 'links', PACKAGE_LIMITS.links),
          entries: count(meta, 'entries', PACKAGE_LIMITS.entries),
          checklists: count(meta, 'checklists', PACKAGE_LIMITS.checklists),
          files: count(meta, 'files', PACKAGE_LIMITS.files),
        },
        links: [],
        entries: [],
        checklists: [],
        parts: new Map(),
      };
      continue;
    }
    const c: Collected = collected;
    if (t === 'link' && c.links.length < c.counts.links) c.links.push(own(meta, 'link'));
    else if (t === 'entry' && c.entries.length < c.counts.entries) c.entries.push(own(meta, 'entry'));
    else if (t === 'check' && c.checklists.length < c.counts.checklists) c.checklists.push(own(meta, 'result'));
    else if (t === 'file') {
      const id = own(meta, 'id');
      if (typeof id !== 'string' || c.parts.has(id) || c.parts.size >= c.counts.files) invalid();
      const copy = copyOf(meta);
      const withheld = own(meta, 'withheld');
      // Version 1 knew neither; a file is either a copy or left out, never both.
      if ((copy !== undefined || withheld !== undefined) && c.version < 2) invalid();
      if (withheld !== undefined && (withheld !== 'metadata' || copy !== undefined)) invalid();
      // A label, not evidence: one out of shape is not shown, and refuses nothing.
      const exhibit = own(meta, 'exhibit');
      const label = exhibit === undefined ? undefined : typeof exhibit === 'string' && exhibit.length <= 16 ? exhibit : null;
      c.parts.set(id, {
        bytes: new BlobAccumulator(),
        chunks: 0,
        complete: false,
        hasher: await createStreamingSha256(),
        ...(copy ? { copy } : {}),
        ...(withheld === 'metadata' ? { withheld: true } : {}),
        ...(label !== undefined ? { exhibit: label } : {}),
      });
      current = id;
    } else if (t === 'chunk') {
      const part = current === null ? undefined : c.parts.get(current);
      const index = own(meta, 'index');
      if (!part || part.complete || part.withheld || own(meta, 'id') !== current || index !== part.chunks || !bytes) invalid();
      part.bytes.append(bytes as Uint8Array<ArrayBuffer>);
      part.hasher.update(bytes);
      part.chunks += 1;
      if (own(meta, 'last') === true) {
        part.complete = true;
        // A whole file leaves the JS heap for the Blob: a package of many photos never sits there.
        part.bytes.flush();
      }
    } else invalid();
  }
  if (collected === null) invalid();
  const { counts } = collected;
  if (
    collected.links.length !== counts.links ||
    collected.entries.length !== counts.entries ||
    collected.checklists.length !== counts.checklists
  ) {
    invalid();
  }
  return collected;
}

export async function openEvidencePackage(file: Blob, passphrase: string): Promise<OpenedPackage> {
  let collected: Collected;
  try {
    collected = await collect(file, passphrase);
  } catch (error) {
    if (error instanceof PackageError) throw error;
    if (error instanceof EncryptedFileError) throw new PackageError(error.code, { cause: error });
    throw new PackageError('invalid-document', { cause: error });
  }
  const chain = own(collected.head, 'chain');
  const part = (key: string) => (typeof chain === 'object' && chain !== null ? own(chain, key) : undefined);
  // Version 1 keeps its head here; version 2 its tree head and earlier fingerprints. The reader
  // takes only what the document's version has.
  const parsed = parseExportDocumentSettingAside({
    ...collected.head,
    chain: { links: collected.links, head: part('head'), size: part('size'), root: part('root'), earlier: part('earlier') },
    entries: collected.entries,
    checklists: collected.checklists,
  });
  if (!parsed.ok)
    throw new PackageError(
      parsed.code === 'newer-version' ? 'newer-version' : parsed.code === 'scope-mismatch' ? 'scope-mismatch' : 'invalid-document',
    );
  const { document, setAside, setAsideContent } = parsed;
  const files = new Map<string, Blob>();
  const missingFiles: AttachmentRef[] = [];
  const redrawnFiles: RedrawnFile[] = [];
  const withheldFiles: AttachmentRef[] = [];
  const listed = document.scope.attachmentsIncluded ? documentFiles(document) : [];
  for (const ref of listed) {
    const part = collected.parts.get(ref.id);
    // Only a picture is ever redrawn or left out: a video or document said to be is a forgery.
    if ((part?.withheld || part?.copy) && !mayBeCopiedOrWithheld(ref)) invalid();
    if (part?.withheld) withheldFiles.push(ref);
    else if (part?.copy) {
      const copy = await intactCopy(part, part.copy);
      if (copy) {
        files.set(ref.id, copy);
        redrawnFiles.push({ ref, copySha256: part.copy.sha256, copySize: part.copy.size });
      } else missingFiles.push(ref);
    } else if (part?.complete && part.bytes.size === ref.size && part.hasher.digestHex() === ref.sha256.toLowerCase()) {
      files.set(ref.id, part.bytes.toBlob(ref.type));
    } else missingFiles.push(ref);
  }
  const verification = await verifyExportDocument(document, {
    setAside,
    setAsideContent,
    files: { redrawn: redrawnFiles, withheld: withheldFiles },
  });
  // The numbers are not read from the records but worked out again, and shown only if they agree.
  const recorded = new Map<string, unknown>();
  for (const ref of listed) {
    const exhibit = collected.parts.get(ref.id)?.exhibit;
    if (exhibit !== undefined) recorded.set(ref.id, exhibit);
  }
  const exhibitInitials = initialsOfRecorded(document, recorded);
  return {
    document,
    verification,
    files,
    missingFiles,
    ...(exhibitInitials ? { exhibitInitials } : {}),
    setAside: [...setAside, ...notHeldRecords(verification.notHeld)],
  };
}

/**
 * A redrawn copy's bytes when they are what its record says (size, SHA-256) and what a redraw
 * makes (a PNG or JPEG of that type, with no location or camera details); otherwise null.
 */
async function intactCopy(part: FilePart, copy: RedrawnCopy): Promise<Blob | null> {
  if (!part.complete || part.bytes.size !== copy.size || part.hasher.digestHex() !== copy.sha256) return null;
  const blob = part.bytes.toBlob(copy.type);
  const found = await readPictureMetadata(await readBytes(blob));
  const sameType = `image/${found.format ?? ''}` === copy.type;
  return sameType && !found.location && !found.camera && !found.incomplete ? blob : null;
}
