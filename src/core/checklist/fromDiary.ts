// "Start from my diary": the behaviours and the number of occasions the person has already
// logged pre-fill the answers, which they can then change. Only what the diary clearly says is
// used; fixation, effect and warning signs are the person's own judgement and stay blank.

import type { Behaviour } from '../model/behaviours';
import { dayNumber, type IsoDate } from '../model/calendarDate';
import type { Incident } from '../model/incident';
import { EMPTY_ANSWERS, OPTIONS, type ChecklistAnswers, type ChecklistBehaviour, type Duration, type Occasions } from './questions';

/** The checklist's wording of each diary behaviour (contact by any means is one choice here). */
const FROM_DIARY_BEHAVIOUR: Readonly<Record<Behaviour, ChecklistBehaviour>> = {
  following: 'following',
  'turning-up': 'turning-up',
  loitering: 'loitering',
  'contact-phone': 'unwanted-contact',
  'contact-text': 'unwanted-contact',
  'contact-email': 'unwanted-contact',
  'contact-social': 'unwanted-contact',
  'contact-via-others': 'contact-via-others',
  monitoring: 'monitoring',
  tracking: 'tracking',
  'gifts-or-items': 'gifts-or-items',
  'property-damage': 'property-damage',
  threats: 'threats',
  violence: 'violence',
  'posting-or-impersonating': 'posting-or-impersonating',
  other: 'other',
};

/** Each incident in the diary is one occasion. */
export function occasionsFor(count: number): Occasions | null {
  if (count <= 0) return null;
  if (count === 1) return 'once';
  if (count <= 3) return 'two-or-three';
  return 'many';
}

/** The dates an incident covers; something still going on runs until today. */
function datesOf(incident: Incident, today: IsoDate): IsoDate[] {
  const { when } = incident;
  switch (when.kind) {
    case 'exact':
      return [when.date];
    case 'approximate':
      return [when.from, when.to].filter((d): d is IsoDate => d !== undefined);
    case 'ongoing':
      return when.since === undefined ? [] : [when.since, today];
  }
}

/** How long the span from the first to the last known date is, in the checklist's words. */
export function durationFor(days: number): Duration {
  if (days < 7) return 'days';
  if (days < 60) return 'weeks';
  if (days < 365) return 'months';
  return 'years';
}

/**
 * Answers pre-filled from the diary: every behaviour logged, how many incidents, and for how
 * long (from the earliest to the latest date logged; unknown with fewer than two dates known).
 */
export function answersFromDiary(incidents: readonly Incident[], today: IsoDate): ChecklistAnswers {
  const logged = new Set(incidents.flatMap((incident) => incident.behaviours.map((b) => FROM_DIARY_BEHAVIOUR[b])));
  const days = incidents
    .flatMap((incident) => datesOf(incident, today))
    .map(dayNumber)
    .filter((d): d is number => d !== null);
  return {
    ...EMPTY_ANSWERS,
    behaviours: OPTIONS.behaviours.filter((b) => logged.has(b)),
    occasions: occasionsFor(incidents.length),
    duration: days.length >= 2 ? durationFor(Math.max(...days) - Math.min(...days)) : null,
  };
}
