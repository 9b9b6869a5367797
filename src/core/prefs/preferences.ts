/**
 * Device preferences that reveal nothing about the user's situation (language, where quick
 * exit goes). They live in localStorage so they are readable before the vault is unlocked.
 * Nothing personal or sensitive may ever be stored here.
 */
const PREFIX = 'daybook.';

export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

export type PreferenceKey = 'language' | 'quickExitUrl' | 'nation' | 'autoLockMinutes' | 'hiddenLockMinutes';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be blocked (private mode, policies); preferences then fall back to defaults.
    return null;
  }
}

export function readPreference(key: PreferenceKey): string | null {
  try {
    return storage()?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

const changeListeners = new Set<(key: PreferenceKey) => void>();

/** Hears of every preference written in this tab, so what depends on one can follow it. */
export function onPreferenceChange(listener: (key: PreferenceKey) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

export function writePreference(key: PreferenceKey, value: string | null): void {
  try {
    const store = storage();
    if (!store) return;
    if (value === null) store.removeItem(PREFIX + key);
    else store.setItem(PREFIX + key, value);
  } catch {
    // A preference that cannot be saved is not worth interrupting the user for.
  }
  for (const listener of [...changeListeners]) listener(key);
}

export const LANGUAGE_STORAGE_KEY = PREFIX + 'language';

/** Accepts only absolute http(s) addresses, so quick exit can never run script or stay on a blank page. */
export function parseQuickExitUrl(input: string): URL | null {
  try {
    const url = new URL(input.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export function quickExitUrl(): string {
  const stored = readPreference('quickExitUrl');
  return (stored && parseQuickExitUrl(stored)?.href) || DEFAULT_QUICK_EXIT_URL;
}

export function setQuickExitUrl(input: string | null): boolean {
  if (input === null || input.trim() === '') {
    writePreference('quickExitUrl', null);
    return true;
  }
  const url = parseQuickExitUrl(input);
  if (!url) return false;
  writePreference('quickExitUrl', url.href);
  return true;
}

/** Choices offered for locking after inactivity, in minutes. */
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30] as const;
/** Choices offered for locking after the app has been hidden, in minutes (0: at once). */
export const HIDDEN_LOCK_CHOICES = [0, 1, 5, 15] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 5;
export const DEFAULT_HIDDEN_LOCK_MINUTES = 1;

function readChoice(key: PreferenceKey, choices: readonly number[], fallback: number): number {
  const value = Number(readPreference(key));
  return choices.includes(value) && readPreference(key) !== null ? value : fallback;
}

export interface AutoLockSettings {
  inactivityMinutes: number;
  hiddenMinutes: number;
}

export function autoLockSettings(): AutoLockSettings {
  return {
    inactivityMinutes: readChoice('autoLockMinutes', AUTO_LOCK_CHOICES, DEFAULT_AUTO_LOCK_MINUTES),
    hiddenMinutes: readChoice('hiddenLockMinutes', HIDDEN_LOCK_CHOICES, DEFAULT_HIDDEN_LOCK_MINUTES),
  };
}

export function setAutoLockSettings(settings: AutoLockSettings): void {
  writePreference('autoLockMinutes', String(settings.inactivityMinutes));
  writePreference('hiddenLockMinutes', String(settings.hiddenMinutes));
}
