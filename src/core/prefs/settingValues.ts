// What each setting may hold, apart from where it is kept: preferences.ts (the localStorage copy)
// and protectedSettings.ts (the copy's check against the vault) both read values through these.

export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/** Accepts only absolute http(s) addresses, so quick exit can never run script or stay on a blank page. */
export function parseQuickExitUrl(input: string): URL | null {
  try {
    const url = new URL(input.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** Choices offered for locking after inactivity, in minutes. */
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30] as const;
/** Choices offered for locking after the app has been hidden, in minutes (0: at once). */
export const HIDDEN_LOCK_CHOICES = [0, 1, 5, 15] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 5;
export const DEFAULT_HIDDEN_LOCK_MINUTES = 1;

/**
 * The settings whose change would help someone watching the person: where quick exit goes (a
 * server of theirs would learn each use) and how long the diary stays open (longer, for a look
 * at it). Their real values are kept encrypted in the vault; localStorage holds the copy the
 * locked state reads. The language is not among them.
 */
export const PROTECTED_KEYS = ['quickExitUrl', 'autoLockMinutes', 'hiddenLockMinutes'] as const;
export type ProtectedKey = (typeof PROTECTED_KEYS)[number];

/** Each protected setting as stored: its canonical text, or null for "not set" (the default). */
export type ProtectedValues = Readonly<Record<ProtectedKey, string | null>>;

const MINUTE_CHOICES: Readonly<Record<Exclude<ProtectedKey, 'quickExitUrl'>, readonly number[]>> = {
  autoLockMinutes: AUTO_LOCK_CHOICES,
  hiddenLockMinutes: HIDDEN_LOCK_CHOICES,
};

const DEFAULTS: Readonly<Record<ProtectedKey, string>> = {
  quickExitUrl: DEFAULT_QUICK_EXIT_URL,
  autoLockMinutes: String(DEFAULT_AUTO_LOCK_MINUTES),
  hiddenLockMinutes: String(DEFAULT_HIDDEN_LOCK_MINUTES),
};

/**
 * The canonical form of a stored value (anything, from storage anyone could have written):
 * an address as `URL.href`, minutes as one of the choices offered; null for anything else.
 */
export function canonicalValue(key: ProtectedKey, stored: unknown): string | null {
  if (typeof stored !== 'string') return null;
  if (key === 'quickExitUrl') return parseQuickExitUrl(stored)?.href ?? null;
  const minutes = Number(stored);
  return stored.trim() !== '' && MINUTE_CHOICES[key].includes(minutes) ? String(minutes) : null;
}

/** What a stored value makes Daybook do: its canonical form, or the default. */
export function effectiveValue(key: ProtectedKey, stored: unknown): string {
  return canonicalValue(key, stored) ?? DEFAULTS[key];
}

/** Every protected value in canonical form. */
export function canonicalValues(values: Readonly<Record<ProtectedKey, unknown>>): ProtectedValues {
  return {
    quickExitUrl: canonicalValue('quickExitUrl', values.quickExitUrl),
    autoLockMinutes: canonicalValue('autoLockMinutes', values.autoLockMinutes),
    hiddenLockMinutes: canonicalValue('hiddenLockMinutes', values.hiddenLockMinutes),
  };
}
