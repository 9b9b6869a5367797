import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import type { Browser, Page } from 'playwright-core';
import { baseURL, exitURL, launch, newContext, open } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, PASSPHRASE, unlockThroughUi } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const isLockScreen = async (page: Page) =>
  (await page.getByLabel('Passphrase', { exact: true }).isVisible()) &&
  (await page.getByRole('button', { name: 'Unlock', exact: true }).isVisible());

describe('first run', () => {
  it('explains, refuses weak passphrases with a reason, and opens only after the recovery key is confirmed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await open(page, '/');
    expect(await page.locator('main h1').textContent()).toBe('Set up your diary');
    const intro = (await page.locator('main').textContent()) ?? '';
    expect(intro).toContain('Nothing leaves this device unless you export it yourself');
    expect(intro).toContain('only your recovery key can open the diary');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('New passphrase', { exact: true }).fill('password123');
    await page.getByLabel('Type the new passphrase again').fill('password123');
    await page.getByRole('button', { name: 'Create my diary' }).click();
    await page.getByText('Too easy to guess').first().waitFor();
    await page.getByLabel('New passphrase', { exact: true }).fill('short');
    await page.getByText('Too short').first().waitFor();
    await page.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my diary' }).click();
    await page.getByText('The two passphrases do not match.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Type the new passphrase again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my diary' }).click();

    const key = (await page.getByTestId('recovery-key').textContent({ timeout: 20_000 })) ?? '';
    expect(key).toMatch(/^[0-9A-Z]{32}$/);
    expect(await axeViolations(page)).toEqual([]);
    const open_ = page.getByRole('button', { name: 'Open my diary' });
    expect(await open_.isDisabled()).toBe(true);
    // Nothing is stored before the user confirms having kept the key.
    expect((await dumpIndexedDb(page)).text).not.toContain('vaultHeader');
    await page.getByLabel('I have written down my recovery key and kept it safe.').check();
    await open_.click();
    await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    expect(typeof persisted).toBe('boolean');
    await context.close();
  });
});

describe('lock and unlock', () => {
  it('a reload starts locked; a wrong passphrase is refused clearly, with a growing wait', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.reload();
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    expect(await isLockScreen(page)).toBe(true);
    expect(await page.getByRole('button', { name: 'Lock', exact: true }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    for (let i = 0; i < 3; i++) {
      await page.getByLabel('Passphrase', { exact: true }).fill(`wrong guess number ${i}`);
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await page.getByText('That passphrase did not unlock the diary.').waitFor();
    }
    await page.getByText(/You can try again in \d+ seconds?\./).waitFor();
    expect(await page.getByRole('button', { name: 'Unlock', exact: true }).isDisabled()).toBe(true);
    // The wait survives a reload.
    await page.reload();
    await page.getByText(/You can try again in \d+ seconds?\./).waitFor();
    await page.getByRole('button', { name: 'Unlock', exact: true }).isEnabled();
    await expect.poll(() => page.getByRole('button', { name: 'Unlock', exact: true }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await unlockThroughUi(page);
    await context.close();
  });

  it('locking in one tab locks every other open tab', async () => {
    const context = await newContext(browser);
    const first = await context.newPage();
    await createVaultThroughUi(first);
    const second = await context.newPage();
    await second.goto(baseURL() + '/');
    await unlockThroughUi(second);
    await first.getByRole('button', { name: 'Lock', exact: true }).click();
    await second.getByRole('button', { name: 'Unlock', exact: true }).waitFor({ timeout: 5000 });
    expect(await isLockScreen(second)).toBe(true);
    expect(await isLockScreen(first)).toBe(true);
    await context.close();
  });

  it('quick exit locks the diary, and every other open tab leaves with it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    const other = await context.newPage();
    await other.goto(baseURL() + '/');
    await unlockThroughUi(other);
    await page.evaluate((url) => localStorage.setItem('daybook.quickExitUrl', url), exitURL());
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    // The other tab does not stay on the diary, locked or not: it leaves too (issue 13).
    await other.waitForURL(exitURL(), { timeout: 5000 });
    const again = await context.newPage();
    await again.goto(baseURL() + '/');
    await again.getByRole('button', { name: 'Unlock', exact: true }).waitFor({ timeout: 5000 });
    await context.close();
  });

  it('the recovery key opens the diary after choosing a new passphrase', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const key = await createVaultThroughUi(page);
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('button', { name: /Forgotten your passphrase/ }).click();
    await page.getByLabel('Recovery key', { exact: true }).fill(key.toLowerCase().replace(/(.{4})/g, '$1 '));
    await page.getByLabel('New passphrase', { exact: true }).fill('quiet harbour violin tundra');
    await page.getByLabel('Type the new passphrase again').fill('quiet harbour violin tundra');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Unlock and save the new passphrase' }).click();
    await page.getByRole('button', { name: 'Lock', exact: true }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlockThroughUi(page, 'quiet harbour violin tundra');
    await context.close();
  });
});

describe('security settings', () => {
  it('change passphrase, new recovery key, and erase everything in two steps', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Security' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Only the passphrase (the key replacement unticked: e2e/key-rotation.e2e.ts tests it).
    await page.getByLabel('Current passphrase').first().fill(PASSPHRASE);
    await page.getByLabel('New passphrase', { exact: true }).fill('copper kettle sings at dawn');
    await page.getByLabel('Type the new passphrase again').fill('copper kettle sings at dawn');
    await page.getByRole('checkbox', { name: 'Also replace the key that encrypts the diary' }).first().uncheck();
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await page.getByText('Your passphrase has been changed.').waitFor({ timeout: 20_000 });

    // A new recovery key with the key replacement (ticked at first): nothing is stored until it is kept.
    await page.getByLabel('Current passphrase').nth(1).fill('copper kettle sings at dawn');
    await page.getByRole('button', { name: 'Make a new recovery key' }).click();
    await page.getByTestId('recovery-key').waitFor({ timeout: 20_000 });
    await page.getByLabel('I have written down my recovery key and kept it safe.').check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Replace the key and the recovery key' }).click();
    await page.getByText('Your new recovery key is in place.').waitFor({ timeout: 20_000 });
    await page.getByText(/The key that encrypts the diary has been replaced/).waitFor({ timeout: 20_000 });
    expect(await axeViolations(page)).toEqual([]);

    // The storage section reports persistence and usage.
    expect(await page.getByText(/Using [\d.]+ MB of about [\d.]+ MB/).count()).toBe(1);

    await page.getByRole('button', { name: 'Erase everything…' }).click();
    const confirm = page.getByRole('button', { name: 'Erase everything now' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('To confirm, type ERASE').fill('ERASE');
    await confirm.click();
    await page.getByRole('link', { name: 'Diary', exact: true }).click();
    await page.locator('main h1', { hasText: 'Set up your diary' }).waitFor();
    await context.close();
  });
});

describe('nothing readable at rest, nothing left after lock', () => {
  it('IndexedDB holds no plaintext of the user: not the entries, dates, passphrase or recovery key', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const recoveryKey = await createVaultThroughUi(page);
    const marker = 'MARKER-violet-4417';
    const texts = [
      `${marker} he waited by the bus stop on Ffordd y Parc`,
      `${marker} ŵ ŷ â Zażółć gęślą jaźń`,
      `${marker} three calls from a withheld number`,
    ];
    for (const text of texts) {
      await page.getByLabel('What happened?').fill(text);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved in your diary.').waitFor();
    }
    await page.getByText(/Record of changes checked: 3 records/).waitFor();

    const { stores, text } = await dumpIndexedDb(page);
    expect(stores).toEqual(expect.arrayContaining(['daybook/meta', 'daybook/revisions', 'daybook/drafts', 'daybook/settings']));
    const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
    for (const secret of [
      marker,
      'bus stop',
      'Ffordd',
      'withheld',
      'Zażółć',
      PASSPHRASE,
      'lantern',
      recoveryKey,
      recoveryKey.slice(0, 8),
      today,
      'whatHappened',
      'loitering',
      'recordedAt',
      'revision',
    ]) {
      expect(text.includes(secret), `IndexedDB contains "${secret}"`).toBe(false);
    }
    await context.close();
  });

  it('after lock, the entries are gone from the page and Back does not bring them back', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.getByLabel('What happened?').fill('SECRET-ENTRY-2291 parked outside work');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // The timeline's entry: the form may still hold the words for a moment after Save.
    await page.locator('.entry-text', { hasText: 'SECRET-ENTRY-2291 parked outside work' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.locator('main h1', { hasText: 'Settings' }).waitFor();
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.goBack();
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    expect(await page.content()).not.toContain('SECRET-ENTRY-2291');
    await unlockThroughUi(page);
    await page.locator('.entry-text', { hasText: 'SECRET-ENTRY-2291 parked outside work' }).waitFor();
    await context.close();
  });
});

describe('the quick log loses nothing', () => {
  it('what is typed but not saved comes back after a lock and after a reload', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    const text = 'Car parked opposite the house again, engine running';
    await page.getByLabel('What happened?').fill(text);
    await page.waitForTimeout(800); // the draft is kept half a second after typing stops
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    expect(await page.content()).not.toContain('engine running');
    await unlockThroughUi(page);
    await expect.poll(() => page.getByLabel('What happened?').inputValue()).toBe(text);
    await dumpIndexedDb(page);
    await page.reload();
    await unlockThroughUi(page);
    await expect.poll(() => page.getByLabel('What happened?').inputValue()).toBe(text);
    expect((await dumpIndexedDb(page)).text).not.toContain('engine running');
    // Saving clears the draft: the field starts empty next time.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved in your diary.').waitFor();
    expect(await page.getByLabel('What happened?').inputValue()).toBe('');
    await dumpIndexedDb(page);
    await page.reload();
    await unlockThroughUi(page);
    await page.getByText(/Record of changes checked: 1 record,/).waitFor();
    expect(await page.getByLabel('What happened?').inputValue()).toBe('');
    await context.close();
  });
});

describe('failed writes lose nothing', () => {
  it('a full disk gets a clear message, keeps what was typed, and saving works once there is room', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    await page.getByLabel('What happened?').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Simulate the browser refusing writes as it does when the disk is full.
    await page.evaluate(() => {
      const real = IDBObjectStore.prototype.add;
      (window as unknown as { restoreAdd: () => void }).restoreAdd = () => {
        IDBObjectStore.prototype.add = real;
      };
      IDBObjectStore.prototype.add = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const text = 'He followed me from the station to the shop';
    await page.getByLabel('What happened?').fill(text);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('This device is out of storage space, so nothing was saved. What you typed is still here.').waitFor();
    expect(await page.getByLabel('What happened?').inputValue()).toBe(text);
    // The diary is re-read after a failed write, so the line may be rechecking for a moment: wait for it.
    await page.getByText(/Record of changes checked: 0 records/).waitFor();
    await page.evaluate(() => (window as unknown as { restoreAdd: () => void }).restoreAdd());
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved in your diary.').waitFor();
    await page.getByText(/Record of changes checked: 1 record,/).waitFor();
    await context.close();
  });
});

describe('unlock time (reported, not asserted)', () => {
  it('measures passphrase to first diary screen in Chromium', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await createVaultThroughUi(page);
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      const started = Date.now();
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Your diary', exact: true }).waitFor();
      times.push(Date.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`unlock (Argon2id 64 MiB, t=3, p=1, then the diary screen): median ${times[2]} ms, runs ${times.join(', ')} ms`);
    expect(times.length).toBe(5);
    await context.close();
  });
});
