// Helpers for driving Daybook in Firefox ESR with puppeteer-core over WebDriver BiDi. They
// find things the way a person does: buttons, links and headings by role and accessible name
// (puppeteer's ARIA selector, which Firefox answers from its own accessibility tree), fields by
// their label, texts by what is shown.

import puppeteer, { type Browser, type ElementHandle, type JSHandle, type Page } from 'puppeteer-core';

export const FIREFOX_PATH = process.env.DAYBOOK_FIREFOX ?? '/usr/bin/firefox-esr';
export const PASSPHRASE = 'lantern orbit pickle meadow';

/** Argon2id (64 MiB, three passes) runs before set-up and unlock finish: give them time. */
const SLOW = 30_000;

export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: { width: 390, height: 844 },
    extraPrefsFirefox: { 'intl.accept_languages': 'en-GB', 'intl.locale.requested': 'en-GB' },
  });
}

type Role = 'button' | 'link' | 'heading' | 'checkbox' | 'radio';

/** An ARIA selector for an element of this role and exactly this accessible name. */
export const aria = (role: Role, name: string): string => `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;

/** Waits until an element of this role and name is visible, and returns it. */
export async function byRole(page: Page, role: Role, name: string, timeout?: number): Promise<ElementHandle> {
  const handle = await page.waitForSelector(aria(role, name), { visible: true, timeout });
  if (!handle) throw new Error(`no ${role} "${name}"`);
  return handle;
}

/**
 * Clicks the button (or link, checkbox…) once it is visible, enabled and still (the same box in
 * two frames running, waited for over 30 frames at most). It is first scrolled to the middle of
 * the viewport, as a person would: puppeteer clicks the centre of an element that is in view at
 * all, and the app's sticky header can cover one near the top.
 *
 * The element handle's own click, not puppeteer's Locator: with Firefox ESR 140.12 (Debian's
 * security update of December 2026) Locator.click waits out its whole timeout on a visible,
 * enabled button, most likely because its own waits are waitForFunction, refused as
 * waitForTruthy says. The mouse is clicked at the element's centre once it is found still and
 * uncovered; an element React replaced before then (a re-render) is found again, up to three
 * times, and once the click is sent it is never sent again.
 */
export async function click(page: Page, role: Role, name: string, timeout?: number): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const handle = await byRole(page, role, name, timeout);
    let point: { x: number; y: number };
    try {
      try {
        await untilEnabled(handle, role, name, timeout ?? page.getDefaultTimeout());
        const target = await handle.evaluate(async (element) => {
          element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
          // A frame, or 100 ms where no frame comes (a page in the background; Firefox may
          // stretch that timer further there).
          const frame = () =>
            new Promise((resolve) => {
              requestAnimationFrame(resolve);
              setTimeout(resolve, 100);
            });
          let box = element.getBoundingClientRect();
          for (let frames = 0; frames < 30; frames += 1) {
            await frame();
            const now = element.getBoundingClientRect();
            const still = now.x === box.x && now.y === box.y && now.width === box.width && now.height === box.height;
            box = now;
            if (still) break;
          }
          const x = box.x + box.width / 2;
          const y = box.y + box.height / 2;
          const hit = document.elementFromPoint(x, y);
          const covering =
            !hit || element.contains(hit) || (element as HTMLInputElement).labels?.[0]?.contains(hit) ? null : hit.outerHTML.slice(0, 120);
          return { x, y, covering };
        });
        if (target.covering) throw new Error(`the ${role} "${name}" is covered by ${target.covering}`);
        point = { x: target.x, y: target.y };
      } catch (error) {
        const replaced = await handle.evaluate((element) => !element.isConnected).catch(() => true);
        if (replaced && attempt < 3) continue;
        throw error;
      }
      // Where a person's finger would land, found just now; from here on nothing is retried.
      await page.mouse.click(point.x, point.y);
      return;
    } finally {
      await handle.dispose().catch(() => undefined);
    }
  }
}

/** `work`, or an error once `ms` have passed (an evaluation can wait on the page for ever). */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * page.waitForFunction, polled from outside the page instead: puppeteer's own makes its function
 * in the page with Function(), which Firefox ESR 140.12 refuses under the app's
 * Content-Security-Policy ("call to Function() blocked by CSP"). Resolves with a handle to the
 * first truthy value. An evaluation that fails (one cut off by a navigation, say) is tried again;
 * the last error is given if time runs out.
 */
export async function waitForTruthy<A extends unknown[]>(
  page: Page,
  predicate: (...args: A) => unknown,
  { timeout = page.getDefaultTimeout(), polling = 100 }: { timeout?: number; polling?: number } = {},
  ...args: A
): Promise<JSHandle> {
  const deadline = Date.now() + timeout;
  let lastError: unknown = null;
  for (;;) {
    // Each evaluation gets the time left, and the last one at least a second.
    const evaluation = page.evaluateHandle(predicate as (...values: unknown[]) => unknown, ...args);
    let handle: JSHandle | null = null;
    try {
      handle = await within(evaluation, Math.max(deadline - Date.now(), 1000), 'an evaluation');
      lastError = null;
      if (await handle.evaluate((value) => Boolean(value))) {
        const truthy = handle;
        handle = null;
        return truthy;
      }
    } catch (error) {
      lastError = error;
      // An evaluation that lost the race still ends with a handle, which is let go then.
      if (!handle)
        void evaluation.then(
          (late) => late.dispose(),
          () => undefined,
        );
    } finally {
      await handle?.dispose().catch(() => undefined);
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waited ${timeout} ms in vain for ${predicate.toString().slice(0, 80)}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, polling));
  }
}

/**
 * Polls from outside the page (see waitForTruthy) until the element is neither disabled nor
 * aria-disabled; throws at once if it has left the page (click finds it again).
 */
async function untilEnabled(handle: ElementHandle, role: Role, name: string, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await handle.evaluate((element) =>
      !element.isConnected
        ? 'gone'
        : !(element as HTMLButtonElement).disabled && element.getAttribute('aria-disabled') !== 'true'
          ? 'enabled'
          : 'disabled',
    );
    if (state === 'enabled') return;
    if (state === 'gone') throw new Error(`the ${role} "${name}" left the page`);
    if (Date.now() > deadline) throw new Error(`the ${role} "${name}" stayed disabled for ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until an element matching this CSS selector is visible, and returns it. */
export async function visibleElement<T extends Element = Element>(
  page: Page,
  selector: string,
  timeout?: number,
): Promise<ElementHandle<T>> {
  const handle = await page.waitForSelector(selector, { visible: true, timeout });
  if (!handle) throw new Error(`nothing visible matches ${selector}`);
  return handle as unknown as ElementHandle<T>;
}

/** Waits until some element shows this text (a part of its text is enough). */
export async function waitForText(page: Page, text: string, timeout?: number): Promise<void> {
  await page.waitForSelector(`::-p-text(${JSON.stringify(text)})`, { visible: true, timeout });
}

/**
 * The form control (input, textarea, select) labelled exactly `label` (or starting with it,
 * with `prefix`), through <label>, aria-label or aria-labelledby, as Testing Library finds
 * it. (Not puppeteer's ARIA selector: Firefox's accessibility tree gives password fields no role
 * it can name, leaves the app's hidden file inputs out, and Locator.filter does not work over
 * BiDi.) `visible: false` for file inputs, which the app hides behind a label styled as a button.
 */
export async function field(
  page: Page,
  label: string,
  { visible = true, prefix = false, timeout }: { visible?: boolean; prefix?: boolean; timeout?: number } = {},
): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await waitForTruthy(
    page,
    (text: string, mustBeVisible: boolean, startsWith: boolean) => {
      const normal = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
      const matches = (value: string | null | undefined) => (startsWith ? normal(value).startsWith(text) : normal(value) === text);
      const named: HTMLElement[] = [];
      for (const element of document.querySelectorAll<HTMLLabelElement>('label')) {
        if (element.control && matches(element.textContent)) named.push(element.control);
      }
      for (const element of document.querySelectorAll<HTMLElement>('input, textarea, select')) {
        const labelledBy = element.getAttribute('aria-labelledby');
        const byIds = labelledBy?.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '');
        if (matches(element.getAttribute('aria-label')) || (byIds && matches(byIds.join(' ')))) named.push(element);
      }
      return named.find((element) => !mustBeVisible || element.checkVisibility()) ?? null;
    },
    { timeout, polling: 100 },
    label,
    visible,
    prefix,
  );
  const element = handle.asElement();
  if (!element) throw new Error(`no field labelled "${label}"`);
  return element as ElementHandle<HTMLInputElement>;
}

/** Types into a field as a person would, after clearing what it held. */
export async function fill(page: Page, label: string, text: string): Promise<void> {
  const input = await field(page, label);
  await input.focus();
  if (await input.evaluate((element) => element.value !== '')) {
    await input.evaluate((element) => element.select());
    await page.keyboard.press('Delete');
  }
  if (text) await input.type(text);
  const value = await input.evaluate((element) => element.value);
  if (value !== text) throw new Error(`the field "${label}" holds "${value}" after typing "${text}"`);
}

/** The heading of the diary: shown once the vault is open and the diary is decrypted. */
export async function waitForDiary(page: Page, timeout = SLOW): Promise<void> {
  await byRole(page, 'heading', 'Your diary', timeout);
}

/** Passphrase, confirmation, "Create my diary": returns the recovery key shown. */
export async function choosePassphrase(page: Page, passphrase = PASSPHRASE): Promise<string> {
  await fill(page, 'New passphrase', passphrase);
  await fill(page, 'Type the new passphrase again', passphrase);
  await click(page, 'button', 'Create my diary');
  const key = await visibleElement(page, '[data-testid="recovery-key"]', SLOW);
  const text = (await key.evaluate((element) => element.textContent)) ?? '';
  await click(page, 'checkbox', 'I have written down my recovery key and kept it safe.');
  await click(page, 'button', 'Open my diary');
  return text;
}

/** First run through the UI, from the app's address to the open diary; returns the recovery key. */
export async function setUp(page: Page, url: string, passphrase = PASSPHRASE): Promise<string> {
  await page.goto(`${url}/`);
  await click(page, 'button', 'Continue');
  const key = await choosePassphrase(page, passphrase);
  await waitForDiary(page);
  return key;
}

export async function waitForLockScreen(page: Page, timeout?: number): Promise<void> {
  await byRole(page, 'button', 'Unlock', timeout);
  await field(page, 'Passphrase', { timeout });
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await waitForLockScreen(page, SLOW);
  await fill(page, 'Passphrase', passphrase);
  await click(page, 'button', 'Unlock');
  await waitForDiary(page);
}

/** Saves one entry through the quick log on the diary screen. */
export async function quickLog(page: Page, text: string): Promise<void> {
  await fill(page, 'What happened?', text);
  await click(page, 'button', 'Save');
  await waitForText(page, 'Saved in your diary.');
}

/** The texts of the timeline's entry links, newest first (rendered rows only). */
export const timeline = (page: Page): Promise<string[]> =>
  page.$$eval('.timeline-entry .entry-link', (links) => links.map((link) => link.textContent ?? ''));

/**
 * Waits until earlier writes are committed: a read-only transaction over every store of the
 * diary's database runs after every write transaction that started before it.
 */
export async function storageSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stores = Array.from(db.objectStoreNames);
      const [first] = stores;
      if (first !== undefined) {
        await new Promise<void>((resolve, reject) => {
          const transaction = db.transaction(stores, 'readonly');
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
          transaction.objectStore(first).count();
        });
      }
      db.close();
    }
  });
}

/** A file the app handed over for saving, read in the page as the download would have been. */
export interface SavedFile {
  name: string;
  type: string;
  bytes: Buffer;
}

interface CapturedFile {
  name: string;
  type: string;
  base64: string;
}

/**
 * Installed before any script of the page runs: remembers each Blob given an object URL, and
 * when a download link (<a download href="blob:…">) is clicked, reads that Blob with
 * FileReader into `window.__daybookSaved` instead of letting Firefox save it to disk
 * (puppeteer cannot set Firefox's download behaviour over BiDi).
 */
export function captureDownloads(): void {
  const w = window as unknown as { __daybookSaved: CapturedFile[]; __daybookBlobs: Map<string, Blob> };
  w.__daybookSaved = [];
  w.__daybookBlobs = new Map();
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = createObjectURL(object);
    if (object instanceof Blob) w.__daybookBlobs.set(url, object);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = this.hasAttribute('download') ? w.__daybookBlobs.get(this.href) : undefined;
    if (!blob) {
      click.call(this);
      return;
    }
    const name = this.download;
    const reader = new FileReader();
    reader.onload = () => {
      const result = String(reader.result);
      w.__daybookSaved.push({ name, type: blob.type, base64: result.slice(result.indexOf(',') + 1) });
    };
    reader.readAsDataURL(blob);
  };
}

/** Runs `action` and returns the file the app hands over for saving while it runs. */
export async function savedFile(page: Page, action: () => Promise<void>, timeout = 60_000): Promise<SavedFile> {
  const count = await page.evaluate(() => (window as unknown as { __daybookSaved: unknown[] }).__daybookSaved.length);
  await action();
  const handle = await waitForTruthy(
    page,
    (before: number) => (window as unknown as { __daybookSaved: CapturedFile[] }).__daybookSaved[before],
    { timeout },
    count,
  );
  const file = (await handle.jsonValue()) as CapturedFile;
  return { name: file.name, type: file.type, bytes: Buffer.from(file.base64, 'base64') };
}
