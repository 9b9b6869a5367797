// Replacing the key that encrypts the diary (issue 13 point 7, docs/vault-format.md), in the
// browser: a passphrase change with the replacement ticked, the page reloaded while records are
// being re-encrypted, unlocked, finished; every entry and the picture open; and a copy of the old
// vault header taken beforehand, with the old passphrase, decrypts no record stored afterwards.
//
// The last check is the attacker's, not the app's: it reads IndexedDB raw, derives the old key-
// encryption key with Argon2id here in Node (hash-wasm), unwraps the old data key with WebCrypto
// as docs/vault-format.md describes, and tries it on every stored row. The same procedure decrypts
// the rows before the replacement, so it is shown to work.

import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launch, newContext } from './support/browser';
import { createVaultThroughUi, PASSPHRASE, unlockThroughUi } from './support/vault';
import { crash, holdTransaction, installCrashHooks, killSwitch, transactionHeld } from './support/crash';

const ICON = readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));
const NEW_PASSPHRASE = 'copper kettle sings at dawn';
const subtle = webcrypto.subtle;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

interface RawRow {
  store: string;
  id: string;
  iv: number[];
  data: number[];
}

interface RawHeader {
  kdf: { memoryKiB: number; iterations: number; parallelism: number; salt: string };
  passphraseWrap: { iv: string; data: string; format?: number };
  retiring?: unknown;
}

/**
 * The vault header and every encrypted row (records, and the first chunk of each file), read raw;
 * with `headerOnly`, the header alone (a transaction held open on the diary's rows would block
 * reading them).
 */
async function rawDatabase(page: Page, headerOnly = false): Promise<{ header: RawHeader; rows: RawRow[] }> {
  return page.evaluate(async (onlyHeader) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('daybook');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<{ id?: string; key?: string; value?: unknown; iv?: Uint8Array; data?: Uint8Array }[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as never);
        request.onerror = () => reject(request.error);
      });
    const header = (await all('meta')).find((row) => row.key === 'vaultHeader')?.value;
    const rows: RawRow[] = [];
    for (const store of onlyHeader ? [] : ['settings', 'drafts', 'revisions', 'checklists', 'chunks']) {
      for (const row of await all(store)) {
        if (store === 'chunks' && !row.id?.endsWith(':00000000')) continue;
        rows.push({ store, id: row.id ?? '', iv: Array.from(row.iv ?? []), data: Array.from(row.data ?? []) });
      }
    }
    db.close();
    return { header: header as RawHeader, rows };
  }, headerOnly);
}

/** The data key an attacker gets from a copy of `header` and `passphrase` (format 2 wrap, sealed label). */
async function dataKeyFrom(header: RawHeader, passphrase: string): Promise<CryptoKey> {
  const { memoryKiB, iterations, parallelism, salt } = header.kdf;
  const kekBytes = await argon2id({
    password: passphrase.normalize('NFC'),
    salt: Buffer.from(salt, 'base64'),
    iterations,
    parallelism,
    memorySize: memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
  const kek = await subtle.importKey('raw', kekBytes, 'AES-GCM', false, ['unwrapKey']);
  expect(header.passphraseWrap.format).toBe(2);
  const aad = [
    'daybook/wrap-binding/v2',
    'daybook/wrap/passphrase/v2',
    'argon2id',
    `m=${memoryKiB}`,
    `t=${iterations}`,
    `p=${parallelism}`,
    `salt=${salt}`,
  ].join('\0');
  return subtle.unwrapKey(
    'raw',
    Buffer.from(header.passphraseWrap.data, 'base64'),
    kek,
    { name: 'AES-GCM', iv: Buffer.from(header.passphraseWrap.iv, 'base64'), additionalData: new TextEncoder().encode(aad) },
    'AES-GCM',
    false,
    ['decrypt'],
  );
}

/** How many of `rows` `key` decrypts (records: table and id bound; a file's first chunk: its id, index 0). */
async function decryptable(key: CryptoKey, rows: readonly RawRow[]): Promise<number> {
  let opened = 0;
  for (const row of rows) {
    const tries =
      row.store === 'chunks'
        ? ['last', 'more'].map((flag) => ['daybook/blob-chunk/v1', row.id.slice(0, -':00000000'.length), '0', flag].join('\0'))
        : [['daybook/record/v1', row.store, row.id].join('\0')];
    for (const additional of tries) {
      try {
        await subtle.decrypt(
          { name: 'AES-GCM', iv: new Uint8Array(row.iv), additionalData: new TextEncoder().encode(additional) },
          key,
          new Uint8Array(row.data),
        );
        opened += 1;
        break;
      } catch {
        // Not under this key (or not this flag).
      }
    }
  }
  return opened;
}

async function hookedContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  await installCrashHooks(context);
  return { context, page: await context.newPage() };
}

async function quickLog(page: Page, text: string): Promise<void> {
  await page.getByLabel('What happened?').fill(text);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved in your diary.').waitFor();
}

async function expectVerified(page: Page, count: number): Promise<void> {
  const line = page.getByTestId('integrity');
  await line.waitFor({ timeout: 20_000 });
  const expected = `Record of changes checked: ${count} ${count === 1 ? 'record' : 'records'}, nothing altered or missing.`;
  await expect.poll(() => line.textContent(), { timeout: 10_000 }).toBe(expected);
}

async function openSecurity(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Security' }).waitFor();
}

describe('replacing the key that encrypts the diary', () => {
  it('survives a reload mid-way, finishes after unlocking, and leaves the old header and passphrase opening nothing', async () => {
    const { context, page: first } = await hookedContext();
    let page = first;
    await createVaultThroughUi(page);
    for (const text of ['Car outside the house again', 'Phoned eleven times', 'Waited by the school gate']) await quickLog(page, text);
    await page.getByRole('link', { name: 'New incident', exact: true }).click();
    // The photo first, then the words, checked before saving (the form is still settling when
    // the file is added).
    await page.getByLabel('Add photos or files').setInputFiles({ name: 'doorstep.png', mimeType: 'image/png', buffer: ICON });
    await page.getByText('doorstep.png').first().waitFor();
    await page.getByRole('checkbox', { name: 'Followed me' }).check();
    const words = page.getByLabel('What happened?', { exact: true });
    await words.fill('Left something on the doorstep');
    await expect.poll(() => words.inputValue()).toBe('Left something on the doorstep');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Back to your diary' }).click();
    await expectVerified(page, 4);

    // The copy someone could have taken: the header, and the old passphrase opens every row now.
    const before = await rawDatabase(page);
    const oldKey = await dataKeyFrom(before.header, PASSPHRASE);
    expect(before.rows.length).toBeGreaterThan(6);
    expect(await decryptable(oldKey, before.rows)).toBe(before.rows.length);

    // Change the passphrase, the replacement ticked (as it is at first): a new recovery key first.
    await openSecurity(page);
    const form = page.getByRole('form', { name: 'Change passphrase' });
    expect(await form.getByRole('checkbox', { name: 'Also replace the key that encrypts the diary' }).isChecked()).toBe(true);
    await form.getByLabel('Current passphrase').fill(PASSPHRASE);
    await form.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
    await form.getByLabel('Type the new passphrase again').fill(NEW_PASSPHRASE);
    await form.getByRole('button', { name: 'Change passphrase' }).click();
    await page.getByTestId('recovery-key').waitFor({ timeout: 20_000 });
    await page.getByLabel('I have written down my recovery key and kept it safe.').check();

    // The first write of re-encrypted diary records (the settings rows are done by then) is held
    // open, uncommitted, and the page is killed. (The re-encrypting runs in a worker; every read
    // and write is the page's.)
    const cdp = await killSwitch(page);
    await holdTransaction(page, { store: 'revisions' });
    await page.getByRole('button', { name: 'Change the passphrase and replace the key' }).click();
    await transactionHeld(page);
    await page
      .getByTestId('key-replacement-count')
      .filter({ hasText: /^Replacing the key: \d+ of \d+ records$/ })
      .waitFor();
    expect(await page.getByText('If the phone is closed or the page reloads, nothing is lost').count()).toBe(1);
    const midway = await rawDatabase(page, true);
    expect(midway.header.retiring).toBeDefined();
    await crash(page, cdp);

    // Reopened: the old passphrase no longer unlocks, the new one does, and the replacement carries on.
    await page.close();
    page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(baseURL() + '/');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText('That passphrase did not unlock the diary.').waitFor({ timeout: 20_000 });
    await unlockThroughUi(page, NEW_PASSPHRASE);
    await openSecurity(page);
    await page.getByText(/The key that encrypts the diary has been replaced/).waitFor({ timeout: 30_000 });
    // The re-encrypting ran in its own worker.
    expect(workers.some((url) => /\/rekey\.worker-[\w-]+\.js$/.test(url))).toBe(true);

    // Everything opens: the entries, the chain and its seal, the picture.
    await page.getByRole('navigation').getByRole('link', { name: 'Diary', exact: true }).click();
    await expectVerified(page, 4);
    // The timeline draws only the rows near the screen: scroll it through, noting every entry seen.
    const links = page.locator('.timeline-entry .entry-link');
    const texts = ['Car outside the house again', 'Phoned eleven times', 'Waited by the school gate', 'Left something on the doorstep'];
    const seen = new Set<string>();
    const found = async () => {
      await page.evaluate(() => window.scrollBy(0, 400));
      for (const entry of await links.allTextContents()) seen.add(entry);
      return texts.map((text) => [...seen].filter((entry) => entry.includes(text)).length);
    };
    await expect.poll(found, { timeout: 10_000 }).toEqual([1, 1, 1, 1]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('link', { name: /Left something on the doorstep/ }).click();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const image = page.locator('main img[alt="doorstep.png"]');
    await image.waitFor({ timeout: 20_000 });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(192);

    // The old header and the old passphrase decrypt none of the rows stored now.
    const after = await rawDatabase(page);
    expect(after.header.retiring).toBeUndefined();
    expect(after.rows.length).toBe(before.rows.length);
    expect(await decryptable(oldKey, after.rows)).toBe(0);
    expect(await decryptable(await dataKeyFrom(after.header, NEW_PASSPHRASE), after.rows)).toBe(after.rows.length);
    await context.close();
  });
});
