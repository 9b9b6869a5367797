import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Right to left for the languages written that way (the app follows i18next's list). */
export const RIGHT_TO_LEFT = new Set(['ar', 'ur']);

type Strings = Record<string, unknown>;

/** One namespace of one language's strings, as the app ships them. */
export const strings = (code: string, namespace: string): Strings =>
  JSON.parse(readFileSync(new URL(`../../src/i18n/locales/${code}/${namespace}.json`, import.meta.url), 'utf8')) as Strings;

/** The string at `path` in `value`; throws if there is none, so a renamed key fails the test. */
export const text = (value: unknown, ...path: string[]): string => {
  const found = path.reduce<unknown>((node, key) => (node as Strings | undefined)?.[key], value);
  if (typeof found !== 'string') throw new Error(`no string at ${path.join('.')}`);
  return found;
};

/** How far the page is wider than the viewport (0 when nothing spills sideways). */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
