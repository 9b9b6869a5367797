import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/languages';
import { localesDir, readLocale } from '../support/i18n';

/** Flattens nested resources into "a.b.c" -> string. */
function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Keys with plural suffixes folded into their base key: languages differ in plural forms. */
function baseKeys(keys: Iterable<string>): Set<string> {
  return new Set([...keys].map((key) => key.replace(PLURAL_SUFFIX, '')));
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

const source = readLocale('en-GB');

describe('locales', () => {
  it('ships a folder for every language and nothing else', () => {
    expect(readdirSync(localesDir).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  for (const { code } of LANGUAGES.filter((l) => l.code !== 'en-GB')) {
    const target = readLocale(code);

    it(`${code} has every namespace of en-GB`, () => {
      expect(Object.keys(target).sort()).toEqual(Object.keys(source).sort());
    });

    for (const [namespace, resources] of Object.entries(source)) {
      it(`${code}/${namespace} has every key of en-GB, with the same placeholders, and no extra`, () => {
        const expected = flatten(resources);
        const actual = flatten(target[namespace]);
        const expectedBase = baseKeys(expected.keys());
        const actualBase = baseKeys(actual.keys());
        const missing = [...expectedBase].filter((key) => !actualBase.has(key));
        const extra = [...actualBase].filter((key) => !expectedBase.has(key));
        expect(missing, 'missing keys').toEqual([]);
        expect(extra, 'keys not in en-GB').toEqual([]);
        // A plural key needs every plural form the language has (Welsh has six).
        const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
        for (const key of expectedBase) {
          if (![...expected.keys()].some((k) => k !== key && k.replace(PLURAL_SUFFIX, '') === key)) continue;
          for (const category of categories) expect(actual.has(`${key}_${category}`), `${namespace}:${key}_${category}`).toBe(true);
        }
        for (const [key, text] of expected) {
          const translated = actual.get(key) ?? actual.get(key.replace(PLURAL_SUFFIX, '_other')) ?? '';
          expect(placeholders(translated), `${namespace}:${key} placeholders`).toEqual(placeholders(text));
        }
      });
    }
  }

  it('no string is empty in any language', () => {
    for (const { code } of LANGUAGES) {
      for (const [namespace, resources] of Object.entries(readLocale(code))) {
        for (const [key, text] of flatten(resources)) expect(text.trim(), `${code}/${namespace}:${key}`).not.toBe('');
      }
    }
  });

  it('the completeness check would catch a missing key', () => {
    const broken = flatten({ a: 'x', b: { c: 'y' } });
    const partial = flatten({ a: 'x' });
    expect([...broken.keys()].filter((key) => !partial.has(key))).toEqual(['b.c']);
  });
});
