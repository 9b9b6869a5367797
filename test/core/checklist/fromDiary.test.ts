import { describe, expect, it } from 'vitest';
import { answersFromDiary, durationFor, occasionsFor } from '../../../src/core/checklist/fromDiary';
import { EMPTY_ANSWERS } from '../../../src/core/checklist/questions';
import { BEHAVIOURS, type Behaviour } from '../../../src/core/model/behaviours';
import type { IncidentWhen } from '../../../src/core/model/incident';
import { aQuickIncident } from '../../support/incidentFactories';

const TODAY = '2026-11-22';

const incident = (when: IncidentWhen, behaviours: Behaviour[] = []) => aQuickIncident({ when, behaviours });
const on = (date: string, behaviours: Behaviour[] = []) => incident({ kind: 'exact', date }, behaviours);

describe('answers from the diary', () => {
  it('an empty diary answers nothing', () => {
    expect(answersFromDiary([], TODAY)).toEqual(EMPTY_ANSWERS);
  });

  it('collects every behaviour logged, in the checklist’s words and order', () => {
    const answers = answersFromDiary(
      [
        on('2026-11-01', ['threats', 'contact-text']),
        on('2026-11-03', ['contact-phone', 'following']),
        on('2026-11-04', ['contact-social']),
      ],
      TODAY,
    );
    expect(answers.behaviours).toEqual(['following', 'unwanted-contact', 'threats']);
  });

  it('maps every diary behaviour to a checklist behaviour', () => {
    const answers = answersFromDiary([on('2026-11-01', [...BEHAVIOURS])], TODAY);
    expect(answers.behaviours).toEqual([
      'following',
      'turning-up',
      'loitering',
      'unwanted-contact',
      'contact-via-others',
      'monitoring',
      'tracking',
      'gifts-or-items',
      'property-damage',
      'threats',
      'violence',
      'posting-or-impersonating',
      'other',
    ]);
  });

  it('counts each incident as one occasion', () => {
    expect(occasionsFor(0)).toBeNull();
    expect(occasionsFor(1)).toBe('once');
    expect(occasionsFor(2)).toBe('two-or-three');
    expect(occasionsFor(3)).toBe('two-or-three');
    expect(occasionsFor(4)).toBe('many');
    expect(answersFromDiary([on('2026-11-01')], TODAY).occasions).toBe('once');
    expect(answersFromDiary([on('2026-11-01'), on('2026-11-02'), on('2026-11-03'), on('2026-11-04')], TODAY).occasions).toBe('many');
  });

  it('works out how long from the first to the last date logged', () => {
    expect(durationFor(0)).toBe('days');
    expect(durationFor(6)).toBe('days');
    expect(durationFor(7)).toBe('weeks');
    expect(durationFor(59)).toBe('weeks');
    expect(durationFor(60)).toBe('months');
    expect(durationFor(364)).toBe('months');
    expect(durationFor(365)).toBe('years');
    expect(answersFromDiary([on('2026-11-20'), on('2026-08-01')], TODAY).duration).toBe('months');
    expect(answersFromDiary([on('2026-11-20'), on('2026-11-20')], TODAY).duration).toBe('days');
  });

  it('leaves how long unanswered with fewer than two dates', () => {
    expect(answersFromDiary([on('2026-11-20')], TODAY).duration).toBeNull();
    expect(answersFromDiary([incident({ kind: 'approximate', description: 'last spring' }), on('2026-11-20')], TODAY).duration).toBeNull();
    expect(answersFromDiary([on('not a date'), on('2026-02-30'), on('2026-11-20')], TODAY).duration).toBeNull();
  });

  it('uses approximate ranges, and something ongoing runs until today', () => {
    expect(
      answersFromDiary([incident({ kind: 'approximate', description: 'that month', from: '2026-10-01', to: '2026-10-20' })], TODAY)
        .duration,
    ).toBe('weeks');
    expect(answersFromDiary([incident({ kind: 'ongoing', since: '2024-01-01' })], TODAY).duration).toBe('years');
    expect(answersFromDiary([incident({ kind: 'ongoing' })], TODAY).duration).toBeNull();
  });

  it('leaves the person’s own judgements blank', () => {
    const answers = answersFromDiary([on('2026-11-01', ['threats', 'violence'])], TODAY);
    expect(answers.fixation).toEqual([]);
    expect(answers.effects).toEqual([]);
    expect(answers.risks).toEqual([]);
  });
});
