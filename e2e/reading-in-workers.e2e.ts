// Reading in workers (issue 13, points 3 and 4): checking a backup and opening an evidence
// package run in Web Workers, report progress, can be stopped (the screen is usable again and
// nothing is written), and work offline; files over Daybook's budgets are refused with their own
// message, fast, and the page survives them. Files are made here, in Node, with Daybook's own
// writer, at Daybook's default KDF cost.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EncryptedFileWriter, type FileRecord } from '../src/core/export/encryptedFile';
import { createEvidencePackage } from '../src/core/export/evidencePackage';
import { PACKAGE_CONTENT_VERSION } from '../src/core/export/evidencePackage/packageRecords';
import { parseExportDocument, serializeExportDocument } from '../src/core/export/exportJson';
import type { ExportDocument } from '../src/core/export/exportDocument';
import { baseURL, launch, newContext, waitForServiceWorker } from './support/browser';
import { dumpIndexedDb } from './support/vault';

const PASSPHRASE = 'bramble lantern seventeen';
const MiB = 1024 * 1024;
/** Big enough that reading takes a while after Argon2id, so there is time to press Stop. */
const BIG_CHUNKS = 160;

let dir: string;
let browser: Browser;
const files: Record<'bigBackup' | 'smallBackup' | 'costlyBackup' | 'bigPackage' | 'smallPackage' | 'manyFilesPackage' | 'json', string> = {
  bigBackup: '',
  smallBackup: '',
  costlyBackup: '',
  bigPackage: '',
  smallPackage: '',
  manyFilesPackage: '',
  json: '',
};

async function write(name: string, kind: 'backup' | 'evidence-package', records: Iterable<FileRecord>): Promise<string> {
  const writer = await EncryptedFileWriter.create({ kind, passphrase: PASSPHRASE });
  for (const record of records) await writer.add(record);
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(await (await writer.finish()).arrayBuffer()));
  return path;
}

/** A version 1 backup of no incidents and one file (set aside: no version refers to it) of `chunks` MiB. */
function* backupRecords(chunks: number): Generator<FileRecord> {
  yield { meta: { t: 'info', v: 1, createdAt: '2026-02-01T10:00:00.000Z', links: 0, checklists: 0, files: 1 } };
  yield {
    meta: {
      t: 'file',
      ref: { id: 'a'.repeat(32), name: 'recording.bin', type: 'application/octet-stream', size: 1, sha256: '0'.repeat(64) },
    },
  };
  const bytes = new Uint8Array(MiB).fill(7);
  for (let index = 0; index < chunks; index++) yield { meta: { t: 'chunk', id: 'a'.repeat(32), index, last: index === chunks - 1 }, bytes };
}

/** The worked example of docs/export-format.md: a real, verifying version 2 export. */
function exampleDocument(): { text: string; document: ExportDocument } {
  const doc = readFileSync(new URL('../docs/export-format.md', import.meta.url), 'utf8');
  const marker = '<!-- example-v2:export -->\n';
  const start = doc.indexOf('\n', doc.indexOf(marker) + marker.length) + 1;
  const text = doc.slice(start, doc.indexOf('\n```\n', start));
  const parsed = parseExportDocument(text);
  if (!parsed.ok) throw new Error(`the example no longer reads: ${parsed.detail}`);
  return { text, document: parsed.document };
}

/** The example as a package, plus one file no version lists, of `chunks` MiB (read, then left out). */
function* packageRecords(document: ExportDocument, chunks: number): Generator<FileRecord> {
  const { chain, entries, checklists, ...rest } = document;
  const { links, ...head } = chain;
  yield {
    meta: {
      t: 'document',
      v: PACKAGE_CONTENT_VERSION,
      document: { ...rest, chain: head },
      links: links.length,
      entries: entries.length,
      checklists: checklists.length,
      files: 1,
    },
  };
  for (const link of links) yield { meta: { t: 'link', link } };
  for (const entry of entries) yield { meta: { t: 'entry', entry } };
  for (const result of checklists) yield { meta: { t: 'check', result } };
  yield { meta: { t: 'file', id: 'unlisted' } };
  const bytes = new Uint8Array(MiB).fill(9);
  for (let index = 0; index < chunks; index++) yield { meta: { t: 'chunk', id: 'unlisted', index, last: index === chunks - 1 }, bytes };
}

/** The case: 30,000 file records in a package of under 2 MB. */
function* manyFileRecords(): Generator<FileRecord> {
  yield { meta: { t: 'document', v: PACKAGE_CONTENT_VERSION, document: {}, links: 0, entries: 0, checklists: 0, files: 30_000 } };
  for (let i = 0; i < 30_000; i++) yield { meta: { t: 'file', id: `f${i}` } };
}

/** The small backup with its header asking for 1 GiB x 20 passes (within the format's range). */
function costly(path: string): string {
  const bytes = readFileSync(path);
  const length = bytes.readUInt32BE(12);
  const header = JSON.parse(bytes.subarray(16, 16 + length).toString('utf8')) as { kdf: Record<string, unknown> };
  header.kdf = { ...header.kdf, memoryKiB: 1024 * 1024, iterations: 20 };
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(16);
  bytes.copy(prefix, 0, 0, 12);
  prefix.writeUInt32BE(json.length, 12);
  const out = join(dir, 'costly.daybook-backup');
  writeFileSync(out, Buffer.concat([prefix, json, bytes.subarray(16 + length)]));
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daybook-workers-'));
  const { text, document } = exampleDocument();
  files.bigBackup = await write('big.daybook-backup', 'backup', backupRecords(BIG_CHUNKS));
  files.smallBackup = await write('small.daybook-backup', 'backup', backupRecords(1));
  files.costlyBackup = costly(files.smallBackup);
  files.bigPackage = await write('big.daybook-package', 'evidence-package', packageRecords(document, BIG_CHUNKS));
  files.manyFilesPackage = await write('many.daybook-package', 'evidence-package', manyFileRecords());
  const made = await createEvidencePackage(document, { plaintextChunks: async function* () {} }, PASSPHRASE);
  files.smallPackage = join(dir, 'small.daybook-package');
  writeFileSync(files.smallPackage, new Uint8Array(await made.file.arrayBuffer()));
  files.json = join(dir, 'export.json');
  writeFileSync(files.json, serializeExportDocument(document) || text);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh profile, its app precached, then offline: everything below runs without a network. */
async function offlinePage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(baseURL() + '/');
  await waitForServiceWorker(page);
  await page.reload();
  await page.locator('main h1').first().waitFor();
  await context.setOffline(true);
  return { context, page };
}

/** Starts recording main-thread tasks over 50 ms (Long Tasks API). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
}

/** Script URLs the page (or its workers) loaded whose name contains `part`. */
async function workerScripts(page: Page, part: string): Promise<string[]> {
  return page.evaluate(
    (p) =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.includes(p)),
    part,
  );
}

describe('checking a backup in a worker', () => {
  it('shows progress, stops at once with nothing written, then checks a backup offline; refuses a costly header fast', async () => {
    const { context, page } = await offlinePage();
    await page.getByRole('button', { name: 'Start from a backup' }).click();
    const fileField = page.getByLabel('Choose backup file');
    const before = await dumpIndexedDb(page);

    await fileField.setInputFiles(files.bigBackup);
    await page.getByLabel("The backup's passphrase").fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Check backup' }).click();
    await page.getByRole('progressbar', { name: 'Checking every part of the backup…' }).waitFor({ timeout: 30_000 });
    // The page stays responsive while the worker reads: no long main-thread task meanwhile.
    await watchLongTasks(page);
    await page.getByText(/^[\d,]+ of [\d,]+$/).waitFor();
    await page.waitForTimeout(500);
    expect(await longestTask(page)).toBeLessThan(100);
    expect(await workerScripts(page, 'checkBackup.worker')).not.toEqual([]);

    await page.getByRole('button', { name: 'Stop checking' }).click();
    await page.getByText('Stopped. Nothing was opened, and nothing has been changed.').waitFor();
    await expect(page.getByRole('progressbar').count()).resolves.toBe(0);
    expect(await dumpIndexedDb(page)).toEqual(before);

    // Usable again, and offline: the same fields check a whole backup.
    await fileField.setInputFiles(files.smallBackup);
    await page.getByLabel("The backup's passphrase").fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Check backup' }).click();
    await page.getByText(/^Backup made on .*Every part of it was checked and is complete\.$/).waitFor({ timeout: 30_000 });

    // A header asking for 1 GiB x 20 passes is refused before Argon2id runs.
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await page.getByLabel('Choose backup file').setInputFiles(files.costlyBackup);
    await page.getByLabel("The backup's passphrase").fill(PASSPHRASE);
    const started = Date.now();
    await page.getByRole('button', { name: 'Check backup' }).click();
    await page.getByText(/^This file asks for far more work to unlock than Daybook ever uses/).waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await dumpIndexedDb(page)).toEqual(before);
    await context.close();
  });
});

describe('opening an evidence package in a worker', () => {
  it('shows progress, stops at once, then opens a package and a JSON export offline; refuses 30,000 file records', async () => {
    const { context, page } = await offlinePage();
    await page.goto(baseURL() + '/package');
    await page.getByRole('heading', { level: 1, name: 'Open an evidence package' }).waitFor();
    const fileField = page.getByLabel('Choose file');
    const before = await dumpIndexedDb(page);

    await fileField.setInputFiles(files.bigPackage);
    await page.getByLabel("The package's passphrase").fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('progressbar', { name: 'Reading and checking every part of the file…' }).waitFor({ timeout: 30_000 });
    await watchLongTasks(page);
    await page.waitForTimeout(500);
    expect(await longestTask(page)).toBeLessThan(100);
    expect(await workerScripts(page, 'openPackage.worker')).not.toEqual([]);
    await page.getByRole('button', { name: 'Stop opening' }).click();
    await page.getByText('Stopped. Nothing was opened, and nothing has been changed.').waitFor();
    expect(await dumpIndexedDb(page)).toEqual(before);

    await fileField.setInputFiles(files.smallPackage);
    await page.getByLabel("The package's passphrase").fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Verified', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Close package' }).click();

    await page.getByLabel('Choose file').setInputFiles(files.json);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Verified', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Close package' }).click();

    // 30,000 file records in under 2 MB: refused with its own message, and the page lives on.
    expect(readFileSync(files.manyFilesPackage).length).toBeLessThan(2_000_000);
    await page.getByLabel('Choose file').setInputFiles(files.manyFilesPackage);
    await page.getByLabel("The package's passphrase").fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page
      .getByText('This file is bigger, or holds more items, than Daybook will read, so it was not opened.', { exact: false })
      .waitFor({
        timeout: 30_000,
      });
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(await dumpIndexedDb(page)).toEqual(before);
    await context.close();
  });
});
