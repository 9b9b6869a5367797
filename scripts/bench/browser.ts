// Headless Chromium with the same flags as the browser tests (e2e/support/browser.ts), and the
// measurements made through the real app: unlock to the first timeline rows, opening an
// incident, JS heap, first-screen JavaScript and installability.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../lib/chromium';

export { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../lib/chromium';
export { launchChromium as launch } from '../lib/chromium';

/**
 * Contexts as the browser tests make them (en-GB, a phone-sized viewport). Service workers are
 * blocked unless asked for: the app's worker serves index.html for every navigation, which
 * would hide the harness page, and a precache filling in the background would skew timings.
 */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, serviceWorkers: 'block', ...options });
}

/** What the in-page probe records, in the page's performance.now() milliseconds. */
export interface Probe {
  startAt?: number;
  headingAt?: number;
  foundAt?: number;
  /** After the frame that first showed the target (a task queued from requestAnimationFrame). */
  paintedAt?: number;
  selector?: string;
  /** When the `loaded` selector first matched (the whole diary loaded: search enabled). */
  loadedAt?: number;
}

declare global {
  interface Window {
    daybookProbe?: Probe;
  }
}

interface ProbeSpec {
  /** The event that starts the clock (captured on document, before the app's own handlers). */
  start: 'submit' | 'click';
  /** Text of the main heading to note on the way, if any. */
  heading: string | null;
  /** Selectors for the end point, in order of preference. */
  targets: string[];
  /** A selector that matches once the whole diary has loaded, noted on the way (null: none). */
  loaded: string | null;
}

/** Installs the probe in the page. Runs in the browser: self-contained. */
function installProbe(spec: ProbeSpec): void {
  const probe: Probe = {};
  window.daybookProbe = probe;
  const check = () => {
    if (probe.startAt === undefined) return;
    if (spec.heading !== null && probe.headingAt === undefined && document.querySelector('main h1')?.textContent?.includes(spec.heading)) {
      probe.headingAt = performance.now();
    }
    if (spec.loaded !== null && probe.loadedAt === undefined && document.querySelector(spec.loaded)) probe.loadedAt = performance.now();
    if (probe.foundAt !== undefined) {
      if (spec.loaded === null || probe.loadedAt !== undefined) observer.disconnect();
      return;
    }
    for (const selector of spec.targets) {
      if (document.querySelector(selector)) {
        probe.foundAt = performance.now();
        probe.selector = selector;
        if (spec.loaded === null || probe.loadedAt !== undefined) observer.disconnect();
        requestAnimationFrame(() =>
          setTimeout(() => {
            probe.paintedAt = performance.now();
          }, 0),
        );
        return;
      }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['disabled'] });
  document.addEventListener(
    spec.start,
    () => {
      probe.startAt ??= performance.now();
      check();
    },
    { capture: true },
  );
}

async function waitForProbe(
  page: Page,
  timeout: number,
): Promise<Required<Pick<Probe, 'startAt' | 'foundAt' | 'paintedAt' | 'selector'>> & Probe> {
  await page.waitForFunction(() => window.daybookProbe?.paintedAt !== undefined, null, { timeout, polling: 50 });
  const probe = await page.evaluate(() => window.daybookProbe ?? {});
  const { startAt, foundAt, paintedAt, selector } = probe;
  if (startAt === undefined || foundAt === undefined || paintedAt === undefined || selector === undefined)
    throw new Error('probe incomplete');
  return { ...probe, startAt, foundAt, paintedAt, selector };
}

/** The timeline's rows as src/features/diary/timeline renders them, then the older fallback. */
export const TIMELINE_ROW_SELECTORS = ['.timeline-entry', '.entry'];
/** The timeline's search box enabled: the whole diary has loaded (the first page shows it disabled). */
const LOADED_SELECTOR = '.timeline-filters input[type="search"]:not(:disabled)';
const DETAIL_SELECTORS = ['.incident-detail .incident-fields', '.incident-detail'];

export interface UiRun {
  /** Unlock clicked (form submitted) to the "Your diary" heading: Argon2id, unwrap, route. */
  toHeadingMs: number | null;
  /** Unlock clicked to the first timeline row in the DOM. */
  toRowsMs: number;
  /** Unlock clicked to the whole diary loaded (the timeline's search enabled). */
  toLoadedMs: number;
  /** ... and to the end of the frame that showed it. */
  toRowsPaintedMs: number;
  selector: string;
  rowsRendered: number;
  heapUsedBytes: number | null;
  heapTotalBytes: number | null;
  /** Click on the first row to the incident's fields shown. */
  openMs: number | null;
  openSelector: string | null;
  /** JavaScript loaded up to the lock screen, when asked for (a returning user's first screen). */
  lockScreenJs: FirstScreenJs | null;
  /** Milliseconds from the submit to each step the app marks on the way (daybook:unlock:<step>). */
  steps: Record<string, number>;
}

/** Per key when the bench types the passphrase. */
export const TYPING_DELAY_MS = 40;

export interface UiRunOptions {
  cpuThrottle: number;
  /** Keep the CPU throttled while opening the incident too (issue 18: opening at 4x). */
  throttleOpen?: boolean;
  measureScripts: boolean;
  measureHeap: boolean;
  openIncident: boolean;
  timeoutMs: number;
}

/** One cold page load of the app, unlocked through the lock screen. */
export async function unlockThroughUi(context: BrowserContext, baseURL: string, passphrase: string, options: UiRunOptions): Promise<UiRun> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    if (options.cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottle });
    const scripts = options.measureScripts ? recordScripts(page) : null;
    await page.goto(`${baseURL}/`);
    const field = page.getByLabel('Passphrase', { exact: true });
    await field.waitFor({ timeout: options.timeoutMs });
    let lockScreenJs: FirstScreenJs | null = null;
    if (scripts) {
      await page.waitForLoadState('networkidle');
      lockScreenJs = await scripts();
    }
    // Typed key by key, as a person does (40 ms a key, a fast typist): the lock screen starts
    // loading the diary's code on the first keystroke, which a single fill() would leave no
    // time for. The timer starts at the submit, after the typing.
    await field.pressSequentially(passphrase, { delay: TYPING_DELAY_MS });
    await page.evaluate(installProbe, {
      start: 'submit',
      heading: 'Your diary',
      targets: TIMELINE_ROW_SELECTORS,
      loaded: LOADED_SELECTOR,
    } satisfies ProbeSpec);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await waitForProbe(page, options.timeoutMs);
    // Still throttled: the rest of the diary loads behind the first rows.
    await page.waitForFunction(() => window.daybookProbe?.loadedAt !== undefined, null, { timeout: options.timeoutMs, polling: 50 });
    const probe = await waitForProbe(page, options.timeoutMs);
    const rowsRendered = await page.locator(probe.selector).count();
    const steps = await page.evaluate(
      (startAt) =>
        Object.fromEntries(
          performance
            .getEntriesByType('mark')
            .filter((mark) => mark.name.startsWith('daybook:unlock:') && mark.startTime >= startAt)
            .map((mark) => [mark.name.slice('daybook:unlock:'.length), Math.round(mark.startTime - startAt)]),
        ),
      probe.startAt,
    );
    const throttledOpen = options.cpuThrottle > 1 && options.throttleOpen === true;
    if (options.cpuThrottle > 1 && !throttledOpen) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    let heapUsedBytes: number | null = null;
    let heapTotalBytes: number | null = null;
    if (options.measureHeap) {
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      heapUsedBytes = heap.usedSize;
      heapTotalBytes = heap.totalSize;
    }

    let openMs: number | null = null;
    let openSelector: string | null = null;
    if (options.openIncident) {
      await page.evaluate(installProbe, { start: 'click', heading: null, targets: DETAIL_SELECTORS, loaded: null } satisfies ProbeSpec);
      await page.locator('.timeline-entry .entry-link, .entry a').first().click();
      const opened = await waitForProbe(page, options.timeoutMs);
      openMs = opened.paintedAt - opened.startAt;
      openSelector = opened.selector;
    }
    if (throttledOpen) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
    return {
      toHeadingMs: probe.headingAt === undefined ? null : probe.headingAt - probe.startAt,
      toRowsMs: probe.foundAt - probe.startAt,
      toLoadedMs: (probe.loadedAt ?? Number.NaN) - probe.startAt,
      toRowsPaintedMs: probe.paintedAt - probe.startAt,
      selector: probe.selector,
      rowsRendered,
      heapUsedBytes,
      heapTotalBytes,
      openMs,
      openSelector,
      lockScreenJs,
      steps,
    };
  } finally {
    await page.close();
  }
}

export interface HeapRun {
  /** Unlock clicked to the first rows painted, in this run (CDP polling slows it a little). */
  toRowsPaintedMs: number;
  /** Largest used heap seen, polled every `pollMs` from the click until the end of the settle time, no forced GC. */
  peakUsedBytes: number;
  /** After the settle time and a forced GC (HeapProfiler.collectGarbage): what the diary screen keeps. */
  settledUsedBytes: number;
  settledTotalBytes: number;
  /** Dedicated workers alive in the page at the end (their heaps are not counted above). */
  workers: number;
  polls: number;
}

/**
 * The page's JS heap around an unlock: polled for a peak from the click, then, once the first
 * rows are painted, the whole diary has loaded and `settleMs` has passed (any loading the app does after its first paint has
 * time to run), collected and read. Runtime.getHeapUsage reads the page's main isolate only.
 */
export async function unlockHeap(
  context: BrowserContext,
  baseURL: string,
  passphrase: string,
  options: { settleMs: number; pollMs: number; timeoutMs: number },
): Promise<HeapRun> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(`${baseURL}/`);
    const field = page.getByLabel('Passphrase', { exact: true });
    await field.waitFor({ timeout: options.timeoutMs });
    // Typed key by key, as a person does (40 ms a key, a fast typist): the lock screen starts
    // loading the diary's code on the first keystroke, which a single fill() would leave no
    // time for. The timer starts at the submit, after the typing.
    await field.pressSequentially(passphrase, { delay: TYPING_DELAY_MS });
    await page.evaluate(installProbe, {
      start: 'submit',
      heading: null,
      targets: TIMELINE_ROW_SELECTORS,
      loaded: LOADED_SELECTOR,
    } satisfies ProbeSpec);
    let peak = 0;
    let polls = 0;
    const poll = async () => {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      polls += 1;
    };
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const deadline = Date.now() + options.timeoutMs;
    let painted: number | null = null;
    while (painted === null) {
      if (Date.now() > deadline) throw new Error('first rows did not appear in time');
      await poll();
      const probe = await page.evaluate(() => window.daybookProbe ?? {});
      // Settled from when the whole diary has loaded (the first rows come from its first page).
      if (probe.paintedAt !== undefined && probe.startAt !== undefined && probe.loadedAt !== undefined)
        painted = probe.paintedAt - probe.startAt;
      else await page.waitForTimeout(options.pollMs);
    }
    const settleUntil = Date.now() + options.settleMs;
    while (Date.now() < settleUntil) {
      await page.waitForTimeout(options.pollMs);
      await poll();
    }
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const settled = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return {
      toRowsPaintedMs: painted,
      peakUsedBytes: Math.max(peak, settled.usedSize),
      settledUsedBytes: settled.usedSize,
      settledTotalBytes: settled.totalSize,
      workers: page.workers().length,
      polls,
    };
  } finally {
    await page.close();
  }
}

export interface FirstScreenJs {
  gzipBytes: number;
  rawBytes: number;
  files: number;
  /** Path and gzip size of each script, largest first. */
  scripts: { path: string; gzipBytes: number }[];
}

/** Starts recording every JavaScript response of the page; the result sizes them (gzip -9). */
function recordScripts(page: Page): () => Promise<FirstScreenJs> {
  const scripts = new Map<string, Buffer>();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!type.includes('javascript')) return;
    pending.push(
      response.body().then(
        (body) => void scripts.set(response.url(), body),
        () => undefined,
      ),
    );
  });
  return async () => {
    await Promise.all(pending);
    const sized = [...scripts].map(([url, body]) => ({
      path: new URL(url).pathname,
      rawBytes: body.length,
      gzipBytes: gzipSync(body, { level: 9 }).length,
    }));
    return {
      gzipBytes: sized.reduce((sum, script) => sum + script.gzipBytes, 0),
      rawBytes: sized.reduce((sum, script) => sum + script.rawBytes, 0),
      files: sized.length,
      scripts: sized.sort((a, b) => b.gzipBytes - a.gzipBytes).map(({ path, gzipBytes }) => ({ path, gzipBytes })),
    };
  };
}

/** As e2e/first-screen-size.e2e.ts: every script of a first visit to / until network idle, gzip level 9. */
export async function firstScreenJs(browser: Browser, baseURL: string): Promise<FirstScreenJs> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const sized = recordScripts(page);
    await page.goto(`${baseURL}/`);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    return await sized();
  } finally {
    await context.close();
  }
}

export interface Installability {
  installable: boolean;
  /** Chromium's own verdict (CDP Page.getInstallabilityErrors): empty when installable. */
  chromiumErrors: string[] | null;
  serviceWorkerActive: boolean;
  /**
   * What the service worker's integrity check cost at one start with it in control (a reload):
   * the responses it hashed, their size and its time (its own performance.now(), overlapping checks counted once).
   */
  startCheck: { responses: number; kilobytes: number; milliseconds: number } | null;
  /** Our own reading of the manifest: what Chromium's install criteria need. */
  manifestProblems: string[];
  method: string;
}

interface ManifestIcon {
  src?: string;
  sizes?: string;
  type?: string;
  purpose?: string;
}

interface CheckCost {
  responses: number;
  bytes: number;
  milliseconds: number;
}

/** Asks the service worker in control what checking has cost it so far (null: no answer in 10 s). */
function checkingCost(page: Page): Promise<CheckCost | null> {
  return page.evaluate(
    () =>
      new Promise<CheckCost | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 10_000);
        const onMessage = (event: MessageEvent<{ type?: string; cost?: CheckCost }>) => {
          if (event.data?.type !== 'DAYBOOK_INTEGRITY_REPORT' || !event.data.cost) return;
          clearTimeout(timer);
          navigator.serviceWorker.removeEventListener('message', onMessage);
          resolve(event.data.cost);
        };
        navigator.serviceWorker.addEventListener('message', onMessage);
        navigator.serviceWorker.controller?.postMessage({ type: 'DAYBOOK_INTEGRITY_QUERY' });
      }),
  );
}

/** The integrity check's cost over one reload with the service worker in control. */
async function startCheckCost(page: Page): Promise<Installability['startCheck']> {
  await page.reload();
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  const before = await checkingCost(page);
  await page.reload();
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  const after = await checkingCost(page);
  if (!before || !after) return null;
  return {
    responses: after.responses - before.responses,
    kilobytes: Math.round((after.bytes - before.bytes) / 1024),
    milliseconds: Math.round((after.milliseconds - before.milliseconds) * 10) / 10,
  };
}

/**
 * Lighthouse 12 dropped its PWA checks, so installability is asked of Chromium directly. In a
 * persistent profile: Chromium never offers installation in an incognito context, which is
 * what browser.newContext() makes.
 */
export async function installability(baseURL: string): Promise<Installability> {
  const profile = await mkdtemp(join(tmpdir(), 'daybook-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: 'en-GB',
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'allow',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseURL}/`);
    await page.locator('main h1').first().waitFor();
    const worker = await page.evaluate(async () => {
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000));
      const registration = await Promise.race([navigator.serviceWorker.ready, timeout]);
      return registration ? { active: registration.active !== null, scope: registration.scope } : null;
    });
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      if (!link) return null;
      const response = await fetch(link.href);
      return { status: response.status, body: (await response.json()) as unknown };
    });
    const problems: string[] = [];
    if (!manifest) problems.push('no <link rel="manifest">');
    else if (manifest.status !== 200) problems.push(`manifest answered ${manifest.status}`);
    else {
      const body = manifest.body as { name?: string; short_name?: string; start_url?: string; display?: string; icons?: ManifestIcon[] };
      if (!body.name && !body.short_name) problems.push('no name or short_name');
      if (!body.start_url) problems.push('no start_url');
      if (!['standalone', 'fullscreen', 'minimal-ui', 'window-controls-overlay'].includes(body.display ?? ''))
        problems.push(`display is ${body.display ?? 'missing'}`);
      const icons = body.icons ?? [];
      const hasSize = (size: string) =>
        icons.some((icon) => (icon.sizes ?? '').split(/\s+/).includes(size) && (icon.purpose ?? 'any').split(/\s+/).includes('any'));
      if (!hasSize('192x192')) problems.push('no 192x192 icon for any purpose');
      if (!hasSize('512x512')) problems.push('no 512x512 icon for any purpose');
    }
    if (!worker?.active) problems.push('no active service worker within 30 s');
    const startCheck = worker?.active ? await startCheckCost(page) : null;
    let chromiumErrors: string[] | null = null;
    try {
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      chromiumErrors = installabilityErrors.map((error) =>
        [error.errorId, ...error.errorArguments.map((argument) => `${argument.name}=${argument.value}`)].join(' '),
      );
      await cdp.detach();
    } catch {
      chromiumErrors = null;
    }
    return {
      installable: problems.length === 0 && (chromiumErrors === null || chromiumErrors.length === 0),
      chromiumErrors,
      serviceWorkerActive: worker?.active ?? false,
      startCheck,
      manifestProblems: problems,
      method:
        'Chromium DevTools Protocol Page.getInstallabilityErrors on / in a fresh persistent profile after the service worker is active, plus the manifest fields Chromium requires (name, start_url, display, 192 and 512 px icons)',
    };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
