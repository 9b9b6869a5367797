// A photo holding where it was taken (EXIF GPS) and which camera took it: the incident says so;
// the PDF report and a package carry it redrawn without any of it; only "Include originals with
// their metadata" sends it as it is (issue 13, point 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openEvidencePackage } from '../src/core/export/evidencePackage';
import { readPictureMetadata } from '../src/core/files/pictureMetadata';
import { CAMERA_MODEL, exifTiff, LATITUDE_RATIONALS, LONGITUDE_RATIONALS } from '../test/core/files/metadataFixtures';
import { baseURL, download, launch, newContext } from './support/browser';
import { pdfPageTexts } from './support/pdfText';
import { createVaultThroughUi } from './support/vault';

const PACKAGE_PASSPHRASE = 'harbour violet engine copper';
const NOTICE = 'This photo holds the place where it was taken.';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle)) >= 0;
}

/** No EXIF, GPS position or camera of the photo anywhere in these bytes. */
function expectNoMetadata(bytes: Uint8Array): void {
  for (const needle of [Buffer.from('Exif'), LATITUDE_RATIONALS, LONGITUDE_RATIONALS, Buffer.from(CAMERA_MODEL), exifTiff()]) {
    expect(contains(bytes, needle)).toBe(false);
  }
}

/** A real JPEG (drawn by the browser) with an EXIF block holding a GPS position and a camera, as a phone writes it. */
async function gpsPhoto(page: Page): Promise<Buffer> {
  const drawn = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(64, 48);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.fillStyle = '#c33';
    context.fillRect(0, 0, 64, 48);
    context.fillStyle = '#36c';
    context.fillRect(10, 10, 20, 20);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff()]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8]), app1, Buffer.from(drawn.slice(2))]);
  const found = await readPictureMetadata(photo);
  expect(found).toMatchObject({ format: 'jpeg', location: true, camera: true });
  return photo;
}

async function addIncidentWithPhoto(page: Page, photo: Buffer): Promise<void> {
  await page.getByRole('link', { name: 'New incident', exact: true }).click();
  await page.locator('main h1', { hasText: 'New incident' }).waitFor();
  await page.getByLabel('What happened?', { exact: true }).fill('He was outside the new flat');
  await page.getByRole('checkbox', { name: 'Followed me' }).check();
  await page.getByLabel('Add photos or files').setInputFiles({ name: 'outside.jpg', mimeType: 'image/jpeg', buffer: photo });
  // The form says so as soon as the photo is added.
  await page.getByText(NOTICE).waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
  // And the incident's own page.
  await page.getByText(NOTICE).waitFor({ timeout: 20_000 });
  await page.getByText(/^Daybook keeps it exactly as it is, in your diary\./).waitFor();
  await page.getByRole('link', { name: 'Back to your diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
}

async function openExport(page: Page) {
  // Each test after the first starts where the last one left off: on the export screen.
  if (await page.getByRole('heading', { level: 1, name: 'Export', exact: true }).isVisible()) return;
  await page.getByRole('link', { name: 'Export', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Export', exact: true }).waitFor();
}

async function makePackage(page: Page, includeOriginals: boolean): Promise<Buffer> {
  await page.getByRole('radio', { name: /^Evidence package for an advocate/ }).check();
  const originals = page.getByRole('checkbox', { name: 'Include originals with their metadata' });
  if (includeOriginals) await originals.check();
  else if (await originals.isVisible()) await originals.uncheck();
  await page.getByLabel('New passphrase', { exact: true }).fill(PACKAGE_PASSPHRASE);
  await page.getByLabel('Type the new passphrase again').fill(PACKAGE_PASSPHRASE);
  await page.getByRole('button', { name: 'Create file' }).click();
  await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
  return (await download(page, () => page.getByRole('button', { name: 'Save file' }).click())).bytes;
}

describe('a photo holding where it was taken', () => {
  let page: Page;
  let photo: Buffer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const context = await newContext(browser);
    close = () => context.close();
    page = await context.newPage();
    await createVaultThroughUi(page);
    photo = await gpsPhoto(page);
    await addIncidentWithPhoto(page, photo);
  });
  afterAll(async () => {
    await close();
  });

  it('goes into a PDF report redrawn: no EXIF, position or camera in the PDF, and the report says so', async () => {
    await openExport(page);
    await page.getByRole('radio', { name: /^PDF report/ }).check();
    await page.getByRole('checkbox', { name: 'I understand this file is not encrypted' }).check();
    await page.getByRole('button', { name: 'Create file' }).click();
    await page.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
    const pdf = await download(page, () => page.getByRole('button', { name: 'Save file' }).click());
    expectNoMetadata(new Uint8Array(pdf.bytes));
    // A picture is in it (pdf-lib carries a JPEG's bytes as they are: these are the redrawn ones).
    expect(pdf.bytes.includes(Buffer.from('/DCTDecode'))).toBe(true);
    const text = (await pdfPageTexts(new Uint8Array(pdf.bytes))).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Shown redrawn without its metadata');
    expect(text).not.toContain('could not be shown');
  });

  it('goes into a package as a redrawn copy by default, which the viewer names with both SHA-256s', async () => {
    await openExport(page);
    const pack = await makePackage(page, false);
    const opened = await openEvidencePackage(new Blob([new Uint8Array(pack)]), PACKAGE_PASSPHRASE);
    const [ref] = [...opened.files.keys()];
    const copy = new Uint8Array(await (opened.files.get(ref ?? '') ?? new Blob()).arrayBuffer());
    expect(copy.length).toBeGreaterThan(0);
    expectNoMetadata(copy);
    expect(opened.verification.coverage.redrawnFiles).toHaveLength(1);

    const advocate = await newContext(browser);
    const reader = await advocate.newPage();
    await reader.goto(baseURL() + '/package');
    await reader
      .getByLabel('Choose file', { exact: true })
      .setInputFiles({ name: 'package.daybook-package', mimeType: 'application/octet-stream', buffer: pack });
    await reader.getByLabel("The package's passphrase").fill(PACKAGE_PASSPHRASE);
    await reader.getByRole('button', { name: 'Open', exact: true }).click();
    await reader.getByRole('heading', { name: 'Verified', exact: true }).waitFor({ timeout: 30_000 });
    await reader.getByText(/^1 picture is a copy redrawn without its metadata/).waitFor();
    const shaOfOriginal = opened.verification.coverage.redrawnFiles[0]?.ref.sha256 ?? '';
    await reader.getByText(shaOfOriginal, { exact: true }).first().waitFor();
    await advocate.close();
  });

  it('goes into a package untouched only when "Include originals with their metadata" is ticked', async () => {
    await openExport(page);
    await page.getByText(/a photo can show where it was taken/).waitFor();
    const pack = await makePackage(page, true);
    const opened = await openEvidencePackage(new Blob([new Uint8Array(pack)]), PACKAGE_PASSPHRASE);
    const [ref] = [...opened.files.keys()];
    const carried = Buffer.from(await (opened.files.get(ref ?? '') ?? new Blob()).arrayBuffer());
    expect(carried.equals(photo)).toBe(true);
    expect(opened.verification.coverage.redrawnFiles).toEqual([]);
  });
});
