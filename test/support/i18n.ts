import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../../src/i18n/languages';

// Tests run from the project root (jsdom changes import.meta.url, so it is not used here).
export const localesDir = join(process.cwd(), 'src/i18n/locales/');

export function readLocale(language: string): Record<string, Record<string, unknown>> {
  const namespaces: Record<string, Record<string, unknown>> = {};
  for (const file of readdirSync(localesDir + language)) {
    if (file.endsWith('.json')) {
      namespaces[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(`${localesDir}${language}/${file}`, 'utf8'));
    }
  }
  return namespaces;
}

/** A synchronous i18next with the real resources of every shipped language, for component tests. */
export async function testI18n(language = 'en-GB'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources: Object.fromEntries(LANGUAGES.map(({ code }) => [code, readLocale(code)])),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  return instance;
}
