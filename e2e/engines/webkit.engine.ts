// The core journeys in WebKitGTK: Debian's MiniBrowser driven through WebKitWebDriver, under
// Xvfb when there is no display. The journeys run in order on one diary, as a person would use
// it; each starts by getting back to the unlocked diary from wherever the one before stopped.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp, type ServedApp } from './server';
import { Session, startDisplay, type Display } from './webdriver';
import { Page } from './webkitSupport';
import { pdfPageTexts } from '../support/pdfText';

const PASSPHRASE = 'lantern orbit pickle meadow';
const BACKUP_PASSPHRASE = 'saddle quiet forest lamp';
const QUICK_LOG = 'WK-quick-4410 a car idling outside the house again';
const INCIDENT = 'WK-photo-7302 flowers left on the doorstep with a note';

/** A real PNG: 24 × 16 pixels, an RGB gradient. */
function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(typed.length + 8);
    out.writeUInt32BE(data.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc32(typed), typed.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([x * 10, y * 15, 200], y * (width * 3 + 1) + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const PNG = makePng(24, 16);
const files = mkdtempSync(join(tmpdir(), 'daybook-webkit-'));
const photoPath = join(files, 'doorstep.png');
writeFileSync(photoPath, PNG);

let display: Display;
let app: ServedApp;
let session: Session;
let page: Page;
const sessions: Session[] = [];
let backup: Buffer | undefined;

beforeAll(async () => {
  display = await startDisplay();
  app = await serveApp(4202);
  session = await Session.start(display);
  sessions.push(session);
  page = new Page(session);
});

afterAll(async () => {
  for (const each of sessions) await each.quit().catch(() => undefined);
  await app?.close();
  await display?.stop();
  rmSync(files, { recursive: true, force: true });
});

const yourDiary = { role: 'heading', level: 1, name: 'Your diary' } as const;
const lockButton = { role: 'button', name: 'Lock' } as const;
const unlockButton = { role: 'button', name: 'Unlock' } as const;

async function isLockScreen(on: Page): Promise<boolean> {
  return (await on.count({ label: 'Passphrase' })) === 1 && (await on.count(unlockButton)) === 1 && (await on.count(lockButton)) === 0;
}

async function unlock(on: Page): Promise<void> {
  await on.fill({ label: 'Passphrase' }, PASSPHRASE);
  await on.click(unlockButton);
  await on.waitFor(yourDiary, 30_000);
}

/** Set-up through the screens; returns the recovery key shown. */
async function setUpDiary(on: Page, passphrase = PASSPHRASE): Promise<string> {
  await on.fill({ label: 'New passphrase' }, passphrase);
  await on.fill({ label: 'Type the new passphrase again' }, passphrase);
  await on.click({ role: 'button', name: 'Create my diary' });
  const key = await on.poll(
    'the recovery key',
    async () => (await on.count({ testId: 'recovery-key' })) > 0 && on.text({ testId: 'recovery-key' }),
    30_000,
  );
  // Disabled until the person confirms having kept the key.
  await on.on({ role: 'button', name: 'Open my diary' }, (el: HTMLButtonElement) => el.disabled);
  await on.check({ label: 'I have written down my recovery key and kept it safe.' });
  await on.click({ role: 'button', name: 'Open my diary' });
  await on.waitFor(yourDiary, 30_000);
  await on.waitFor(lockButton);
  return key;
}

/** Back to the unlocked diary, whatever state the journey before left the page in. */
async function openDiary(): Promise<void> {
  const url = await session.url();
  if (!url.startsWith(app.url)) await session.navigate(`${app.url}/`);
  const diaryOrLock = async () => (await page.count(lockButton)) + (await page.count(unlockButton)) > 0;
  try {
    await page.poll('the diary or the lock screen', diaryOrLock, 10_000);
  } catch {
    // A journey that failed can leave the page anywhere: start this one from a fresh load, so one
    // failure is reported once rather than again by every journey after it.
    await session.navigate(`${app.url}/`);
    await page.poll('the diary or the lock screen', diaryOrLock);
  }
  if ((await page.count(lockButton)) === 0) await unlock(page);
  await page.click({ role: 'link', name: 'Diary' });
  await page.waitFor(yourDiary);
}

/**
 * How many records the origin's IndexedDB holds. Reading every store also waits until earlier
 * writes are committed: the read runs after any write transaction started before it.
 */
async function storedRecords(on: Page): Promise<number> {
  return on.session.executeAsync(async () => {
    let total = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stores = Array.from(db.objectStoreNames);
      if (stores.length > 0) {
        await new Promise<void>((resolve, reject) => {
          const transaction = db.transaction(stores, 'readonly');
          for (const store of stores) {
            const request = transaction.objectStore(store).count();
            request.onsuccess = () => (total += request.result);
          }
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
        });
      }
      db.close();
    }
    return total;
  });
}

/**
 * Catches the app's next download in the page: the object URL's blob is kept and the anchor
 * click that would start the browser's download is answered here instead (WebDriver classic
 * cannot see downloads). Installed just before the click that saves the file.
 */
async function catchDownloads(on: Page): Promise<void> {
  await on.session.execute(() => {
    const w = window as unknown as { caught?: { name: string; blob: Blob }[] };
    if (w.caught) return;
    const caught: { name: string; blob: Blob }[] = [];
    w.caught = caught;
    const blobs = new Map<string, Blob>();
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = create(object);
      if (object instanceof Blob) blobs.set(url, object);
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      if (this.download && blob) caught.push({ name: this.download, blob });
      else click.call(this);
    };
  });
}

async function takeDownload(on: Page): Promise<{ name: string; bytes: Buffer }> {
  const file = await on.poll('a download', () =>
    on.session.executeAsync(async () => {
      const next = (window as unknown as { caught?: { name: string; blob: Blob }[] }).caught?.shift();
      if (!next) return undefined;
      const url = await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(next.blob);
      });
      return { name: next.name, base64: url.slice(url.indexOf(',') + 1) };
    }),
  );
  return { name: file.name, bytes: Buffer.from(file.base64, 'base64') };
}

async function saveFile(on: Page): Promise<{ name: string; bytes: Buffer }> {
  await on.waitFor({ role: 'heading', name: 'Your file is ready' }, 60_000);
  await catchDownloads(on);
  await on.click({ role: 'button', name: 'Save file' });
  return takeDownload(on);
}

describe('WebKitGTK (MiniBrowser): the core journeys', () => {
  it('set-up: passphrase, recovery key confirmed, the diary opens', async () => {
    // A new session is a fresh profile: nothing stored for the origin yet.
    await session.navigate(`${app.url}/`);
    await page.waitFor({ role: 'heading', level: 1, name: 'Set up your diary' });
    expect(await storedRecords(page), 'records stored before set-up').toBe(0);
    expect(await session.execute(() => localStorage.length)).toBe(0);
    await page.click({ role: 'button', name: 'Continue' });
    const key = await setUpDiary(page);
    expect(key).toMatch(/^[0-9A-Z]{32}$/);
    expect(await page.count({ role: 'link', name: 'New incident' })).toBeGreaterThan(0);
  });

  it('a quick log entry appears in the timeline', async () => {
    await openDiary();
    await page.fill({ label: 'What happened?' }, QUICK_LOG);
    await page.click({ role: 'button', name: 'Save' });
    await page.waitForText('Saved in your diary.');
    await page.waitFor({ role: 'link', name: new RegExp(QUICK_LOG) });
    await page.waitForText(/Record of changes checked: \d+ records?, nothing altered or missing\./);
  });

  it('an incident with a photo is saved and the photo decrypts', async () => {
    await openDiary();
    await page.click({ role: 'link', name: 'New incident' });
    await page.waitFor({ role: 'heading', level: 1, name: 'New incident' });
    await page.fill({ label: 'What happened?' }, INCIDENT);
    await page.check({ role: 'checkbox', name: 'Followed me' });
    // WebDriver "element send keys" with a local path, as a person picks a file.
    await page.upload('Add photos or files', photoPath);
    await page.waitForText('doorstep.png');
    await page.click({ role: 'button', name: 'Save' });
    // The address bar reads "/" on every screen (issue 13): the saved incident's heading says where we are.
    await page.waitFor({ role: 'heading', level: 1, name: 'Incident' }, 30_000);
    await page.waitForText(createHash('sha256').update(PNG).digest('hex'));
    await page.click({ role: 'button', name: 'Show' });
    const size = await page.on(
      { css: 'main img[alt="doorstep.png"]' },
      (img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && [img.naturalWidth, img.naturalHeight],
    );
    expect(size).toEqual([24, 16]);
  });

  it('lock and unlock', async () => {
    await openDiary();
    await page.click(lockButton);
    await page.waitFor(unlockButton);
    expect(await isLockScreen(page)).toBe(true);
    expect(await page.count({ text: 'WK-quick-4410' })).toBe(0);
    await page.fill({ label: 'Passphrase' }, 'not the passphrase at all');
    await page.click(unlockButton);
    await page.waitForText('That passphrase did not unlock the diary.', 30_000);
    await unlock(page);
    await page.waitFor({ role: 'link', name: new RegExp(QUICK_LOG) });
  });

  it('a reload starts locked', async () => {
    await openDiary();
    await storedRecords(page); // every write committed before the page goes
    await session.refresh();
    await page.waitFor(unlockButton);
    expect(await isLockScreen(page)).toBe(true);
    await unlock(page);
    await page.waitFor({ role: 'link', name: new RegExp(INCIDENT) });
  });

  it('offline: a reload is served by the service worker, unlocks, and the entries are there', async () => {
    await openDiary();
    const worker = await session.executeAsync(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.state ?? 'none';
    });
    expect(worker).toBe('activated');
    await storedRecords(page);
    await app.goOffline();
    try {
      await expect(fetch(`${app.url}/`)).rejects.toThrow();
      await session.refresh();
      await page.waitFor(unlockButton);
      expect(await isLockScreen(page)).toBe(true);
      expect(await session.execute(() => navigator.serviceWorker.controller !== null), 'page controlled by the worker').toBe(true);
      await unlock(page);
      await page.waitFor({ role: 'link', name: new RegExp(QUICK_LOG) });
      await page.waitFor({ role: 'link', name: new RegExp(INCIDENT) });
      await page.waitForText(/Record of changes checked: \d+ records, nothing altered or missing\./);
    } finally {
      await app.goOnline();
    }
  });

  it('downloads a PDF report and an encrypted backup', async () => {
    await openDiary();
    await page.click({ role: 'link', name: 'Export' });
    await page.waitFor({ role: 'heading', level: 1, name: 'Export' });
    await page.check({ role: 'radio', name: /^PDF report/ });
    await page.check({ role: 'checkbox', name: 'I understand this file is not encrypted' });
    await page.click({ role: 'button', name: 'Create file' });
    const pdf = await saveFile(page);
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfPageTexts(new Uint8Array(pdf.bytes))).join('\n');
    expect(text).toContain('WK-quick-4410');
    expect(text).toContain('WK-photo-7302');

    await page.click({ role: 'link', name: 'Settings' });
    await page.waitFor({ role: 'heading', level: 1, name: 'Settings' });
    await page.click({ role: 'link', name: 'Backup and restore' });
    await page.waitFor({ role: 'heading', level: 1, name: 'Backup and restore' });
    await page.fill({ label: 'New passphrase' }, BACKUP_PASSPHRASE);
    await page.fill({ label: 'Type the new passphrase again' }, BACKUP_PASSPHRASE);
    await page.click({ role: 'button', name: 'Make backup' });
    const file = await saveFile(page);
    expect(file.name).toMatch(/\.daybook-backup$/);
    // docs/encrypted-file-format.md: magic "DAYBOOK\0ENCF", a u32 header length, the header JSON.
    expect(file.bytes.subarray(0, 12).toString('latin1')).toBe('DAYBOOK\u0000ENCF');
    const headerLength = file.bytes.readUInt32BE(12);
    const header = JSON.parse(file.bytes.subarray(16, 16 + headerLength).toString('utf8')) as {
      format: string;
      version: number;
      kind: string;
    };
    expect(header).toMatchObject({ format: 'daybook-encrypted-file', version: 1, kind: 'backup' });
    expect(file.bytes.toString('latin1')).not.toContain('WK-quick');
    await page.waitForText(/^Last backup: /);
    backup = file.bytes;
  });

  it('restores that backup in a fresh profile, from "Start from a backup"', async () => {
    expect(backup, 'the backup from the journey before').toBeDefined();
    const backupPath = join(files, 'restore.daybook-backup');
    writeFileSync(backupPath, backup ?? Buffer.alloc(0));
    // Something only the first profile holds, to show the new session does not share it.
    await session.execute(() => localStorage.setItem('webkit-engine-marker', 'first profile'));
    const fresh = await Session.start(display);
    sessions.push(fresh);
    const other = new Page(fresh);
    await fresh.navigate(`${app.url}/`);
    await other.waitFor({ role: 'heading', level: 1, name: 'Set up your diary' });
    expect(await storedRecords(other), 'records in a fresh profile').toBe(0);
    expect(await fresh.execute(() => localStorage.getItem('webkit-engine-marker'))).toBeNull();
    await other.click({ role: 'button', name: 'Start from a backup' });
    await other.upload('Choose backup file', backupPath);
    await other.fill({ label: "The backup's passphrase" }, BACKUP_PASSPHRASE);
    await other.click({ role: 'button', name: 'Check backup' });
    await other.waitForText(/Every part of it was checked and is complete/, 60_000);
    await other.click({ role: 'button', name: 'Continue' });
    await setUpDiary(other);
    await other.waitFor({ role: 'link', name: new RegExp(QUICK_LOG) });
    await other.waitFor({ role: 'link', name: new RegExp(INCIDENT) });
    await other.waitForText(/Record of changes checked: \d+ records, nothing altered or missing\./);
    // The photo came across too, and decrypts.
    await other.click({ role: 'link', name: new RegExp(INCIDENT) });
    await other.click({ role: 'button', name: 'Show' });
    await other.on({ css: 'main img[alt="doorstep.png"]' }, (img: HTMLImageElement) => img.complete && img.naturalWidth === 24);
    await fresh.quit();
    sessions.splice(sessions.indexOf(fresh), 1);
  });

  it('locking in one tab locks the other', async () => {
    await openDiary();
    const first = await session.windowHandle();
    const second = await session.newWindow('window');
    try {
      await session.switchToWindow(second);
      await session.navigate(`${app.url}/`);
      await page.waitFor(unlockButton);
      await unlock(page);
      await session.switchToWindow(first);
      await page.click(lockButton);
      await page.waitFor(unlockButton);
      await session.switchToWindow(second);
      await page.waitFor(unlockButton, 5000);
      expect(await isLockScreen(page)).toBe(true);
      expect(await page.count({ text: 'WK-quick-4410' })).toBe(0);
    } finally {
      await session.switchToWindow(second);
      await session.closeWindow().catch(() => undefined);
      await session.switchToWindow(first);
    }
  });

  it('quick exit lands on the neutral site, and Back does not come back', async () => {
    // Loading the app anew gives Back an app page of this tab to return to.
    await session.navigate(`${app.url}/`);
    await unlock(page);
    await session.execute((url: string) => localStorage.setItem('daybook.quickExitUrl', url), app.exitURL);
    await page.click({ role: 'link', name: 'Settings' });
    await page.waitFor({ role: 'heading', level: 1, name: 'Settings' });
    const historyLength = await session.execute(() => history.length);
    await page.click({ role: 'button', name: /^Quick exit/ });
    await page.waitForUrl((url) => url === app.exitURL);
    await page.waitFor({ role: 'heading', level: 1, name: 'Weather forecast' });
    expect(await session.execute(() => history.length), 'the app replaced its history entry').toBe(historyLength);

    // Back reaches the app, which leaves again at once: a new neutral page, not this one.
    await session.execute(() => {
      Object.assign(window, { beforeBack: true });
    });
    await session.back();
    await page.poll('the app to leave again after Back', async () => {
      const url = await session.url();
      return url === app.exitURL && (await session.execute(() => !('beforeBack' in window) && document.querySelector('h1')?.textContent));
    });
    expect(await page.text({ role: 'heading', level: 1 })).toBe('Weather forecast');
  });
});
