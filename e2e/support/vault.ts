import type { Page } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { baseURL, waitForServiceWorker } from './browser';

export const PASSPHRASE = 'lantern orbit pickle meadow';

/** Goes through first run in the UI and returns the recovery key it showed. */
export async function createVaultThroughUi(page: Page, passphrase = PASSPHRASE): Promise<string> {
  await page.goto(baseURL() + '/');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the new passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Create my diary' }).click();
  const key = (await page.getByTestId('recovery-key').textContent({ timeout: 20_000 })) ?? '';
  await page.getByLabel('I have written down my recovery key and kept it safe.').check();
  await page.getByRole('button', { name: 'Open my diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor({ timeout: 20_000 });
  return key;
}

export async function unlockThroughUi(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor({ timeout: 20_000 });
}

/** Every value in every object store of every IndexedDB database of the origin, as text. */
export async function dumpIndexedDb(page: Page): Promise<{ stores: string[]; text: string }> {
  return page.evaluate(async () => {
    const stores: string[] = [];
    const parts: string[] = [];
    const describe = (value: unknown): string => {
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
        return new TextDecoder('latin1').decode(value instanceof ArrayBuffer ? new Uint8Array(value) : value);
      }
      if (value instanceof Blob) return '[blob]';
      if (Array.isArray(value)) return value.map(describe).join(' ');
      if (value && typeof value === 'object')
        return Object.entries(value)
          .map(([k, v]) => `${k}:${describe(v)}`)
          .join(' ');
      return String(value);
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        stores.push(`${name}/${storeName}`);
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        parts.push(...values.map(describe));
      }
      db.close();
    }
    return { stores, text: parts.join('\n') };
  });
}

/**
 * Takes a freshly set-up diary offline: once the service worker holds the app and the vault is
 * committed, the network goes off, the page reloads (so the worker serves it) and is unlocked.
 */
export async function goOfflineAndUnlock(context: BrowserContext, page: Page): Promise<void> {
  await waitForServiceWorker(page);
  await dumpIndexedDb(page); // the vault is committed before the reload
  await context.setOffline(true);
  await page.reload();
  await unlockThroughUi(page);
}

/** After a backup was checked on the set-up screen: Continue, a new passphrase, the recovery key kept, the diary open. */
export async function finishRestoreThroughUi(page: Page, timeout = 30_000, passphrase = PASSPHRASE): Promise<void> {
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByLabel('New passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the new passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Create my diary' }).click();
  await page.getByTestId('recovery-key').waitFor({ timeout });
  await page.getByLabel('I have written down my recovery key and kept it safe.').check();
  await page.getByRole('button', { name: 'Open my diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor({ timeout });
}

/** A backup restored in a fresh profile through set-up ("Start from a backup"), as a person would, to the diary open. */
export async function restoreThroughUi(page: Page, backup: Buffer, backupPassphrase: string, timeout = 120_000): Promise<void> {
  await page.goto(baseURL() + '/');
  await page.getByRole('button', { name: 'Start from a backup' }).click();
  await page
    .getByLabel('Choose backup file')
    .setInputFiles({ name: 'diary.daybook-backup', mimeType: 'application/octet-stream', buffer: backup });
  await page.getByLabel("The backup's passphrase").fill(backupPassphrase);
  await page.getByRole('button', { name: 'Check backup' }).click();
  await page.getByText(/Every part of it was checked and is complete/).waitFor({ timeout });
  await finishRestoreThroughUi(page, timeout);
}
