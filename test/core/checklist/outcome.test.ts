import { describe, expect, it } from 'vitest';
import { assessChecklist, OUTCOME_IDS, OUTCOME_TABLE, type OutcomeId } from '../../../src/core/checklist/outcome';
import { EMPTY_ANSWERS, RISK_SIGNS, type ChecklistAnswers } from '../../../src/core/checklist/questions';

const answers = (partial: Partial<ChecklistAnswers>): ChecklistAnswers => ({ ...EMPTY_ANSWERS, ...partial });
const ALWAYS: OutcomeId[] = ['police-decide', 'next-steps'];

// One row per situation: the answers, and exactly the blocks the result must show, in order.
const CASES: { name: string; answers: ChecklistAnswers; blocks: OutcomeId[] }[] = [
  { name: 'nothing answered', answers: EMPTY_ANSWERS, blocks: ['no-answers', ...ALWAYS] },
  { name: 'once', answers: answers({ occasions: 'once' }), blocks: ['single-occasion', ...ALWAYS] },
  { name: 'two or three times', answers: answers({ occasions: 'two-or-three' }), blocks: ['course-of-conduct', ...ALWAYS] },
  { name: 'many times', answers: answers({ occasions: 'many', duration: 'months' }), blocks: ['course-of-conduct', ...ALWAYS] },
  { name: 'a fixation sign', answers: answers({ fixation: ['carries-on'] }), blocks: ['fixation-signs', ...ALWAYS] },
  { name: 'an effect', answers: answers({ effects: ['changed-routine'] }), blocks: ['effects', ...ALWAYS] },
  { name: 'a warning sign', answers: answers({ risks: ['very-frightened'] }), blocks: ['risk-signs', ...ALWAYS] },
  { name: 'violence towards them', answers: answers({ behaviours: ['violence'] }), blocks: ['risk-signs', ...ALWAYS] },
  { name: 'behaviours only', answers: answers({ behaviours: ['following', 'unwanted-contact'] }), blocks: ALWAYS },
  { name: 'how long only', answers: answers({ duration: 'years' }), blocks: ALWAYS },
  {
    name: 'everything',
    answers: answers({
      behaviours: ['following', 'threats'],
      occasions: 'many',
      duration: 'weeks',
      fixation: ['wont-accept-no', 'interest-in-life'],
      effects: ['fear-of-violence'],
      risks: ['threats-of-violence'],
    }),
    blocks: ['risk-signs', 'course-of-conduct', 'fixation-signs', 'effects', ...ALWAYS],
  },
];

describe('checklist outcome', () => {
  for (const { name, answers: given, blocks } of CASES) {
    it(`${name} -> ${blocks.join(', ')}`, () => {
      expect(assessChecklist(given).blocks).toEqual(blocks);
    });
  }

  it('every warning sign on its own brings the danger prompt first', () => {
    for (const risk of RISK_SIGNS) expect(assessChecklist(answers({ risks: [risk] })).blocks[0], risk).toBe('risk-signs');
  });

  it('threats without a warning sign ticked do not on their own bring the danger prompt', () => {
    expect(assessChecklist(answers({ behaviours: ['threats'] })).blocks).not.toContain('risk-signs');
  });

  it('never shows both one occasion and a course of conduct', () => {
    for (const occasions of ['once', 'two-or-three', 'many', null] as const) {
      const blocks = assessChecklist(answers({ occasions })).blocks;
      expect(blocks.includes('single-occasion') && blocks.includes('course-of-conduct')).toBe(false);
    }
  });

  it('always says police decide, and always ends with next steps', () => {
    for (const { answers: given } of CASES) {
      const blocks = assessChecklist(given).blocks;
      expect(blocks).toContain('police-decide');
      expect(blocks.at(-1)).toBe('next-steps');
    }
  });

  it('the table has one row per outcome, in the declared order', () => {
    expect(OUTCOME_TABLE.map((row) => row.id)).toEqual([...OUTCOME_IDS]);
  });

  it('every outcome id is reached by some case', () => {
    const reached = new Set(CASES.flatMap((c) => assessChecklist(c.answers).blocks));
    expect([...reached].sort()).toEqual([...OUTCOME_IDS].sort());
  });
});
