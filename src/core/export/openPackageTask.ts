// Opening what an advocate was given, as a task: an encrypted evidence package, or a plain JSON
// export. What the package worker runs (and what runs in-process where there are no workers).
// Either way it stays in memory only, its chain is verified, and the result is plain data
// (the document, the verification, files as Blobs) that postMessage can hand to the page.

import type { TaskFunction } from '../workers/protocol';
import type { OpenedPackage, PackageErrorCode } from './evidencePackage';
import { PackageError } from './evidencePackage/packageError';
import { watchFrameReads } from './encryptedFile/watchReads';
import type { ExportParseError } from './exportJson';

export interface OpenPackageInput {
  file: Blob;
  /** Ignored for a JSON export. */
  passphrase: string;
}

/** Unlocking (Argon2id, no measure), reading (bytes of the file), then checking (no measure). */
export interface OpenPackageProgress {
  phase: 'unlock' | 'read' | 'verify';
  done: number;
  total: number;
}

/** JSON exports start with '{' (after optional whitespace or a BOM); packages never do. */
export async function looksLikeJson(file: Blob): Promise<boolean> {
  const head = new TextDecoder().decode(await file.slice(0, 64).arrayBuffer());
  return /^\uFEFF?\s*\{/.test(head);
}

/** Why a JSON export is refused, as the package screen words it (as for a package's contents). */
const PARSE_ERRORS: Record<ExportParseError, PackageErrorCode> = {
  'not-daybook-export': 'not-daybook-file',
  'newer-version': 'newer-version',
  invalid: 'invalid-document',
  // Left-out fields that disagree with the file's scope: refused, never shown as partly checked.
  'scope-mismatch': 'scope-mismatch',
  'too-large': 'too-large',
};

/**
 * Largest JSON export read whole into memory: far above a diary of several thousand incidents
 * (a JSON export carries no files), and refused on the file's size, before a byte is read.
 */
export const MAX_JSON_EXPORT_BYTES = 200 * 1024 * 1024;

async function openJsonExport(file: Blob, progress: (value: OpenPackageProgress) => void): Promise<OpenedPackage> {
  if (file.size > MAX_JSON_EXPORT_BYTES) throw new PackageError('too-large');
  const [{ parseExportDocument }, { verifyExportDocument }, { notHeldRecords }] = await Promise.all([
    import('./exportJson'),
    import('./verifyExport'),
    import('./setAside'),
  ]);
  progress({ phase: 'verify', done: 0, total: 0 });
  // Strictly: plain JSON carries no authentication, so nothing in it can be taken as what its
  // maker wrote. A version whose content breaks a rule refuses the whole file.
  const parsed = parseExportDocument(await file.text());
  if (!parsed.ok) throw new PackageError(PARSE_ERRORS[parsed.code]);
  const { document } = parsed;
  const verification = await verifyExportDocument(document);
  return { document, verification, files: new Map(), missingFiles: [], setAside: notHeldRecords(verification.notHeld) };
}

export const openPackageTask: TaskFunction<OpenPackageInput, OpenedPackage, OpenPackageProgress> = async (
  { file, passphrase },
  { progress },
) => {
  if (await looksLikeJson(file)) return openJsonExport(file, progress);
  const { openEvidencePackage } = await import('./evidencePackage');
  progress({ phase: 'unlock', done: 0, total: 0 });
  let reported = -1;
  const watched = await watchFrameReads(file, (end) => {
    if (end <= reported) return;
    reported = end;
    // The last window read holds the last frames: what follows is checking the document.
    progress(end >= file.size ? { phase: 'verify', done: 0, total: 0 } : { phase: 'read', done: end, total: file.size });
  });
  return openEvidencePackage(watched, passphrase);
};
