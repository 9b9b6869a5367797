// Opens what an advocate was given: an encrypted evidence package, or a plain JSON export.
// Either way it stays in memory only, and its chain is verified.

import type { OpenedPackage } from '../../core/export/evidencePackage';
import { PackageError } from '../../core/export/evidencePackage';

/** JSON exports start with '{' (after optional whitespace or a BOM); packages never do. */
async function looksLikeJson(file: Blob): Promise<boolean> {
  const head = new TextDecoder().decode(await file.slice(0, 64).arrayBuffer());
  return /^\uFEFF?\s*\{/.test(head);
}

/** Largest JSON export read whole into memory (a diary of several thousand incidents). */
const MAX_JSON_BYTES = 200 * 1024 * 1024;

export async function needsPassphrase(file: Blob): Promise<boolean> {
  return !(await looksLikeJson(file));
}

export async function openPackageFile(file: Blob, passphrase: string): Promise<OpenedPackage> {
  if (await looksLikeJson(file)) {
    if (file.size > MAX_JSON_BYTES) throw new PackageError('invalid-document');
    const [{ parseExportDocumentSettingAside }, { verifyExportDocument }] = await Promise.all([
      import('../../core/export/exportJson'),
      import('../../core/export/verifyExport'),
    ]);
    // Read as a package is: a version whose content breaks a rule is set aside and listed, and
    // the rest opens (the chain still shows whether anything was altered).
    const parsed = parseExportDocumentSettingAside(await file.text());
    if (!parsed.ok)
      throw new PackageError(
        parsed.code === 'newer-version' ? 'newer-version' : parsed.code === 'invalid' ? 'invalid-document' : 'not-daybook-file',
      );
    const { document, setAside } = parsed;
    return { document, verification: await verifyExportDocument(document, { setAside }), files: new Map(), missingFiles: [], setAside };
  }
  const { openEvidencePackage } = await import('../../core/export/evidencePackage');
  return openEvidencePackage(file, passphrase);
}
