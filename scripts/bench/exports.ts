// Export figures (issues 7 and 8): the PDF report of 1,000 incidents, an encrypted backup of
// the whole seeded diary, and restoring it into a fresh database, then again into the restored
// one. Run after the UI measurements, so the files added here never touch those.

import type { BrowserContext } from 'playwright-core';
import { mb, notes, overBy, timing } from './figures';
import { call, openHarness } from './harnessCall';
import type { BackupResult, ExportExtras, PdfResult, RestoreAgainResult, RestoreResult } from './page/api';
import type { Figure, Target } from './report';
import { median, round } from './stats';

/** A backup has its own passphrase, as the app asks for one. */
export const BACKUP_PASSPHRASE = 'harbour violet tandem quill';

export interface ExportOptions {
  pdfIncidents: number;
  pdfRuns: number;
  /** Photos of 1 to 5 MiB added (one new incident each) before the exports. */
  exportFiles: number;
}

export interface ExportRun {
  unlockMs: number;
  extras: ExportExtras;
  pdf: PdfResult;
  /** The same number of incidents in mixed scripts (scripts/bench/page/mixedScripts.ts). */
  mixed: PdfResult;
  backup: BackupResult;
  restore: RestoreResult;
  again: RestoreAgainResult;
}

export async function measureExports(
  context: BrowserContext,
  baseURL: string,
  vaultPassphrase: string,
  options: ExportOptions,
  log: (line: string) => void,
): Promise<ExportRun> {
  const page = await openHarness(context, baseURL);
  try {
    const unlockMs = await call(page, 'openVault', vaultPassphrase);
    const extras = await call(page, 'addExportExtras', options.exportFiles);
    log(
      `  added ${extras.files} photos (${round(mb(extras.fileBytes), 1)} MB) in new incidents and ${extras.checklists} checklist results: ${extras.incidents} incidents, ${extras.links} links`,
    );
    const pdf = await call(page, 'pdf', options.pdfIncidents, options.pdfRuns);
    log(
      `  PDF of ${pdf.incidents} incidents: ${pdf.totalMs.map((ms) => `${round(ms, 0)} ms`).join(', ')}; ${round(mb(pdf.bytes), 2)} MB, ${pdf.pages} pages`,
    );
    const mixed = await call(page, 'pdfMixed', options.pdfIncidents, options.pdfRuns);
    log(
      `  PDF of ${mixed.incidents} incidents in mixed scripts: ${mixed.totalMs.map((ms) => `${round(ms, 0)} ms`).join(', ')}; ${round(mb(mixed.bytes), 2)} MB, ${mixed.pages} pages; fonts ${round(mixed.fontMs, 0)} ms`,
    );
    const backup = await call(page, 'backup', BACKUP_PASSPHRASE);
    log(`  backup: ${round(backup.ms, 0)} ms, ${round(mb(backup.bytes), 1)} MB`);
    const restore = await call(page, 'restore', BACKUP_PASSPHRASE);
    log(`  restore into an empty database: check ${round(restore.checkMs, 0)} ms, restore ${round(restore.restoreMs, 0)} ms; head matches`);
    const again = await call(page, 'restoreAgain', BACKUP_PASSPHRASE);
    log(`  same backup again: check ${round(again.checkMs, 0)} ms, restore ${round(again.restoreMs, 0)} ms; nothing added`);
    await call(page, 'close');
    return { unlockMs, extras, pdf, mixed, backup, restore, again };
  } finally {
    await page.close();
  }
}

const count = (n: number) => n.toLocaleString('en-GB');

export function exportFigures(run: ExportRun, options: ExportOptions, pdfTargetMs: number): { figures: Figure[]; target: Target } {
  const { extras, pdf, mixed, backup, restore, again } = run;
  const section = 'Exports';
  const pdfMs = median(pdf.totalMs);
  const onTheDiary = `On the seeded diary plus ${extras.files} photos (real JPEGs of random pixels, ${round(mb(extras.fileBytes), 1)} MB, each in a new incident) and ${extras.checklists} saved checklist results, added after the UI runs`;
  const figures: Figure[] = [
    {
      id: 'export.fonts',
      section,
      label: 'load the report fonts (DejaVu Sans, regular + bold)',
      unit: 'ms',
      value: round(pdf.fontMs, 1),
      samples: 1,
      how: `loadReportFonts() from src/shared/exportFiles/reportFonts.ts (two same-origin fetches, ${round(mb(pdf.fontBytes), 2)} MB), the first time in the page; not part of the PDF time below.`,
    },
    timing(
      'export.pdf',
      section,
      `PDF report of ${count(pdf.incidents)} incidents (build + verify + render)`,
      pdf.totalMs,
      `${onTheDiary}. The ${count(pdf.incidents)} most recently written incidents (${count(pdf.revisions)} revisions) picked by id with the default selection (attachments included): selectEntries + buildExportDocument (as makeExport.ts), verifyExportDocument (whole chain, every revision's hash), then renderPdfReport with the real fonts, en-GB strings (i18next over src/i18n/locales/en-GB) and pictures through AttachmentStore.open + pdfImageFromBlob. Fonts loaded beforehand.`,
    ),
    {
      id: 'export.pdf.parts',
      section,
      label: 'of which build / verify / render',
      unit: 'text',
      value: `${round(median(pdf.buildMs), 0)} / ${round(median(pdf.verifyMs), 0)} / ${round(median(pdf.renderMs), 0)} ms`,
      samples: pdf.totalMs.length,
      how: 'Medians of each step over the same runs.',
    },
    {
      id: 'export.pdf.size',
      section,
      label: 'PDF size / pages',
      unit: 'text',
      value: `${round(mb(pdf.bytes), 2)} MB (${round(mb(pdf.realPictureBytes), 2)} MB of it ${pdf.realPictures} photos), ${count(pdf.pages)} pages`,
      how: `Bytes from renderPdfReport; pages counted by pdf-lib loading the file. ${pdf.pictures} picture attachments among the chosen incidents, ${pdf.realPictures} of them embeddable and embedded as they are (the rest are the seed's JPEG-headed random bytes, which pdf-lib refuses: the report lists them with a note instead).`,
    },
    timing(
      'export.pdf.mixed',
      section,
      `PDF report of ${count(mixed.incidents)} incidents in mixed scripts (build + verify + render)`,
      mixed.totalMs,
      `${count(mixed.incidents)} incidents written in turn in Latin (with Polish and Welsh letters), Urdu (with English and a phone number in the line), Gurmukhi, Devanagari and Chinese, one script each, where in the same turn, no attachments; the other fields from the seed corpus. Not stored: their chain is built in the page as the diary writes it (appendLink over newRevisionContent, scripts/bench/page/mixedScripts.ts), then the same steps as the figure above: buildExportDocument, verifyExportDocument, renderPdfReport with en-GB strings. Fonts for the text's scripts (DejaVu Sans and Noto Naskh Arabic, Gurmukhi, Devanagari and SC, ${round(mb(mixed.fontBytes), 1)} MB) loaded beforehand in ${round(mixed.fontMs, 0)} ms, not included. Every non-Latin line is shaped by HarfBuzz; the Urdu, Gurmukhi and Devanagari ones are drawn as glyph outlines with an invisible text layer, Chinese as text subset from the 10.6 MB font. Unlike the figure above, no pictures and a fresh chain of ${count(mixed.incidents)} links, so the difference is mostly shaping and drawing.`,
    ),
    {
      id: 'export.pdf.mixed.size',
      section,
      label: 'mixed-script PDF size / pages',
      unit: 'text',
      value: `${round(mb(mixed.bytes), 2)} MB, ${count(mixed.pages)} pages (render ${round(median(mixed.renderMs), 0)} ms of the median)`,
      how: 'Bytes from renderPdfReport (fonts subset to the glyphs used); pages counted by pdf-lib loading the file.',
    },
    {
      id: 'backup.create',
      section,
      label: 'encrypted backup of everything',
      unit: 'ms',
      value: round(backup.ms, 0),
      samples: 1,
      how: `${onTheDiary}. createBackup({ diary, attachments, checklists }, passphrase) from src/core/backup at the default KDF cost (Argon2id 64 MiB, t = 3): every link with its content, the checklist results and every file, chunk by chunk, into the encrypted file container.`,
    },
    {
      id: 'backup.size',
      section,
      label: 'backup file',
      unit: 'text',
      value: `${round(mb(backup.bytes), 1)} MB: ${count(backup.incidents)} incidents, ${count(backup.links)} links, ${backup.checklists} checklist results, ${count(backup.files)} files (${round(mb(backup.fileBytes), 1)} MB)`,
      how: 'Size of the Blob createBackup returns, and its summary.',
    },
    {
      id: 'restore.check',
      section,
      label: 'check the backup (before restoring)',
      unit: 'ms',
      value: round(restore.checkMs, 0),
      samples: 1,
      how: 'checkBackup(file, passphrase): Argon2id, every record decrypted and validated, every file hashed (SHA-256), the chain verified.',
    },
    {
      id: 'restore.write',
      section,
      label: 'restore into a new, empty database',
      unit: 'ms',
      value: round(restore.restoreMs, 0),
      samples: 1,
      how: `restoreBackup(checked, targets) into a new DaybookDatabase ("daybook-bench-restore") under a new random AES-GCM data key (plan "${restore.relation}"): the file read again for its files (Argon2id again), files saved, links appended verbatim, checklist results saved.`,
    },
    {
      id: 'restore.verify',
      section,
      label: 'load + verify the restored diary',
      unit: 'ms',
      value: round(restore.loadMs + restore.verifyMs, 0),
      samples: 1,
      how: `A new DiaryRepository over the restored database: load() ${round(restore.loadMs, 0)} ms, verify() ${round(restore.verifyMs, 0)} ms. Then its head must equal the original's, and incidents, links, files (the 5 largest opened and hash-checked) and checklist results must all be there, or the bench stops.`,
    },
    {
      id: 'restore.head',
      section,
      label: 'restored diary',
      unit: 'text',
      value: `head matches (${restore.head.slice(0, 12)}…): ${count(restore.incidents)} incidents, ${count(restore.links)} links, ${count(restore.files)} files, ${restore.checklists} checklist results`,
      how: 'Compared with the original diary in the same page.',
    },
    {
      id: 'restore.again.check',
      section,
      label: 'same backup again: check',
      unit: 'ms',
      value: round(again.checkMs, 0),
      samples: 1,
      how: 'checkBackup(file, passphrase) again, as a second restore starts.',
    },
    {
      id: 'restore.again.write',
      section,
      label: 'same backup again: restore into the restored diary',
      unit: 'ms',
      value: round(again.restoreMs, 0),
      samples: 1,
      how: 'restoreBackup into the restored database (its diary loaded first, not timed): the merge plan, then nothing to write.',
    },
    {
      id: 'restore.again.plan',
      section,
      label: 'same backup again: added',
      unit: 'text',
      value: `nothing (plan "${again.relation}"; ${count(again.linksAfter)} links before and after)`,
      how: 'Plan verbatim, imported, files, checklist results, new and updated incidents all 0, and the head unchanged, or the bench stops.',
    },
  ];
  const atThousand =
    pdf.incidents === options.pdfIncidents
      ? ''
      : `measured at ${count(pdf.incidents)} incidents (the diary is smaller); the target is at ${count(options.pdfIncidents)}`;
  const target: Target = {
    id: 'pdf',
    label: `PDF of ${count(options.pdfIncidents)} incidents`,
    target: `< ${pdfTargetMs / 1000} s`,
    actual: `${round(pdfMs / 1000, 2)} s`,
    pass: pdfMs < pdfTargetMs,
    note: notes(
      pdfMs < pdfTargetMs ? '' : `${overBy(pdfMs / 1000, pdfTargetMs / 1000, 's')}; render ${round(median(pdf.renderMs), 0)} ms of it`,
      atThousand,
      `font load (${round(pdf.fontMs, 0)} ms) not included`,
    ),
  };
  return { figures, target };
}
