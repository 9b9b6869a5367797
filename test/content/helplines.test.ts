import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMERGENCY_NUMBERS, GUIDANCE_SOURCES, HELPLINE_IDS, HELPLINES, helplinesFor, type HelplineId } from '../../src/content/helplines';
import {
  isUkPhoneNumber,
  NATIONS,
  phoneDigits,
  telHref,
  ukGrouping,
  toNation,
  validateHelpline,
  validateHours,
  validateSource,
  type Helpline,
  type Nation,
} from '../../src/core/model/helpline';

const byId = (id: HelplineId) => {
  const entry = HELPLINES.find((e) => e.id === id);
  if (!entry) throw new Error(`missing ${id}`);
  return entry;
};

/** The reference sheet's helpline table (uk-safety-facts.md), number for number, as written there. */
const REFERENCE_NUMBERS: Record<HelplineId, string[]> = {
  'national-stalking-helpline': ['0808 802 0300'],
  'national-domestic-abuse-helpline': ['0808 200 0247'],
  'live-fear-free': ['0808 801 0800', '07860 077333'],
  'scotland-domestic-abuse-helpline': ['0800 027 1234'],
  'ni-domestic-sexual-abuse-helpline': ['0808 802 1414'],
  paladin: ['020 3866 4107'],
  'victim-support': ['0808 168 9111'],
  'womens-aid-chat': [],
  'mens-advice-line': ['0808 801 0327'],
  galop: ['0800 999 5428'],
  'karma-nirvana': ['0800 599 9247'],
  'revenge-porn-helpline': ['0345 600 0459'],
  'report-fraud': ['0300 123 2040'],
  samaritans: ['116 123'],
};

const E = ['england'] as const;
const EW = ['england', 'wales'] as const;
const UK = NATIONS;

/** Who each line serves, mapped from the reference's "for" column. */
const REFERENCE_NATIONS: Record<HelplineId, readonly Nation[]> = {
  'national-stalking-helpline': EW,
  'national-domestic-abuse-helpline': E,
  'live-fear-free': ['wales'],
  'scotland-domestic-abuse-helpline': ['scotland'],
  'ni-domestic-sexual-abuse-helpline': ['northern-ireland'],
  paladin: EW,
  'victim-support': EW,
  'womens-aid-chat': E,
  'mens-advice-line': UK,
  galop: UK,
  'karma-nirvana': UK,
  'revenge-porn-helpline': UK,
  'report-fraud': ['england', 'wales', 'northern-ireland'],
  samaritans: UK,
};

describe('helpline data', () => {
  it('every entry passes validation', () => {
    expect(HELPLINES.flatMap((entry) => validateHelpline(entry))).toEqual([]);
  });

  it('has one entry per id, in HELPLINE_IDS order, with the National Stalking Helpline first', () => {
    expect(HELPLINES.map((e) => e.id)).toEqual([...HELPLINE_IDS]);
    expect(new Set(HELPLINE_IDS).size).toBe(HELPLINE_IDS.length);
    expect(HELPLINES[0]?.id).toBe('national-stalking-helpline');
    expect(HELPLINES[0]?.phones[0]?.display).toBe('0808 802 0300');
  });

  it('the numbers match the reference sheet exactly', () => {
    for (const entry of HELPLINES) {
      expect(
        entry.phones.map((p) => p.display),
        entry.id,
      ).toEqual(REFERENCE_NUMBERS[entry.id]);
    }
    expect(byId('live-fear-free').phones.map((p) => p.kind)).toEqual(['call', 'text']);
    expect(byId('galop').emails).toEqual(['help@galop.org.uk']);
    expect(byId('ni-domestic-sexual-abuse-helpline').emails).toEqual(['help@dsahelpline.org']);
    expect(byId('report-fraud').website).toBe('reportfraud.police.uk');
  });

  it('the emergency and police numbers match the reference', () => {
    expect(EMERGENCY_NUMBERS).toEqual({
      emergency: '999',
      policeNonEmergency: '101',
      relayEmergency: '18000',
      relayNonEmergency: '18001 101',
      silentSolutionCode: '55',
    });
    expect(telHref(EMERGENCY_NUMBERS.emergency)).toBe('tel:999');
    expect(telHref(EMERGENCY_NUMBERS.relayNonEmergency)).toBe('tel:18001101');
  });

  it('0808 200 0247 is the Refuge-run National Domestic Abuse Helpline for England', () => {
    const entry = byId('national-domestic-abuse-helpline');
    expect(entry.phones[0]?.display).toBe('0808 200 0247');
    expect(entry.nations).toEqual(['england']);
    const en = JSON.parse(readFileSync(join(process.cwd(), 'src/i18n/locales/en-GB/help.json'), 'utf8'));
    expect(en.directory.entries['national-domestic-abuse-helpline'].name).toContain('Refuge');
    expect(en.directory.entries['womens-aid-chat'].name).not.toContain('0808');
  });

  it('the old stalking helpline number 0300 636 0300 appears nowhere', () => {
    const files = ['src/content/helplines.ts', 'src/i18n/locales/en-GB/help.json', 'src/i18n/locales/cy/help.json'].map((file) =>
      readFileSync(join(process.cwd(), file), 'utf8'),
    );
    for (const text of files) expect(text).not.toMatch(/0\D{0,2}3\D{0,2}0\D{0,2}0\D{0,2}6\D{0,2}3\D{0,2}6\D{0,2}0\D{0,2}3\D{0,2}0\D{0,2}0/);
    for (const entry of HELPLINES) for (const phone of entry.phones) expect(phoneDigits(phone.display)).not.toBe('03006360300');
  });

  it('every number is a valid UK number, its tel: link carries exactly its digits, and text numbers are mobiles', () => {
    for (const entry of HELPLINES) {
      for (const phone of entry.phones) {
        expect(isUkPhoneNumber(phone.display), phone.display).toBe(true);
        expect(phone.display, 'shown in the usual UK grouping').toBe(ukGrouping(phoneDigits(phone.display)));
        expect(phone.display, 'groups of digits, single spaces').toMatch(/^\d+( \d+)+$|^\d{3,5}$/);
        expect(telHref(phone.display)).toBe(`tel:${phone.display.replaceAll(' ', '')}`);
        expect(telHref(phone.display)).toMatch(/^tel:\d+$/);
      }
    }
  });

  it('regions follow the reference', () => {
    for (const entry of HELPLINES) expect([...entry.nations].sort(), entry.id).toEqual([...REFERENCE_NATIONS[entry.id]].sort());
  });

  it('hours: structured where the reference gives them, "check website" where unverified or disputed', () => {
    expect(byId('national-stalking-helpline').hours).toEqual({
      kind: 'weekly',
      days: {
        mon: [{ from: '09:30', to: '16:00' }],
        tue: [{ from: '09:30', to: '16:00' }],
        wed: [{ from: '13:00', to: '16:00' }],
        thu: [{ from: '09:30', to: '16:00' }],
        fri: [{ from: '09:30', to: '16:00' }],
      },
      bankHolidays: 'closed',
    });
    const revengePorn = byId('revenge-porn-helpline').hours;
    expect(revengePorn.kind === 'weekly' && revengePorn.bankHolidays).toBe('closed');
    const womensAid = byId('womens-aid-chat').hours;
    expect(womensAid.kind === 'weekly' && womensAid.days.sat).toEqual([{ from: '10:00', to: '18:00' }]);
    const reportFraud = byId('report-fraud').hours;
    expect(reportFraud.kind === 'weekly' && Object.keys(reportFraud.days)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);

    const always: HelplineId[] = [
      'national-domestic-abuse-helpline',
      'live-fear-free',
      'scotland-domestic-abuse-helpline',
      'ni-domestic-sexual-abuse-helpline',
      'victim-support',
      'samaritans',
    ];
    for (const id of always) expect(byId(id).hours, id).toEqual({ kind: 'always' });
    expect(byId('mens-advice-line').hours).toEqual({ kind: 'check-website', why: 'unverified' });
    expect(byId('paladin').hours).toEqual({ kind: 'check-website', why: 'unverified' });
    expect(byId('galop').hours).toEqual({ kind: 'check-website', why: 'disputed' });
    expect(byId('karma-nirvana').hours).toEqual({ kind: 'check-website', why: 'disputed' });
  });

  it('only lines the reference calls free are marked free', () => {
    expect(HELPLINES.filter((e) => e.free).map((e) => e.id)).toEqual(['national-domestic-abuse-helpline', 'victim-support', 'samaritans']);
  });

  it('every entry and every guidance section has a source and the date it was checked', () => {
    for (const entry of HELPLINES) {
      expect(entry.source.cite.length, entry.id).toBeGreaterThan(0);
      expect(entry.source.checked, entry.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const [name, source] of Object.entries(GUIDANCE_SOURCES)) expect(validateSource(source), name).toEqual([]);
  });

  it('no address is a live off-origin resource: websites and citations carry no scheme', () => {
    for (const entry of HELPLINES) {
      if (entry.website !== null) expect(entry.website).not.toMatch(/:\/\//);
      for (const cite of entry.source.cite) expect(cite).not.toMatch(/:\/\//);
    }
  });
});

describe('helplines by nation', () => {
  it("UK-wide lines appear for every nation; each nation sees its own lines and no other nation's", () => {
    const ukWide = HELPLINES.filter((e) => e.nations.length === NATIONS.length).map((e) => e.id);
    expect(ukWide).toEqual(['mens-advice-line', 'galop', 'karma-nirvana', 'revenge-porn-helpline', 'samaritans']);
    for (const nation of NATIONS) {
      const ids = helplinesFor(nation).map((e) => e.id);
      for (const id of ukWide) expect(ids, nation).toContain(id);
      for (const entry of HELPLINES) expect(ids.includes(entry.id), `${nation} ${entry.id}`).toBe(entry.nations.includes(nation));
    }
    expect(helplinesFor('england').map((e) => e.id)).toContain('national-domestic-abuse-helpline');
    expect(helplinesFor('wales').map((e) => e.id)).toContain('live-fear-free');
    expect(helplinesFor('scotland').map((e) => e.id)).toContain('scotland-domestic-abuse-helpline');
    expect(helplinesFor('northern-ireland').map((e) => e.id)).toContain('ni-domestic-sexual-abuse-helpline');
    expect(helplinesFor('scotland').map((e) => e.id)).not.toContain('national-stalking-helpline');
  });

  it('the stalking helpline leads the list where it applies', () => {
    expect(helplinesFor('england')[0]?.id).toBe('national-stalking-helpline');
    expect(helplinesFor('wales')[0]?.id).toBe('national-stalking-helpline');
  });

  it('a stored nation is read back safely, defaulting to England', () => {
    expect(toNation('wales')).toBe('wales');
    expect(toNation('northern-ireland')).toBe('northern-ireland');
    expect(toNation(null)).toBe('england');
    expect(toNation('narnia')).toBe('england');
  });
});

describe('the validation catches bad data', () => {
  const good: Helpline = {
    id: 'example',
    nations: ['england'],
    phones: [{ kind: 'call', display: '0808 802 0300' }],
    emails: [],
    website: null,
    otherWays: [],
    hours: { kind: 'always' },
    free: false,
    notes: [],
    source: { cite: ['example.org'], date: null, checked: '2026-11-22' },
  };

  it('accepts a good entry', () => {
    expect(validateHelpline(good)).toEqual([]);
  });

  it.each([
    ['bad number', { phones: [{ kind: 'call', display: '0808 802 030' }] }],
    ['letters in number', { phones: [{ kind: 'call', display: '0808 SAFE 00' }] }],
    ['double space', { phones: [{ kind: 'call', display: '0808  802 0300' }] }],
    ['text to a landline', { phones: [{ kind: 'text', display: '0808 802 0300' }] }],
    ['no nation', { nations: [] }],
    ['unknown nation', { nations: ['france'] }],
    ['no contact', { phones: [] }],
    ['bad email', { phones: [], emails: ['not an email'] }],
    ['website with scheme', { website: 'https://example.org' }],
    ['no source', { source: { cite: [], date: null, checked: '2026-11-22' } }],
    ['no checked date', { source: { cite: ['x.org'], date: null, checked: '' } }],
    ['impossible source date', { source: { cite: ['x.org'], date: '2023-02-30', checked: '2026-11-22' } }],
    ['bad hours', { hours: { kind: 'weekly', days: { mon: [{ from: '16:00', to: '09:30' }] }, bankHolidays: 'closed' } }],
    ['bad weekday', { hours: { kind: 'weekly', days: { funday: [{ from: '09:00', to: '10:00' }] }, bankHolidays: 'closed' } }],
    ['bad time', { hours: { kind: 'weekly', days: { mon: [{ from: '9:00', to: '25:00' }] }, bankHolidays: 'closed' } }],
  ])('rejects %s', (_name, change) => {
    expect(validateHelpline({ ...good, ...change } as unknown as Helpline).length).toBeGreaterThan(0);
  });

  it('rejects overlapping ranges and unknown hours', () => {
    expect(
      validateHours({
        kind: 'weekly',
        days: {
          mon: [
            { from: '09:00', to: '12:00' },
            { from: '11:00', to: '13:00' },
          ],
        },
        bankHolidays: 'closed',
      }),
    ).not.toEqual([]);
    expect(validateHours({ kind: 'weekly', days: {}, bankHolidays: 'closed' })).not.toEqual([]);
  });

  it('knows the UK numbers the help pages use', () => {
    for (const n of ['999', '101', '116 123', '18000', '18001 101', '020 3866 4107', '07860 077333', '0808 168 9111']) {
      expect(isUkPhoneNumber(n), n).toBe(true);
    }
    for (const n of ['55', '123', '18001', '+44 808 802 0300', '1800 123 456', '0808 802 03000']) expect(isUkPhoneNumber(n), n).toBe(false);
  });
});

describe('UK grouping of numbers', () => {
  it.each([
    ['08088020300', '0808 802 0300'],
    ['08082000247', '0808 200 0247'],
    ['08081689111', '0808 168 9111'],
    ['02038664107', '020 3866 4107'],
    ['07860077333', '07860 077333'],
    ['03001232040', '0300 123 2040'],
    ['116123', '116 123'],
    ['18001101', '18001 101'],
    ['999', '999'],
  ])('%s -> %s', (digits, shown) => {
    expect(ukGrouping(digits)).toBe(shown);
  });
});
