import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { GUIDANCE_SOURCES, HELPLINES } from '../../src/content/helplines';
import { formatHours, formatSource, formatSourceDate } from '../../src/features/help/format';
import { testI18n } from '../support/i18n';

type HelpT = TFunction<'help'>;
let en: HelpT;
let cy: HelpT;

beforeAll(async () => {
  en = (await testI18n('en-GB')).getFixedT('en-GB', 'help') as unknown as HelpT;
  cy = (await testI18n('cy')).getFixedT('cy', 'help') as unknown as HelpT;
});

const hoursOf = (id: string) => {
  const entry = HELPLINES.find((e) => e.id === id);
  if (!entry) throw new Error(id);
  return entry.hours;
};

describe('helpline text', () => {
  it('writes the stalking helpline hours in English and Welsh', () => {
    expect(formatHours(en, hoursOf('national-stalking-helpline'))).toEqual([
      'Opening hours (UK time): Monday, Tuesday, Thursday and Friday: 09:30 to 16:00; Wednesday: 13:00 to 16:00.',
      'Closed on bank holidays.',
    ]);
    expect(formatHours(cy, hoursOf('national-stalking-helpline'))).toEqual([
      'Oriau agor (amser y DU): Dydd Llun, dydd Mawrth, dydd Iau a dydd Gwener: 09:30 tan 16:00; Dydd Mercher: 13:00 tan 16:00.',
      'Ar gau ar wyliau banc.',
    ]);
  });

  it('writes day ranges, with the Welsh mutation after "i"', () => {
    expect(formatHours(en, hoursOf('womens-aid-chat'))[0]).toBe(
      'Opening hours (UK time): Monday to Friday: 08:00 to 18:00; Saturday and Sunday: 10:00 to 18:00.',
    );
    expect(formatHours(cy, hoursOf('womens-aid-chat'))[0]).toBe(
      'Oriau agor (amser y DU): Dydd Llun i ddydd Gwener: 08:00 tan 18:00; Dydd Sadwrn a dydd Sul: 10:00 tan 18:00.',
    );
  });

  it('says "check their website for hours" instead of hours for unverified or disputed lines', () => {
    for (const id of ['mens-advice-line', 'paladin', 'galop', 'karma-nirvana']) {
      expect(formatHours(en, hoursOf(id))).toEqual(['Opening hours not confirmed: check their website for hours.']);
    }
  });

  it('24/7 lines', () => {
    expect(formatHours(en, hoursOf('samaritans'))).toEqual(['Open 24 hours a day, every day.']);
  });

  it('formats source dates at the precision the source gives', () => {
    expect(formatSourceDate(en, '2023-04-21')).toBe('21 April 2023');
    expect(formatSourceDate(cy, '2023-04-21')).toBe('21 Ebrill 2023');
    expect(formatSourceDate(en, '2023-06')).toBe('June 2023');
    expect(formatSourceDate(en, '2019')).toBe('2019');
    expect(formatSourceDate(en, null)).toBeNull();
    expect(formatSource(en, GUIDANCE_SOURCES.bsl999)).toBe(
      'Source: wmfs.net/safety/999-bsl-uk-emergency-video-relay-service (17 June 2022). Checked 22 November 2026.',
    );
    expect(formatSource(cy, GUIDANCE_SOURCES.police101)).toBe('Ffynhonnell: bbc.co.uk/news/uk-48423791. Gwiriwyd 22 Tachwedd 2026.');
  });

  it('every entry has a name, purpose and audience in both languages', () => {
    for (const entry of HELPLINES) {
      for (const t of [en, cy]) {
        for (const field of ['name', 'for', 'who'] as const) {
          const text = t(`directory.entries.${entry.id}.${field}`);
          expect(text, `${entry.id}.${field}`).not.toBe(`directory.entries.${entry.id}.${field}`);
          expect(text.trim()).not.toBe('');
        }
      }
    }
  });
});
