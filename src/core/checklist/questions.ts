// The checklist's questions as typed data: the screen renders these in order, one theme per
// step, and the outcome table reads the answers. Ids are stored (encrypted) with a saved
// result; screens translate them under checklist:steps.<step>.options.<id>.

import { BEHAVIOURS_SHARED_WITH_CHECKLIST } from '../model/behaviours';

/** What they have done: the law's examples of stalking behaviour and common ones police list. */
export const CHECKLIST_BEHAVIOURS = [
  'following',
  'turning-up',
  'loitering',
  'watching',
  'unwanted-contact',
  ...BEHAVIOURS_SHARED_WITH_CHECKLIST,
] as const;

/** How many times something like this has happened. */
export const OCCASIONS = ['once', 'two-or-three', 'many'] as const;

/** How long it has been going on. */
export const DURATIONS = ['days', 'weeks', 'months', 'years'] as const;

/** Signs of fixation and obsession: what sets stalking apart from harassment. */
export const FIXATION_SIGNS = [
  'wont-accept-no',
  'interest-in-life',
  'third-parties',
  'carries-on',
  'jealousy-or-grievance',
  'turns-up-repeatedly',
] as const;

/** How it affects the person. */
export const EFFECTS = ['fear-of-violence', 'alarm-or-distress', 'changed-routine'] as const;

/**
 * Warning signs, in Daybook's own words, drawn from the topics the police stalking risk screen
 * asks about. Daybook is not that screen and never scores these.
 */
export const RISK_SIGNS = [
  'very-frightened',
  'past-harassment',
  'property-damage',
  'frequent-visits',
  'loitering',
  'threats-of-violence',
  'harassing-others',
  'violence-to-others',
  'others-helping',
  'drugs-or-alcohol',
  'history-of-violence',
] as const;

export type ChecklistBehaviour = (typeof CHECKLIST_BEHAVIOURS)[number];
export type Occasions = (typeof OCCASIONS)[number];
export type Duration = (typeof DURATIONS)[number];
export type FixationSign = (typeof FIXATION_SIGNS)[number];
export type ChecklistEffect = (typeof EFFECTS)[number];
export type RiskSign = (typeof RISK_SIGNS)[number];

/** Everything the person answered. An empty list or null means not answered (or skipped). */
export interface ChecklistAnswers {
  behaviours: readonly ChecklistBehaviour[];
  occasions: Occasions | null;
  duration: Duration | null;
  fixation: readonly FixationSign[];
  effects: readonly ChecklistEffect[];
  risks: readonly RiskSign[];
}

export type MultiField = 'behaviours' | 'fixation' | 'effects' | 'risks';
export type SingleField = 'occasions' | 'duration';

/** The allowed options of every field, in display order. */
export const OPTIONS = {
  behaviours: CHECKLIST_BEHAVIOURS,
  occasions: OCCASIONS,
  duration: DURATIONS,
  fixation: FIXATION_SIGNS,
  effects: EFFECTS,
  risks: RISK_SIGNS,
} as const satisfies Record<MultiField | SingleField, readonly string[]>;

export type ChecklistQuestion =
  { readonly kind: 'multi'; readonly field: MultiField } | { readonly kind: 'single'; readonly field: SingleField };

export const STEP_IDS = ['behaviours', 'pattern', 'fixation', 'effect', 'risk'] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface ChecklistStep {
  readonly id: StepId;
  readonly questions: readonly ChecklistQuestion[];
}

/** One theme at a time, in this order. */
export const CHECKLIST_STEPS: readonly ChecklistStep[] = [
  { id: 'behaviours', questions: [{ kind: 'multi', field: 'behaviours' }] },
  {
    id: 'pattern',
    questions: [
      { kind: 'single', field: 'occasions' },
      { kind: 'single', field: 'duration' },
    ],
  },
  { id: 'fixation', questions: [{ kind: 'multi', field: 'fixation' }] },
  { id: 'effect', questions: [{ kind: 'multi', field: 'effects' }] },
  { id: 'risk', questions: [{ kind: 'multi', field: 'risks' }] },
];

export const EMPTY_ANSWERS: ChecklistAnswers = {
  behaviours: [],
  occasions: null,
  duration: null,
  fixation: [],
  effects: [],
  risks: [],
};
