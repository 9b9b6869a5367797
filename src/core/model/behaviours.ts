// The kinds of behaviour an incident can involve, in the order the diary lists them.
// Stored as these ids; screens translate them. Order here is display order
// and the order parseIncident keeps them in, so equal choices hash equally.

/**
 * The tail of the list that the stalking checklist asks about by the same ids, in the same order
 * (checklist/questions.ts): written once, so the two lists cannot drift apart.
 */
export const BEHAVIOURS_SHARED_WITH_CHECKLIST = [
  'contact-via-others',
  'monitoring',
  'tracking',
  'gifts-or-items',
  'property-damage',
  'threats',
  'violence',
  'posting-or-impersonating',
  'other',
] as const;

export const BEHAVIOURS = [
  'following',
  'turning-up',
  'loitering',
  'contact-phone',
  'contact-text',
  'contact-email',
  'contact-social',
  ...BEHAVIOURS_SHARED_WITH_CHECKLIST,
] as const;

export type Behaviour = (typeof BEHAVIOURS)[number];

const KNOWN: ReadonlySet<string> = new Set(BEHAVIOURS);

export function isBehaviour(value: unknown): value is Behaviour {
  return typeof value === 'string' && KNOWN.has(value);
}

/** These behaviours in display order, each once, whatever order they came in. */
export function orderedBehaviours(behaviours: Iterable<Behaviour>): Behaviour[] {
  const chosen = new Set(behaviours);
  return BEHAVIOURS.filter((b) => chosen.has(b));
}

/** A choice with one behaviour ticked or unticked, kept in display order. */
export function withBehaviour(chosen: readonly Behaviour[], behaviour: Behaviour, on: boolean): Behaviour[] {
  return BEHAVIOURS.filter((b) => (b === behaviour ? on : chosen.includes(b)));
}
