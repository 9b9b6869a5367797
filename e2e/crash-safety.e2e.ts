// Crash safety (issue 14, point 5): the page is killed in the middle of a save, an attachment
// write, a restore and a passphrase change, then reopened in the same profile. The kill is
// timed by hooks in the page (support/crash.ts), not by a race: an encryption or an IndexedDB
// transaction is held open until the page is gone, or the page freezes the moment its write
// has committed.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launch, newContext } from './support/browser';
import { createVaultThroughUi, PASSPHRASE, unlockThroughUi } from './support/vault';
import {
  countRows,
  crash,
  DIARY_RECORD,
  encryptionHeld,
  fileChunk,
  freezeAfterCommit,
  holdEncryption,
  holdTransaction,
  installCrashHooks,
  killSwitch,
  releaseEncryption,
  transactionHeld,
} from './support/crash';

const ICON = readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));
const SMALL_ICON = readFileSync(new URL('../public/icons/apple-touch-icon-180.png', import.meta.url));
/** A photo of about 5.5 MiB: six 1 MiB chunks, written four to a transaction. Still a valid PNG. */
const BIG_PHOTO = Buffer.concat([ICON, randomBytes(5.5 * 1024 * 1024)]);
const BACKUP_PASSPHRASE = 'saddle quiet forest lamp';
const NEW_PASSPHRASE = 'copper kettle sings at dawn';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** A context whose pages carry the crash hooks, with its first page. */
async function hookedContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  await installCrashHooks(context);
  return { context, page: await context.newPage() };
}

/** After a kill: a new page in the same profile, at the lock screen. */
async function reopen(context: BrowserContext, crashed: Page): Promise<Page> {
  await crashed.close();
  const page = await context.newPage();
  await page.goto(baseURL() + '/');
  await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor({ timeout: 20_000 });
  return page;
}

async function reopenAndUnlock(context: BrowserContext, crashed: Page): Promise<Page> {
  const page = await reopen(context, crashed);
  await unlockThroughUi(page);
  return page;
}

/** The diary screen says its whole chain verifies, over exactly `count` records. */
async function expectVerified(page: Page, count: number): Promise<void> {
  const line = page.getByTestId('integrity');
  await line.waitFor({ timeout: 20_000 });
  const expected = `Record of changes checked: ${count} ${count === 1 ? 'record' : 'records'}, nothing altered or missing.`;
  await expect.poll(() => line.textContent(), { timeout: 10_000 }).toBe(expected);
}

/** The timeline shows exactly these entries (each once), in any order. */
async function expectEntries(page: Page, snippets: string[]): Promise<void> {
  await page.getByTestId('integrity').waitFor({ timeout: 20_000 });
  const texts = await page.locator('.timeline-entry .entry-link').allTextContents();
  const found = snippets.map((snippet) => [snippet, texts.filter((text) => text.includes(snippet)).length]);
  expect({ count: texts.length, found }).toEqual({ count: snippets.length, found: snippets.map((snippet) => [snippet, 1]) });
}

const quickLogField = (page: Page) => page.getByLabel('What happened?');

/** Types into the quick log and waits until the encrypted draft has kept it (half a second after typing). */
async function typeQuickLog(page: Page, text: string): Promise<void> {
  await quickLogField(page).fill(text);
  await page.waitForTimeout(1000);
}

async function quickLog(page: Page, text: string): Promise<void> {
  await quickLogField(page).fill(text);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved in your diary.').waitFor();
}

/** Opens the entry, shows its photo and checks it decrypted into a picture. */
async function expectPhotoDecrypts(page: Page, entry: RegExp, name: string): Promise<void> {
  await page.getByRole('link', { name: entry }).click();
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const image = page.locator(`main img[alt="${name}"]`);
  await image.waitFor({ timeout: 20_000 });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(192);
  await page.getByRole('link', { name: 'Back to your diary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
}

async function openBackupScreen(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Backup and restore' }).click();
  await page.getByRole('heading', { level: 1, name: 'Backup and restore' }).waitFor();
}

/** Chooses the backup and checks it, up to the Restore button. */
async function checkBackup(page: Page, bytes: Buffer): Promise<void> {
  await openBackupScreen(page);
  await page
    .getByLabel('Choose backup file')
    .setInputFiles({ name: 'diary.daybook-backup', mimeType: 'application/octet-stream', buffer: bytes });
  await page.getByLabel("The backup's passphrase").fill(BACKUP_PASSPHRASE);
  await page.getByRole('button', { name: 'Check backup' }).click();
  await page.getByText('2 new incidents').waitFor({ timeout: 30_000 });
}

/** Fills in Settings, "Change passphrase", up to the button. */
async function fillPassphraseChange(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Security' }).waitFor();
  await page.getByLabel('Current passphrase').first().fill(PASSPHRASE);
  await page.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByLabel('Type the new passphrase again').fill(NEW_PASSPHRASE);
  // The passphrase alone (a rewrap in one write); replacing the key is e2e/key-rotation.e2e.ts's.
  await page.getByRole('checkbox', { name: 'Also replace the key that encrypts the diary' }).first().uncheck();
}

/** One unlock attempt from the lock screen. */
async function tryUnlock(page: Page, passphrase: string): Promise<'unlocked' | 'refused'> {
  const unlocked = page.getByRole('heading', { level: 1, name: 'Your diary', exact: true });
  const refused = page.getByText('That passphrase did not unlock the diary.');
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await unlocked.or(refused).waitFor({ timeout: 20_000 });
  return (await unlocked.isVisible()) ? 'unlocked' : 'refused';
}

describe('a save killed mid-way', () => {
  it('before its write, during its transaction and just after it commits: all or nothing, typed text offered back, chain verifies', async () => {
    const { context, page: first } = await hookedContext();
    let page = first;
    await createVaultThroughUi(page);
    await quickLog(page, 'Saved before any crash');

    // 1. Killed while the record is being encrypted: Save was pressed, nothing is written yet.
    let cdp = await killSwitch(page);
    await typeQuickLog(page, 'Killed while encrypting');
    await holdEncryption(page, DIARY_RECORD);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await encryptionHeld(page);
    expect(await countRows(page, 'revisions')).toBe(1);
    await crash(page, cdp);
    page = await reopenAndUnlock(context, page);
    await expectVerified(page, 1);
    await expectEntries(page, ['Saved before any crash']);
    // Not saved, but not lost: the draft offers back what was typed, and saving it works.
    await expect.poll(() => quickLogField(page).inputValue()).toBe('Killed while encrypting');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved in your diary.').waitFor();
    await expectVerified(page, 2);

    // 2. Killed with the record added inside its transaction, before it commits.
    cdp = await killSwitch(page);
    await typeQuickLog(page, 'Killed mid-transaction');
    await holdTransaction(page, { store: 'revisions' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await transactionHeld(page);
    expect(await page.getByText('Saved in your diary.').count()).toBe(0);
    await crash(page, cdp);
    page = await reopenAndUnlock(context, page);
    await expectVerified(page, 2);
    await expectEntries(page, ['Killed while encrypting', 'Saved before any crash']);
    await expect.poll(() => quickLogField(page).inputValue()).toBe('Killed mid-transaction');

    // 3. Killed the moment the transaction has committed, before the page hears of it.
    cdp = await killSwitch(page);
    await typeQuickLog(page, 'Killed just after commit');
    const { committed } = await freezeAfterCommit(page, cdp, { store: 'revisions' });
    // Not awaited: the page may stop before the click has finished as far as Playwright is concerned.
    const clicked = page
      .getByRole('button', { name: 'Save', exact: true })
      .click()
      .catch(() => undefined);
    await committed;
    await crash(page, cdp);
    await clicked;
    page = await reopenAndUnlock(context, page);
    await expectVerified(page, 3);
    await expectEntries(page, ['Killed just after commit', 'Killed while encrypting', 'Saved before any crash']);
    // Not asserted: the page died before it threw the draft away, so the quick log offers the
    // saved text again (saving it would make a second entry).
    await context.close();
  });
});

describe('an attachment write killed mid-way', () => {
  it('a file cut short after its first four chunks is never shown as attached; files saved before still decrypt', async () => {
    const { context, page: first } = await hookedContext();
    let page = first;
    await createVaultThroughUi(page);

    // An incident saved with a photo.
    await page.getByRole('link', { name: 'New incident', exact: true }).click();
    // The diary's quick log is also labelled "What happened?": wait for the form before typing.
    await page.locator('main h1', { hasText: 'New incident' }).waitFor();
    await page.getByLabel('What happened?', { exact: true }).fill('Saved with a photo');
    await page.getByRole('checkbox', { name: 'Followed me' }).check();
    await page.getByLabel('Add photos or files').setInputFiles({ name: 'doorstep.png', mimeType: 'image/png', buffer: ICON });
    await page.getByText('doorstep.png').first().waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Back to your diary' }).click();

    // A new incident, not yet saved, with one small photo stored and kept in its draft...
    await page.getByRole('link', { name: 'New incident', exact: true }).click();
    // The diary's quick log is also labelled "What happened?": wait for the form before typing.
    await page.locator('main h1', { hasText: 'New incident' }).waitFor();
    await page.getByLabel('What happened?', { exact: true }).fill('Draft with photos');
    await page.getByRole('checkbox', { name: 'Followed me' }).check();
    await page.getByLabel('Add photos or files').setInputFiles({ name: 'gate.png', mimeType: 'image/png', buffer: SMALL_ICON });
    await page.getByText('1 file added.').waitFor();
    await page.waitForTimeout(1000);
    await page.getByText(/^Draft kept on this device at/).waitFor();

    // ...then a 5.5 MiB photo, killed while its fifth chunk is encrypted: four are stored.
    const cdp = await killSwitch(page);
    await holdEncryption(page, fileChunk(4));
    await page.getByLabel('Add photos or files').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: BIG_PHOTO });
    await encryptionHeld(page);
    expect(await countRows(page, 'chunks')).toBe(1 + 1 + 4);
    // Held there for longer than the draft waits to keep what the form shows.
    await page.waitForTimeout(1000);
    expect(await page.getByText('big.png').count()).toBe(0);
    await crash(page, cdp);

    page = await reopenAndUnlock(context, page);
    await expectVerified(page, 1);
    await expectPhotoDecrypts(page, /Saved with a photo/, 'doorstep.png');

    await page.getByRole('link', { name: 'New incident', exact: true }).click();
    await page.getByRole('button', { name: 'Continue with it' }).click();
    await page.getByText('Your draft is back. Carry on where you left off.').waitFor();
    expect(await page.getByLabel('What happened?', { exact: true }).inputValue()).toBe('Draft with photos');
    const names = page.getByRole('list', { name: 'Attached files' }).locator('.attachment-name');
    expect(await names.allTextContents()).toEqual(['gate.png']);
    expect(await page.getByText('big.png').count()).toBe(0);
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const gate = page.locator('main img[alt="gate.png"]');
    await gate.waitFor({ timeout: 20_000 });
    await expect.poll(() => gate.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(180);

    // The draft saves as an incident with only the whole file.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
    // Each file's facts are drawn in the frame after the fields.
    await expect.poll(() => page.locator('.attachment-name').allTextContents()).toEqual(['gate.png']);
    await page.getByRole('link', { name: 'Back to your diary' }).click();
    await expectVerified(page, 2);
    await context.close();
  });
});

describe('a restore killed mid-way', () => {
  it('cut short in a file, then in the diary write: the diary stays as it was and verifies; restoring again completes', async () => {
    // The backup: another diary, with a photo of six chunks.
    const source = await newContext(browser);
    const maker = await source.newPage();
    await createVaultThroughUi(maker);
    await maker.getByRole('link', { name: 'New incident', exact: true }).click();
    // The diary's quick log is also labelled "What happened?": wait for the form before typing.
    await maker.locator('main h1', { hasText: 'New incident' }).waitFor();
    await maker.getByLabel('What happened?', { exact: true }).fill('From the backup, with a photo');
    await maker.getByRole('checkbox', { name: 'Followed me' }).check();
    await maker.getByLabel('Add photos or files').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: BIG_PHOTO });
    await maker.getByText('1 file added.').waitFor({ timeout: 30_000 });
    await maker.getByRole('button', { name: 'Save', exact: true }).click();
    await maker.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
    await maker.getByRole('link', { name: 'Back to your diary' }).click();
    await quickLog(maker, 'From the backup, quick log');
    await openBackupScreen(maker);
    await maker.getByLabel('New passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
    await maker.getByLabel('Type the new passphrase again').fill(BACKUP_PASSPHRASE);
    await maker.getByRole('button', { name: 'Make backup' }).click();
    await maker.getByRole('heading', { name: 'Your file is ready' }).waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([maker.waitForEvent('download'), maker.getByRole('button', { name: 'Save file' }).click()]);
    const backup = await readFile(await download.path());
    await source.close();

    const { context, page: first } = await hookedContext();
    let page = first;
    await createVaultThroughUi(page);
    await quickLog(page, 'Already on this device');
    const before = ['Already on this device'];

    // 1. Killed while the photo's fifth chunk is encrypted: four chunks of it are stored.
    await checkBackup(page, backup);
    let cdp = await killSwitch(page);
    await holdEncryption(page, fileChunk(4));
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await encryptionHeld(page);
    expect(await countRows(page, 'chunks')).toBe(4);
    await crash(page, cdp);
    page = await reopenAndUnlock(context, page);
    await expectVerified(page, 1);
    await expectEntries(page, before);

    // 2. Killed with the diary's new records added inside their transaction, before it commits.
    await checkBackup(page, backup);
    cdp = await killSwitch(page);
    await holdTransaction(page, { store: 'revisions' });
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await transactionHeld(page);
    expect(await page.getByText(/^Restored\./).count()).toBe(0);
    await crash(page, cdp);
    page = await reopenAndUnlock(context, page);
    await expectVerified(page, 1);
    await expectEntries(page, before);

    // 3. Restoring again completes, and the photo decrypts whole.
    await checkBackup(page, backup);
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText(/^Restored\. New incidents added: 2\./).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Diary', exact: true }).click();
    await expectVerified(page, 3);
    await expectEntries(page, ['Already on this device', 'From the backup, quick log', 'From the backup, with a photo']);
    await expectPhotoDecrypts(page, /From the backup, with a photo/, 'big.png');
    await context.close();
  });
});

describe('a passphrase change killed mid-way', () => {
  it('before the new header commits only the old passphrase unlocks; after, only the new one; the diary is intact', async () => {
    const { context, page: first } = await hookedContext();
    let page = first;
    await createVaultThroughUi(page);
    await quickLog(page, 'Written before the change');

    // 1. Killed with the new vault header put inside its transaction, before it commits.
    await fillPassphraseChange(page);
    let cdp = await killSwitch(page);
    await holdTransaction(page, { store: 'meta', key: 'vaultHeader' });
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await transactionHeld(page);
    expect(await page.getByText('Your passphrase has been changed.').count()).toBe(0);
    await crash(page, cdp);
    page = await reopen(context, page);
    expect(await tryUnlock(page, NEW_PASSPHRASE)).toBe('refused');
    expect(await tryUnlock(page, PASSPHRASE)).toBe('unlocked');
    await expectVerified(page, 1);
    await expectEntries(page, ['Written before the change']);

    // 2. Killed the moment the new header has committed, before the page hears of it.
    await fillPassphraseChange(page);
    cdp = await killSwitch(page);
    const { committed } = await freezeAfterCommit(page, cdp, { store: 'meta', key: 'vaultHeader' });
    // Not awaited: the page may stop before the click has finished as far as Playwright is concerned.
    const clicked = page
      .getByRole('button', { name: 'Change passphrase' })
      .click()
      .catch(() => undefined);
    await committed;
    await crash(page, cdp);
    await clicked;
    page = await reopen(context, page);
    expect(await tryUnlock(page, PASSPHRASE)).toBe('refused');
    expect(await tryUnlock(page, NEW_PASSPHRASE)).toBe('unlocked');
    await expectVerified(page, 1);
    await expectEntries(page, ['Written before the change']);
    await context.close();
  });
});

describe('two tabs saving at the same moment', () => {
  it('both entries are kept without asking to retype, and the chain verifies', async () => {
    const { context, page: first } = await hookedContext();
    await createVaultThroughUi(first);
    await quickLog(first, 'Saved before both tabs');
    const second = await context.newPage();
    await second.goto(baseURL() + '/');
    await unlockThroughUi(second);
    await typeQuickLog(first, 'Saved in the first tab');
    await typeQuickLog(second, 'Saved in the second tab');

    // Both saves link onto the same head and wait in encryption; then the first commits, and the
    // second's row is refused (its place in the chain is taken). Passing needs the repository to
    // build it again on the new head (DiaryRepository.write); without that the tab shows an error.
    for (const page of [first, second]) {
      await holdEncryption(page, DIARY_RECORD);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await encryptionHeld(page);
    }
    await releaseEncryption(first);
    await first.getByText('Saved in your diary.').waitFor();
    await releaseEncryption(second);

    const saved = second.getByText('Saved in your diary.');
    const problem = second.locator('.quick-log [role="alert"]');
    await saved.or(problem).waitFor({ timeout: 15_000 });
    const outcome = (await problem.isVisible()) ? `error: ${await problem.textContent()}` : 'saved';
    expect(outcome, 'the second tab saved without asking again').toBe('saved');
    expect(await quickLogField(second).inputValue()).toBe('');
    expect(await first.locator('.quick-log [role="alert"]').count()).toBe(0);

    const third = await context.newPage();
    await third.goto(baseURL() + '/');
    await unlockThroughUi(third);
    await expectVerified(third, 3);
    await expectEntries(third, ['Saved before both tabs', 'Saved in the first tab', 'Saved in the second tab']);
    await context.close();
  });
});
