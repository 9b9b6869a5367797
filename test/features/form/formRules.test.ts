import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/core/model/incident';
import {
  checkIncident,
  lengthErrors,
  overlong,
  TEXT_LIMITS,
  textOf,
  TOLD_WHO_LIMIT,
  WITNESS_TEXT_LIMIT,
  withText,
  type TextKey,
} from '../../../src/features/diary/form/formRules';
import { keepAsText, pastedTextFile, type LongPaste } from '../../../src/features/diary/paste/longPaste';
import { anIncident } from '../../support/incidentFactories';

const NOW = new Date('2026-03-10T12:00:00');

/** anIncident() with one text field set to `text` (approximate "when" for the description). */
function withField(key: TextKey, text: string): Incident {
  const incident = anIncident({ attachments: [] });
  return withText(key === 'description' ? { ...incident, when: { kind: 'approximate', description: '' } } : incident, key, text);
}

describe('form rules: text limits', () => {
  for (const key of Object.keys(TEXT_LIMITS) as TextKey[]) {
    it(`${key}: the form's limit is the one every incident is checked against`, () => {
      const limit = TEXT_LIMITS[key];
      const fits = checkIncident(withField(key, 'a'.repeat(limit)), NOW);
      expect(fits.ok).toBe(true);
      const over = withField(key, 'a'.repeat(limit + 1));
      expect(textOf(over, key)).toHaveLength(limit + 1);
      expect(checkIncident(over, NOW)).toEqual({ ok: false, errors: { [key]: 'tooLong' } });
      expect(lengthErrors(over)).toEqual({ [key]: 'tooLong' });
    });
  }

  it("a witness's name and contact have theirs", () => {
    for (const witness of [
      { name: 'n'.repeat(WITNESS_TEXT_LIMIT + 1), contact: '' },
      { name: '', contact: 'c'.repeat(WITNESS_TEXT_LIMIT + 1) },
    ]) {
      expect(checkIncident(anIncident({ attachments: [], witnesses: [witness] }), NOW)).toEqual({
        ok: false,
        errors: { witnesses: 'tooLong' },
      });
    }
    const fits = { name: 'n'.repeat(WITNESS_TEXT_LIMIT), contact: 'c'.repeat(WITNESS_TEXT_LIMIT) };
    expect(checkIncident(anIncident({ attachments: [], witnesses: [fits] }), NOW).ok).toBe(true);
  });

  it('counts text as it is kept: trimmed', () => {
    expect(overlong(`  ${'a'.repeat(10)}\n`, 10)).toBeUndefined();
    expect(overlong('a'.repeat(11), 10)).toEqual({ length: 11, limit: 10 });
  });

  it('says too long together with the other problems, not only once they are put right', () => {
    const incident = { ...withField('where', 'a'.repeat(TEXT_LIMITS.where + 1)), whatHappened: '', behaviours: [] };
    expect(checkIncident(incident, NOW)).toEqual({ ok: false, errors: { where: 'tooLong', whatHappened: 'empty' } });
  });
});

describe('a long paste', () => {
  const paste: LongPaste = { text: 'PASTED', before: 'ab', after: 'aPASTEDb', length: 8, limit: 5 };

  it('kept as text lands where it was pasted, or at the end if the field changed meanwhile', () => {
    expect(keepAsText(paste, 'ab')).toBe('aPASTEDb');
    expect(keepAsText(paste, 'abc')).toBe('abcPASTED');
  });

  it('as a file is plain UTF-8 text with a name that says nothing of its content', () => {
    const file = pastedTextFile('Ŵyn 👀', NOW);
    expect(file.name).toBe('pasted-text-2026-03-10.txt');
    expect(file.type).toBe('text/plain');
    expect(file.size).toBe(new TextEncoder().encode('Ŵyn 👀').length);
  });
});

describe('form rules: breaches, who was told, private notes', () => {
  it('keeps each breach once, drops blank "told" rows, trims, and always holds the three fields', () => {
    const breach = { orderId: 'order-1', conditionId: 'cond-1' };
    const result = checkIncident(
      anIncident({
        attachments: [],
        breaches: [breach, breach],
        told: [
          { who: '  My sister ', how: 'phone', date: '2026-03-09', time: '' },
          { who: ' ', how: 'in-person', date: '', time: '' },
        ],
        privateNotes: '  thoughts  ',
      }),
      NOW,
    );
    expect(result).toMatchObject({
      ok: true,
      incident: { breaches: [breach], told: [{ who: 'My sister', how: 'phone', date: '2026-03-09' }], privateNotes: 'thoughts' },
    });
    // An incident from before issue 16 is saved with them, empty.
    const old = anIncident({ attachments: [] });
    expect(checkIncident(old, NOW)).toMatchObject({ ok: true, incident: { breaches: [], told: [], privateNotes: '' } });
  });

  it('checks when someone was told: a real date, not in the future, and a time only with a date', () => {
    const told = (item: { date?: string; time?: string }) =>
      checkIncident(anIncident({ attachments: [], told: [{ who: 'Paladin', how: 'phone', ...item }] }), NOW);
    expect(told({ date: '2026-02-30' })).toEqual({ ok: false, errors: { told: 'dateFormat' } });
    expect(told({ date: '2026-03-11' })).toEqual({ ok: false, errors: { told: 'future' } });
    expect(told({ date: '2026-03-10', time: '25:00' })).toEqual({ ok: false, errors: { told: 'timeFormat' } });
    expect(told({ time: '10:00' })).toEqual({ ok: false, errors: { told: 'timeNeedsDate' } });
    expect(told({ date: '2026-03-10', time: '10:00' }).ok).toBe(true);
  });

  it('says a name too long to keep at once, and private notes by their own limit', () => {
    expect(lengthErrors(anIncident({ told: [{ who: 'x'.repeat(TOLD_WHO_LIMIT + 1), how: 'phone' }] }))).toEqual({ told: 'tooLong' });
    expect(lengthErrors(anIncident({ privateNotes: 'x'.repeat(TEXT_LIMITS.privateNotes + 1) }))).toEqual({ privateNotes: 'tooLong' });
    expect(textOf(withText(anIncident(), 'privateNotes', 'mine'), 'privateNotes')).toBe('mine');
  });
});
