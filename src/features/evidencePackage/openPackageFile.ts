// Opens what an advocate was given: an encrypted evidence package, or a plain JSON export.
// Either way it stays in memory only, and its chain is verified.

import { PackageError, type OpenedPackage, type PackageErrorCode } from '../../core/export/evidencePackage';
import type { ExportParseError } from '../../core/export/exportJson';

/** JSON exports start with '{' (after optional whitespace or a BOM); packages never do. */
async function looksLikeJson(file: Blob): Promise<boolean> {
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
};

/** Largest JSON export read whole into memory (a diary of several thousand incidents). */
const MAX_JSON_BYTES = 200 * 1024 * 1024;

export async function needsPassphrase(file: Blob): Promise<boolean> {
  return !(await looksLikeJson(file));
}

export async function openPackageFile(file: Blob, passphrase: string): Promise<OpenedPackage> {
  if (await looksLikeJson(file)) {
    if (file.size > MAX_JSON_BYTES) throw new PackageError('invalid-document');
    const [{ parseExportDocument }, { verifyExportDocument }, { notHeldRecords }] = await Promise.all([
      import('../../core/export/exportJson'),
      import('../../core/export/verifyExport'),
      import('../../core/export/setAside'),
    ]);
    // Strictly: plain JSON carries no authentication, so nothing in it can be taken as what its
    // maker wrote. A version whose content breaks a rule refuses the whole file.
    const parsed = parseExportDocument(await file.text());
    if (!parsed.ok) throw new PackageError(PARSE_ERRORS[parsed.code]);
    const { document } = parsed;
    const verification = await verifyExportDocument(document);
    return { document, verification, files: new Map(), missingFiles: [], setAside: notHeldRecords(verification.notHeld) };
  }
  const { openEvidencePackage } = await import('../../core/export/evidencePackage');
  return openEvidencePackage(file, passphrase);
}
