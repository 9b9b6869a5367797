// @vitest-environment jsdom
// The safety facts (999, press 55, emergencySMS, helplines, opening hours) are the same in every
// language: every number and time each string holds, and every number and link each help screen
// shows, equal the English ones exactly. A translation may reword; it may never renumber.
import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { HelpScreen } from '../../src/features/help/HelpScreen';
import { TechSafetyScreen } from '../../src/features/help/TechSafetyScreen';
import { WhatCanIDoScreen } from '../../src/features/help/WhatCanIDoScreen';
import { Preferences } from '../../src/core/prefs/preferences';
import { NATIONS, type Nation } from '../../src/core/model/helpline';
import { LANGUAGES } from '../../src/i18n/languages';
import { PreferencesContext } from '../../src/shared/prefs/usePreferences';
import { readLocale, testI18n } from '../support/i18n';

afterEach(cleanup);

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every run of digits (with the separators of times and phone numbers), once each, sorted. */
function numbersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\d+(?:[ :.]\d+)*/g)].map((match) => match[0]))].sort();
}

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

const english = readLocale('en-GB');
const others = LANGUAGES.filter((language) => language.code !== 'en-GB');

describe('safety facts in every language', () => {
  for (const { code } of others) {
    it(`${code}: every string holds the same numbers and times as English`, () => {
      const target = readLocale(code);
      for (const [namespace, resources] of Object.entries(english)) {
        const translated = flatten(target[namespace]);
        for (const [key, text] of flatten(resources)) {
          // A plural form's number comes from {{count}}; languages choose forms differently.
          if (PLURAL.test(key)) continue;
          expect(numbersIn(translated.get(key) ?? ''), `${code}/${namespace}:${key}`).toEqual(numbersIn(text));
        }
      }
    });
  }

  const screens: [string, () => ReactElement][] = [
    ['help', () => <HelpScreen />],
    ['what can I do', () => <WhatCanIDoScreen />],
    ['tech safety', () => <TechSafetyScreen />],
  ];

  /** What a help screen shows in `language` for `nation`: its links, and the numbers in its text. */
  async function shown(language: string, nation: Nation, screen: () => ReactElement) {
    const i18n = await testI18n(language);
    const preferences = new Preferences(() => null);
    preferences.setHelplineNation(nation);
    const { container, unmount } = render(
      <I18nextProvider i18n={i18n}>
        <PreferencesContext.Provider value={preferences}>
          <MemoryRouter>{screen()}</MemoryRouter>
        </PreferencesContext.Provider>
      </I18nextProvider>,
    );
    const links = [...container.querySelectorAll('a[href]')]
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => /^(tel|sms|mailto|https?):/.test(href))
      .sort();
    // Node by node: textContent would run "… 2026." into the next heading's "999" as one number.
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
    const numbers = numbersIn(parts.join('\n'));
    unmount();
    return { links, numbers };
  }

  for (const [name, screen] of screens) {
    it(`the ${name} screen shows the same tel:, sms: and web links and the same numbers in every language`, async () => {
      for (const nation of NATIONS) {
        const expected = await shown('en-GB', nation, screen);
        expect(expected.links.length + expected.numbers.length, `${name} shows facts to compare`).toBeGreaterThan(0);
        for (const { code } of others) {
          const actual = await shown(code, nation, screen);
          expect(actual.links, `${code} links (${nation})`).toEqual(expected.links);
          expect(actual.numbers, `${code} numbers (${nation})`).toEqual(expected.numbers);
        }
      }
    });
  }

  it('the check would catch a changed number', () => {
    expect(numbersIn('Press 55 when asked')).not.toEqual(numbersIn('Naciśnij 5 5, gdy usłyszysz pytanie'));
    expect(numbersIn('Open 9:00 to 17:00')).toEqual(numbersIn('Otwarte 17:00 — 9:00'));
  });
});
