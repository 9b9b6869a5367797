// The kinds of behaviour an incident can involve (DESIGN.md, "The diary").
// Stored as these ids; screens translate them. Order here is display order
// and the order parseIncident keeps them in, so equal choices hash equally.

export const BEHAVIOURS = [
  'following',
  'turning-up',
  'loitering',
  'contact-phone',
  'contact-text',
  'contact-email',
  'contact-social',
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

export type Behaviour = (typeof BEHAVIOURS)[number];

const KNOWN: ReadonlySet<string> = new Set(BEHAVIOURS);

export function isBehaviour(value: unknown): value is Behaviour {
  return typeof value === 'string' && KNOWN.has(value);
}
