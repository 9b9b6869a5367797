// Calling the in-page harness (page/harness.ts) from the runner.

import type { BrowserContext, Page } from 'playwright-core';
import type { BenchApi } from './page/api';
import { HARNESS_PATH } from './server';

/** Opens the harness page in this context (so on the app's origin and IndexedDB). */
export async function openHarness(context: BrowserContext, baseURL: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  [harness] ${error.message}`));
  await page.goto(`${baseURL}${HARNESS_PATH}index.html`);
  await page.waitForFunction(() => window.daybookBench !== undefined);
  return page;
}

/** Calls a harness function in the page; page.evaluate serialises only the arrow's source. */
export async function call<K extends keyof BenchApi>(
  page: Page,
  method: K,
  ...args: Parameters<BenchApi[K]>
): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  const result: unknown = await page.evaluate(
    ({ name, values }: { name: keyof BenchApi; values: unknown[] }) => {
      const api = window.daybookBench;
      if (!api) throw new Error('The benchmark harness is not loaded');
      const fn = api[name] as (...parameters: unknown[]) => Promise<unknown>;
      return fn(...values);
    },
    { name: method, values: args as unknown[] },
  );
  return result as Awaited<ReturnType<BenchApi[K]>>;
}
