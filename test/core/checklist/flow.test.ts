import { describe, expect, it } from 'vitest';
import { checklistFlow, INITIAL_FLOW, STEP_COUNT, type ChecklistFlow, type FlowAction } from '../../../src/core/checklist/flow';
import { EMPTY_ANSWERS } from '../../../src/core/checklist/questions';

const run = (...actions: FlowAction[]): ChecklistFlow => actions.reduce(checklistFlow, INITIAL_FLOW);

describe('moving through the checklist', () => {
  it('has five steps', () => {
    expect(STEP_COUNT).toBe(5);
  });

  it('starts at the first step and reaches the outcome after the last', () => {
    expect(run({ type: 'start' }).stage).toEqual({ kind: 'step', index: 0 });
    const nexts = Array.from({ length: STEP_COUNT }, (): FlowAction => ({ type: 'next' }));
    expect(run({ type: 'start' }, ...nexts).stage).toEqual({ kind: 'outcome' });
  });

  it('goes back one step at a time, to the start', () => {
    const atOutcome = run({ type: 'start' }, ...Array.from({ length: STEP_COUNT }, (): FlowAction => ({ type: 'next' })));
    expect(checklistFlow(atOutcome, { type: 'back' }).stage).toEqual({ kind: 'step', index: STEP_COUNT - 1 });
    expect(run({ type: 'start' }, { type: 'next' }, { type: 'back' }).stage).toEqual({ kind: 'step', index: 0 });
    expect(run({ type: 'start' }, { type: 'back' }).stage).toEqual({ kind: 'start' });
  });

  it('skipping moves on and leaves that step unanswered', () => {
    const answered = { ...EMPTY_ANSWERS, behaviours: ['following'] as const, occasions: 'many' as const };
    const flow = run({ type: 'start', answers: answered }, { type: 'skip' });
    expect(flow.stage).toEqual({ kind: 'step', index: 1 });
    expect(flow.answers.behaviours).toEqual([]);
    expect(flow.answers.occasions).toBe('many');
  });

  it('keeps answers when going back or changing them', () => {
    const answered = { ...EMPTY_ANSWERS, risks: ['loitering'] as const };
    const flow = run({ type: 'start' }, { type: 'answer', answers: answered }, { type: 'next' }, { type: 'back' });
    expect(flow.answers).toEqual(answered);
    expect(checklistFlow(flow, { type: 'change' })).toEqual({ ...flow, stage: { kind: 'step', index: 0 } });
  });

  it('remembers answers came from the diary', () => {
    expect(run({ type: 'start', fromDiary: true, answers: EMPTY_ANSWERS }).origin).toEqual({ kind: 'diary' });
    expect(run({ type: 'start' }).origin).toEqual({ kind: 'blank' });
  });

  it('a saved result, once changed, is no longer the saved one', () => {
    const shown = run({ type: 'show-saved', id: 'a', savedAt: '2026-11-22T10:00:00.000Z', answers: EMPTY_ANSWERS });
    expect(shown.stage).toEqual({ kind: 'outcome' });
    expect(shown.origin).toEqual({ kind: 'saved', id: 'a', savedAt: '2026-11-22T10:00:00.000Z' });
    expect(checklistFlow(shown, { type: 'answer', answers: EMPTY_ANSWERS }).origin.kind).toBe('saved');
    expect(checklistFlow(shown, { type: 'answer', answers: { ...EMPTY_ANSWERS, duration: 'days' } }).origin.kind).toBe('blank');
  });

  it('marks the result saved, and starts again from nothing', () => {
    const saved = run({ type: 'start' }, { type: 'saved', id: 'b', savedAt: '2026-11-22T10:00:00.000Z' });
    expect(saved.origin).toEqual({ kind: 'saved', id: 'b', savedAt: '2026-11-22T10:00:00.000Z' });
    expect(checklistFlow(saved, { type: 'restart' })).toEqual(INITIAL_FLOW);
  });
});
