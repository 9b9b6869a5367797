import { describe, expect, it } from 'vitest';
import { isUnanswered, parseAnswers, withChoice, withStepCleared, withTicked } from '../../../src/core/checklist/answers';
import { EMPTY_ANSWERS } from '../../../src/core/checklist/questions';

describe('checklist answers', () => {
  it('keep ticked options once each, in display order', () => {
    let answers = withTicked(EMPTY_ANSWERS, 'behaviours', 'threats', true);
    answers = withTicked(answers, 'behaviours', 'following', true);
    answers = withTicked(answers, 'behaviours', 'following', true);
    expect(answers.behaviours).toEqual(['following', 'threats']);
    expect(withTicked(answers, 'behaviours', 'following', false).behaviours).toEqual(['threats']);
  });

  it('ignore options a question does not have', () => {
    expect(withTicked(EMPTY_ANSWERS, 'fixation', 'following', true).fixation).toEqual([]);
    expect(withChoice(EMPTY_ANSWERS, 'occasions', 'weeks').occasions).toBeNull();
  });

  it('pick one option, or none for "not sure"', () => {
    const answers = withChoice(EMPTY_ANSWERS, 'duration', 'months');
    expect(answers.duration).toBe('months');
    expect(withChoice(answers, 'duration', null).duration).toBeNull();
  });

  it('skipping a step clears only that step', () => {
    const answers = parseAnswers({ behaviours: ['following'], occasions: 'many', duration: 'years', risks: ['loitering'] });
    const cleared = withStepCleared(answers, 'pattern');
    expect(cleared).toEqual({ ...answers, occasions: null, duration: null });
    expect(withStepCleared(answers, 'risk').risks).toEqual([]);
  });

  it('parse anything into known answers', () => {
    expect(parseAnswers(null)).toEqual(EMPTY_ANSWERS);
    expect(parseAnswers('x')).toEqual(EMPTY_ANSWERS);
    expect(
      parseAnswers({
        behaviours: ['nonsense', 'tracking', 7],
        occasions: 'lots',
        effects: 'fear-of-violence',
        risks: ['drugs-or-alcohol'],
      }),
    ).toEqual({
      ...EMPTY_ANSWERS,
      behaviours: ['tracking'],
      risks: ['drugs-or-alcohol'],
    });
  });

  it('know when nothing is answered', () => {
    expect(isUnanswered(EMPTY_ANSWERS)).toBe(true);
    expect(isUnanswered({ ...EMPTY_ANSWERS, duration: 'days' })).toBe(false);
    expect(isUnanswered({ ...EMPTY_ANSWERS, effects: ['alarm-or-distress'] })).toBe(false);
  });
});
