import { describe, expect, it } from 'vitest';
import { describeWhen, WHEN_NAMESPACE, type WhenTranslate } from '../../../src/core/model/describeWhen';
import type { IncidentWhen } from '../../../src/core/model/incident';
import { testI18n } from '../../support/i18n';

/** The format the screens and the PDF use for a typed date. */
const dateIn = (language: string) => (date: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

async function wording(language: string): Promise<(when: IncidentWhen) => string> {
  const i18n = await testI18n(language);
  // The way a screen calls it: i18next's own t, with the namespace among those it has loaded.
  const t: WhenTranslate = i18n.getFixedT(language, ['diary', WHEN_NAMESPACE]);
  return (when) => describeWhen(when, t, dateIn(language));
}

describe('describeWhen', () => {
  it('words every kind of "when" in English', async () => {
    const say = await wording('en-GB');
    expect(say({ kind: 'exact', date: '2026-03-12' })).toBe('12 Mar 2026');
    expect(say({ kind: 'exact', date: '2026-03-12', time: '19:05' })).toBe('12 Mar 2026 at 19:05');
    expect(say({ kind: 'approximate', description: 'last winter' })).toBe('Roughly: last winter');
    expect(say({ kind: 'approximate', description: '  ' })).toBe('Roughly: date not known');
    expect(say({ kind: 'approximate', description: 'one evening', from: '2026-03-02', to: '2026-03-05' })).toBe(
      'Roughly: one evening (between 2 Mar 2026 and 5 Mar 2026)',
    );
    expect(say({ kind: 'approximate', description: '', from: '2026-03-02' })).toBe('Roughly: date not known (not before 2 Mar 2026)');
    expect(say({ kind: 'approximate', description: 'spring', to: '2026-05-31' })).toBe('Roughly: spring (not after 31 May 2026)');
    expect(say({ kind: 'ongoing' })).toBe('Ongoing');
    expect(say({ kind: 'ongoing', since: '2026-01-03' })).toBe('Ongoing since 3 Jan 2026');
  });

  it('reads in Welsh, with no key left untranslated', async () => {
    const say = await wording('cy');
    expect(say({ kind: 'exact', date: '2026-03-12', time: '19:05' })).toMatch(/ am 19:05$/);
    expect(say({ kind: 'approximate', description: 'un noson', from: '2026-03-02', to: '2026-03-05' })).toMatch(
      /^Tua: un noson \(rhwng .+ a .+\)$/,
    );
    expect(say({ kind: 'approximate', description: '' })).toBe('Tua: dyddiad anhysbys');
    expect(say({ kind: 'ongoing' })).toBe('Yn parhau');
    for (const text of [
      say({ kind: 'approximate', description: 'x', from: '2026-01-01' }),
      say({ kind: 'ongoing', since: '2026-01-01' }),
    ]) {
      expect(text).not.toContain('happened.');
    }
  });

  it('formats every date through the formatter it is given, and nothing else', () => {
    const keys: string[] = [];
    const t: WhenTranslate = (key, values) => {
      keys.push(key);
      return `${key}${JSON.stringify(values ?? {})}`;
    };
    const date = (value: string) => `<${value}>`;
    expect(describeWhen({ kind: 'exact', date: '2026-03-12' }, t, date)).toBe('<2026-03-12>');
    expect(describeWhen({ kind: 'ongoing', since: '2026-01-03' }, t, date)).toBe('incident:happened.ongoingSince{"date":"<2026-01-03>"}');
    describeWhen({ kind: 'approximate', description: 'x', from: '2026-01-01', to: '2026-01-02' }, t, date);
    expect(keys.every((key) => key.startsWith(`${WHEN_NAMESPACE}:happened.`))).toBe(true);
  });
});
