import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launch, newContext } from './support/browser';
import { createVaultThroughUi, dumpIndexedDb, PASSPHRASE } from './support/vault';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const EN = { passphrase: 'Passphrase', unlock: 'Unlock', title: 'New incident' };
const CY = { passphrase: 'Cyfrinymadrodd', unlock: 'Datgloi', title: 'Digwyddiad newydd' };

/** Unlocks where the page is (a reload starts locked) and waits for that screen's heading. */
async function unlockAt(page: Page, heading: string, words = EN): Promise<void> {
  await page.getByLabel(words.passphrase, { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: words.unlock, exact: true }).click();
  await page.locator('main h1', { hasText: heading }).waitFor({ timeout: 20_000 });
}

/**
 * Waits until earlier writes are committed: reading every store runs after any write
 * transaction started before it. A write still in flight when the page goes is lost.
 */
async function storageSettled(page: Page): Promise<void> {
  await dumpIndexedDb(page);
}

/** A fresh diary, then the new-incident form (page.goto reloads, so unlock again). */
async function openNewIncident(context: BrowserContext, words = EN): Promise<Page> {
  const page = await context.newPage();
  await createVaultThroughUi(page);
  await storageSettled(page);
  await page.goto(`${baseURL()}/incidents/new`);
  await unlockAt(page, words.title, words);
  return page;
}

/** Runs a test in its own browser context, closed even when the test fails. */
async function inContext(options: Parameters<typeof newContext>[1], run: (context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await newContext(browser, options);
  try {
    await run(context);
  } finally {
    await context.close();
  }
}

const whatHappened = (page: Page) => page.getByLabel('What happened?', { exact: true });

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('new incident form', () => {
  it('fills every field, saves, and opens the saved incident; nothing typed is stored readable', async () => {
    await inContext({}, async (context) => {
      const page = await openNewIncident(context);
      const marker = 'MARKER-otter-2291 He said he knows where I live';
      await whatHappened(page).fill(marker);
      await page.getByLabel('Date', { exact: true }).fill('2026-11-20');
      await page.getByLabel('Time', { exact: true }).fill('21:15');
      await page.getByRole('checkbox', { name: 'Followed me' }).check();
      await page.getByRole('checkbox', { name: 'Threatened me or someone close to me' }).check();
      await page.getByLabel('Where did it happen?').fill('Bus stop on Station Road');
      await page.getByLabel('Who did it?').fill('My ex, in a grey Corsa');
      await page.getByRole('button', { name: 'Add a witness' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Sam Witness');
      await page.getByLabel('How to reach them').fill('07700 900123');
      await page.getByLabel('Evidence kept somewhere else').fill('Screenshots on my old phone');
      await page
        .getByLabel('Add photos or files')
        .setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') });
      await page.getByText('screenshot.png').first().waitFor();
      await page.getByRole('radio', { name: 'Yes', exact: true }).check();
      await page.getByLabel('Crime reference number').fill('CR/1234/26');
      await page.getByLabel('Officer dealing with it').fill('PC Jones 4411');
      await page.getByLabel('How did it make you feel?').fill('Frightened');
      await page.getByLabel('What has it changed in your daily life?').fill('I take a taxi home now');
      await page.getByText(/Draft kept on this device at/).waitFor();

      const stored = await dumpIndexedDb(page);
      for (const secret of ['MARKER-otter', 'Station Road', 'Sam Witness', 'CR/1234/26', 'new-incident'])
        expect(stored.text).not.toContain(secret);

      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Incident', exact: true }).waitFor({ timeout: 20_000 });
      await page.locator('main h1').first().waitFor();
      expect(await page.getByText(/MARKER-otter-2291/).count()).toBeGreaterThan(0);
      expect((await dumpIndexedDb(page)).text).not.toContain('MARKER-otter');

      // The draft was thrown away once saved: a new form starts blank.
      await storageSettled(page);
      await page.goto(`${baseURL()}/incidents/new`);
      await unlockAt(page, EN.title);
      expect(await page.getByText(/You have an unsaved draft/).count()).toBe(0);
      expect(await whatHappened(page).inputValue()).toBe('');
    });
  });

  it('refuses an empty incident with a linked error, and axe finds nothing wrong', async () => {
    await inContext({}, async (context) => {
      const page = await openNewIncident(context);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Add a witness' }).click();
      await page.getByRole('radio', { name: 'Yes', exact: true }).check();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      expect(await whatHappened(page).getAttribute('aria-invalid')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: /What happened\?: Write what happened/ }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('incident-whatHappened');
      await page.getByRole('radio', { name: 'Roughly: I am not sure exactly when' }).check();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

describe('the draft', () => {
  it('survives a lock: the text is offered back after unlocking', async () => {
    await inContext({}, async (context) => {
      const page = await openNewIncident(context);
      await whatHappened(page).fill('Typed just before locking');
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
      // Locked: the form, and its text, are gone from the page.
      expect(await page.getByText('Typed just before locking').count()).toBe(0);
      await unlockAt(page, EN.title);
      await page.getByText(/You have an unsaved draft from/).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Continue with it' }).click();
      expect(await whatHappened(page).inputValue()).toBe('Typed just before locking');
    });
  });

  it('survives a reload', async () => {
    await inContext({}, async (context) => {
      const page = await openNewIncident(context);
      // Both changes fall within one pause in typing, so the first draft kept holds both.
      await page.getByRole('checkbox', { name: 'Called me' }).check();
      await whatHappened(page).fill('Typed before the reload');
      await page.getByText(/Draft kept on this device at/).waitFor();
      await storageSettled(page);
      await page.reload();
      // A reload opens the diary (the address never names the form), where the draft waits.
      await unlockAt(page, 'Your diary');
      await page.getByRole('link', { name: 'New incident', exact: true }).click();
      await page.getByRole('button', { name: 'Continue with it' }).click();
      expect(await whatHappened(page).inputValue()).toBe('Typed before the reload');
      expect(await page.getByRole('checkbox', { name: 'Called me' }).isChecked()).toBe(true);
    });
  });
});

describe('layout and languages', () => {
  it('fits 320 px wide, left-to-right and right-to-left, with 44 px targets', async () => {
    await inContext({ viewport: { width: 320, height: 640 } }, async (context) => {
      const page = await openNewIncident(context);
      await page.getByRole('button', { name: 'Add a witness' }).click();
      await page.getByRole('radio', { name: 'Yes', exact: true }).check();
      expect(await horizontalOverflow(page)).toBe(0);
      await page.evaluate(() => {
        document.documentElement.dir = 'rtl';
      });
      expect(await horizontalOverflow(page)).toBe(0);
      const small = await page.evaluate(() =>
        Array.from(
          document.querySelectorAll<HTMLElement>(
            '.incident-form button, .incident-form input:not([type=radio]):not([type=checkbox]):not([type=file]), .incident-form textarea, .incident-form .choice',
          ),
        )
          .filter((el) => el.getBoundingClientRect().height < 44)
          .map((el) => `${el.tagName} ${el.id} ${el.textContent ?? ''}`),
      );
      expect(small).toEqual([]);
    });
  });

  it('is in Welsh with a Welsh browser, and axe finds nothing wrong', async () => {
    await inContext({ locale: 'cy' }, async (context) => {
      const page = await context.newPage();
      // Set up in English (the shared helper speaks English; a remembered choice comes before
      // the browser's language), then choose Cymraeg in Settings, unlocked, as a person would.
      await page.goto(`${baseURL()}/about`);
      await page.evaluate(() => localStorage.setItem('daybook.language', 'en-GB'));
      await createVaultThroughUi(page);
      await storageSettled(page);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel('Cymraeg').check();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('cy');
      await page.goto(`${baseURL()}/incidents/new`);
      await unlockAt(page, CY.title, CY);
      expect(await page.getByLabel('Beth ddigwyddodd?', { exact: true }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Cadw', exact: true }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Cadw', exact: true }).click();
      await page.getByRole('heading', { name: 'Mae problem' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
