// Exports in the page, through the app's own code: the PDF report of the most recent
// incidents, an encrypted backup of everything, and restoring it into a fresh database (twice).
// The backup file and the restored database stay here between the runner's calls.

import Dexie from 'dexie';
import { PDFDocument } from 'pdf-lib';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { createBackup } from '../../../src/core/backup/createBackup';
import { restoreBackup, type RestoreTargets } from '../../../src/core/backup/restoreBackup';
import { answersFromDiary } from '../../../src/core/checklist/fromDiary';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { renderPdfReport } from '../../../src/core/export/pdf';
import { attachmentsOf, EMPTY_SELECTION, selectEntries } from '../../../src/core/export/selection';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { AttachmentStore } from '../../../src/core/store/attachmentStore';
import { ChecklistStore } from '../../../src/core/store/checklistStore';
import { DaybookDatabase } from '../../../src/core/store/db';
import { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { pdfImageFromBlob } from '../../../src/shared/exportFiles/pdfImage';
import { loadReportFonts } from '../../../src/shared/exportFiles/reportFonts';
import type { BackupResult, ExportExtras, PdfResult, RestoreAgainResult, RestoreResult } from './api';
import { incidentFor, photoFor } from './corpus';
import { REPORT_LOCALE, reportTranslate } from './reportTranslate';

/** The empty database a backup is restored into: another name, so the app's own stays. */
export const RESTORE_DATABASE_NAME = 'daybook-bench-restore';

/** The open diary the exports read. */
export interface ExportSources {
  db: DaybookDatabase;
  key: () => CryptoKey;
  diary: DiaryRepository;
  attachments: AttachmentStore;
}

let backupFile: Blob | null = null;
let restored: { db: DaybookDatabase; key: CryptoKey; chainKey: CryptoKey } | null = null;

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

function fail(message: string): never {
  throw new Error(`Exports: ${message}`);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
};

const storesOf = (db: DaybookDatabase, key: () => CryptoKey, chainKey: () => CryptoKey): RestoreTargets => ({
  diary: new DiaryRepository(db, key, chainKey),
  attachments: new AttachmentStore(db, key),
  checklists: new ChecklistStore(db, key),
});

export async function closeExports(): Promise<void> {
  backupFile = null;
  restored?.db.close();
  restored = null;
  await Dexie.delete(RESTORE_DATABASE_NAME);
}

export async function addExportExtras(sources: ExportSources, files: number): Promise<ExportExtras> {
  const { db, key, diary, attachments } = sources;
  const count = diary.snapshot().entries.length;
  let fileBytes = 0;
  for (let i = 0; i < files; i += 1) {
    const { blob, name } = await photoFor(i, 1 + (i % 5));
    const ref = await attachments.save(blob, name);
    fileBytes += blob.size;
    // Past the seeded range, so dated today: the most recent incidents, in every PDF below.
    await diary.add({ ...incidentFor(count + i, count), attachments: [ref] });
  }
  const checklists = new ChecklistStore(db, key);
  const answers = answersFromDiary(
    diary.snapshot().entries.map((e) => e.incident),
    today(),
  );
  await checklists.saveAnswers(answers, new Date(Date.now() - 30 * 86_400_000));
  await checklists.saveAnswers(answers);
  return { files, fileBytes, checklists: 2, incidents: diary.snapshot().entries.length, links: diary.allRecords().length };
}

/** Whether pdf-lib takes the picture, as the report's ImageEmbedder would. */
async function embeddable(attachments: AttachmentStore, refs: readonly AttachmentRef[]): Promise<{ count: number; bytes: number }> {
  const scratch = await PDFDocument.create();
  const taken = { count: 0, bytes: 0 };
  for (const ref of refs) {
    const picture = await pdfImageFromBlob(await attachments.open(ref));
    if (!picture) continue;
    try {
      await (picture.format === 'png' ? scratch.embedPng(picture.bytes) : scratch.embedJpg(picture.bytes));
      taken.count += 1;
      taken.bytes += picture.bytes.byteLength;
    } catch {
      // Not a picture pdf-lib can read: the report lists it with a note instead.
    }
  }
  return taken;
}

export async function measurePdf(sources: ExportSources, incidents: number, runs: number): Promise<PdfResult> {
  const { diary, attachments } = sources;
  const [fonts, fontMs] = await timed(() => loadReportFonts());
  const t = await reportTranslate();
  const all = diary.snapshot().entries;
  // snapshot() lists the most recently written first.
  const selection = { ...EMPTY_SELECTION, entryIds: all.slice(0, incidents).map((e) => e.id) };
  const loadImage = async (ref: AttachmentRef) => pdfImageFromBlob(await attachments.open(ref));
  const result: PdfResult = {
    incidents: 0,
    revisions: 0,
    fontMs,
    fontBytes: fonts.regular.byteLength + fonts.bold.byteLength,
    buildMs: [],
    verifyMs: [],
    renderMs: [],
    totalMs: [],
    bytes: 0,
    pages: 0,
    pictures: 0,
    realPictures: 0,
    realPictureBytes: 0,
  };
  let pdf: Uint8Array = new Uint8Array(0);
  for (let run = 0; run < runs; run += 1) {
    const now = new Date();
    // As makeExport.ts's exportDocumentFor (checklists are not in the default selection).
    const [document, buildMs] = await timed(() =>
      buildExportDocument(
        {
          links: diary.allRecords().map((r) => r.link),
          entries: selectEntries(all, selection),
          history: (id) => diary.history(id),
          checklists: [],
          fingerprints: [],
        },
        selection,
        now,
      ),
    );
    const [verification, verifyMs] = await timed(() => verifyExportDocument(document));
    if (!exportVerified(verification)) fail(`the export does not verify (${JSON.stringify(verification.problems.slice(0, 3))})`);
    const [bytes, renderMs] = await timed(() =>
      renderPdfReport({ document, verification, fonts, t, locale: REPORT_LOCALE, loadImage, now }),
    );
    result.buildMs.push(buildMs);
    result.verifyMs.push(verifyMs);
    result.renderMs.push(renderMs);
    result.totalMs.push(buildMs + verifyMs + renderMs);
    result.incidents = document.entries.length;
    result.revisions = document.entries.reduce((sum, e) => sum + e.revisions.length, 0);
    pdf = bytes;
  }
  if (result.incidents !== Math.min(incidents, all.length))
    fail(`the report holds ${result.incidents} incidents, not ${Math.min(incidents, all.length)}`);
  result.bytes = pdf.byteLength;
  result.pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
  const pictures = attachmentsOf(selection.entryIds.map((id) => diary.history(id))).filter((ref) => ref.type.startsWith('image/'));
  result.pictures = pictures.length;
  const taken = await embeddable(attachments, pictures);
  result.realPictures = taken.count;
  result.realPictureBytes = taken.bytes;
  return result;
}

export async function measureBackup(sources: ExportSources, passphrase: string): Promise<BackupResult> {
  const { db, key, diary, attachments } = sources;
  const checklists = new ChecklistStore(db, key);
  // Default KDF cost: Argon2id 64 MiB, t = 3, as the app makes backups.
  const [made, ms] = await timed(() => createBackup({ diary, attachments, checklists }, passphrase));
  if (made.damagedFiles.length > 0) fail(`${made.damagedFiles.length} files could not be read for the backup`);
  backupFile = made.file;
  const files = attachmentsOf([diary.allRecords()]);
  return {
    ms,
    bytes: made.file.size,
    incidents: made.summary.incidents,
    links: made.summary.links,
    checklists: made.summary.checklists,
    files: made.summary.files,
    fileBytes: files.reduce((sum, ref) => sum + ref.size, 0),
    damagedFiles: made.damagedFiles.length,
  };
}

export async function measureRestore(sources: ExportSources, passphrase: string): Promise<RestoreResult> {
  const file = backupFile ?? fail('make the backup first');
  restored?.db.close();
  restored = null;
  await Dexie.delete(RESTORE_DATABASE_NAME);
  const [checked, checkMs] = await timed(() => checkBackup(file, passphrase));

  // A new device: an empty database, its own random data key (non-extractable, as the vault's).
  const db = new DaybookDatabase(RESTORE_DATABASE_NAME);
  await db.open();
  const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const chainKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
  restored = { db, key: dataKey, chainKey };
  const targets = storesOf(
    db,
    () => dataKey,
    () => chainKey,
  );
  await targets.diary.load();
  const [result, restoreMs] = await timed(() => restoreBackup(checked, targets));

  // Read back from the database alone, as the app would at its next unlock.
  const fresh = storesOf(
    db,
    () => dataKey,
    () => chainKey,
  );
  const [snapshot, loadMs] = await timed(() => fresh.diary.load());
  const [verification, verifyMs] = await timed(() => fresh.diary.verify());
  if (!verification.ok) fail(`the restored diary does not verify (${JSON.stringify(verification)})`);
  const head = fresh.diary.head();
  const originalHead = sources.diary.head();
  if (head !== originalHead) fail(`the restored head ${head} is not the original's ${originalHead}`);
  const original = sources.diary.snapshot();
  if (snapshot.entries.length !== original.entries.length || snapshot.links.length !== original.links.length) {
    fail(
      `restored ${snapshot.entries.length} incidents / ${snapshot.links.length} links of ${original.entries.length} / ${original.links.length}`,
    );
  }
  const wanted = attachmentsOf([sources.diary.allRecords()]);
  const stored = new Set(await fresh.attachments.storedIds());
  if (wanted.some((ref) => !stored.has(ref.id))) fail('a file is missing after the restore');
  // open() checks size and SHA-256: the largest files, read back whole.
  for (const ref of [...wanted].sort((a, b) => b.size - a.size).slice(0, 5)) await fresh.attachments.open(ref);
  const checklists = await fresh.checklists.list();
  if (checklists.length !== checked.checklists.length)
    fail(`${checklists.length} checklist results restored of ${checked.checklists.length}`);
  return {
    checkMs,
    restoreMs,
    loadMs,
    verifyMs,
    relation: result.plan.relation,
    links: snapshot.links.length,
    incidents: snapshot.entries.length,
    files: stored.size,
    checklists: checklists.length,
    head,
    originalHead,
  };
}

export async function measureRestoreAgain(passphrase: string): Promise<RestoreAgainResult> {
  const file = backupFile ?? fail('make the backup first');
  const target = restored ?? fail('restore first');
  const [checked, checkMs] = await timed(() => checkBackup(file, passphrase));
  const targets = storesOf(
    target.db,
    () => target.key,
    () => target.chainKey,
  );
  await targets.diary.load();
  const linksBefore = targets.diary.allRecords().length;
  const headBefore = targets.diary.head();
  const [result, restoreMs] = await timed(() => restoreBackup(checked, targets));
  const { plan } = result;
  const added = {
    verbatim: plan.verbatim.length,
    imported: plan.imported.length,
    files: result.addedFiles,
    checklists: plan.checklists.length,
    newIncidents: plan.newIncidents,
    updatedIncidents: plan.updatedIncidents,
  };
  if (Object.values(added).some((n) => n !== 0)) fail(`restoring the same backup again would add ${JSON.stringify(added)}`);
  const after = storesOf(
    target.db,
    () => target.key,
    () => target.chainKey,
  ).diary;
  await after.load();
  const linksAfter = after.allRecords().length;
  if (linksAfter !== linksBefore || after.head() !== headBefore) fail('the second restore changed the diary');
  return { checkMs, restoreMs, relation: plan.relation, added, linksBefore, linksAfter };
}
