// Writes an advocate's evidence package: the chosen export document and (if chosen) the files
// it lists, encrypted under a passphrase of its own.

import type { KdfCost } from '../../crypto';
import type { AttachmentRef } from '../../model/incident';
import { AttachmentCorruptError } from '../../store/attachmentStore';
import { EncryptedFileWriter } from '../encryptedFile';
import { markLast } from '../markLast';
import { documentFiles, type ExportDocument } from '../exportDocument';
import { PACKAGE_CONTENT_VERSION, type PackageMeta } from './packageRecords';

/** Where the files' bytes come from: decrypted a chunk at a time. */
export interface PackageFileSource {
  plaintextChunks(ref: AttachmentRef): AsyncIterable<Uint8Array>;
}

export interface CreatedPackage {
  file: Blob;
  /** Files that could not be read on this device (damaged), so the package lists but lacks them. */
  damagedFiles: AttachmentRef[];
}

export async function createEvidencePackage(
  document: ExportDocument,
  files: PackageFileSource,
  passphrase: string,
  options: { kdfCost?: KdfCost } = {},
): Promise<CreatedPackage> {
  const writer = await EncryptedFileWriter.create({ kind: 'evidence-package', passphrase, kdfCost: options.kdfCost });
  const add = (meta: PackageMeta, bytes?: Uint8Array) => writer.add(bytes ? { meta: { ...meta }, bytes } : { meta: { ...meta } });
  const refs = document.scope.attachmentsIncluded ? documentFiles(document) : [];
  const { chain, entries, checklists, ...rest } = document;
  // The links travel as records of their own (a chain can run to megabytes); the rest of the
  // chain (version 1: its head; version 2: its tree head and earlier fingerprints) stays here.
  const { links, ...chainHead } = chain;
  await add({
    t: 'document',
    v: PACKAGE_CONTENT_VERSION,
    document: { ...rest, chain: chainHead },
    links: links.length,
    entries: entries.length,
    checklists: checklists.length,
    files: refs.length,
  });
  for (const link of links) await add({ t: 'link', link });
  for (const entry of entries) await add({ t: 'entry', entry });
  for (const result of checklists) await add({ t: 'check', result });
  const damagedFiles: AttachmentRef[] = [];
  for (const ref of refs) {
    await add({ t: 'file', id: ref.id });
    try {
      for await (const { bytes, index, last } of markLast(files.plaintextChunks(ref)))
        await add({ t: 'chunk', id: ref.id, index, last }, bytes);
    } catch (error) {
      if (!(error instanceof AttachmentCorruptError)) throw error;
      // The reader finds no last chunk for this file and reports it as missing.
      damagedFiles.push(ref);
    }
  }
  return { file: await writer.finish(), damagedFiles };
}
