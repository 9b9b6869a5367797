import { describe, expect, it } from 'vitest';
import { EMPTY_ANSWERS } from '../../../src/core/checklist/questions';
import { byNewest, makeResult, parseSavedResult } from '../../../src/core/checklist/result';

describe('saved checklist results', () => {
  it('carry the answers, the outcome now assessed and when they were saved', () => {
    const answers = { ...EMPTY_ANSWERS, occasions: 'many' as const };
    expect(makeResult('id1', answers, new Date('2026-11-22T10:00:00Z'))).toEqual({
      id: 'id1',
      savedAt: '2026-11-22T10:00:00.000Z',
      answers,
      outcome: ['course-of-conduct', 'police-decide', 'next-steps'],
    });
  });

  it('read back only what is a result, dropping unknown values', () => {
    expect(parseSavedResult(null)).toBeNull();
    expect(parseSavedResult({ id: 'x', savedAt: 'yesterday', answers: {}, outcome: [] })).toBeNull();
    expect(parseSavedResult({ id: '', savedAt: '2026-11-22T10:00:00.000Z', answers: {}, outcome: [] })).toBeNull();
    expect(
      parseSavedResult({ id: 'x', savedAt: '2026-11-22T10:00:00.000Z', answers: { risks: ['nope'] }, outcome: ['next-steps', 'verdict'] }),
    ).toEqual({
      id: 'x',
      savedAt: '2026-11-22T10:00:00.000Z',
      answers: EMPTY_ANSWERS,
      outcome: ['next-steps'],
    });
  });

  it('sort newest first', () => {
    const a = makeResult('a', EMPTY_ANSWERS, new Date('2026-01-01T00:00:00Z'));
    const b = makeResult('b', EMPTY_ANSWERS, new Date('2026-06-01T00:00:00Z'));
    expect([a, b].sort(byNewest).map((r) => r.id)).toEqual(['b', 'a']);
  });
});
