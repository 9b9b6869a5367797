/**
 * Device preferences that reveal nothing about the user's situation (language, where quick
 * exit goes). They live in localStorage so they are readable before the vault is unlocked.
 * Nothing personal or sensitive may ever be stored here.
 */
const PREFIX = 'daybook.';

export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

export type PreferenceKey = 'language' | 'quickExitUrl' | 'nation' | 'autoLockMinutes' | 'hiddenLockMinutes';

function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be blocked (private mode, policies); preferences then fall back to defaults.
    return null;
  }
}

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

export interface AutoLockSettings {
  inactivityMinutes: number;
  hiddenMinutes: number;
}

/**
 * The device's preferences over a Storage (localStorage in the app, any Storage in tests). It
 * announces every write, so what depends on a preference (auto-lock) follows it at once.
 */
export class Preferences {
  private readonly listeners = new Set<(key: PreferenceKey) => void>();

  constructor(private readonly storage: () => Storage | null = browserStorage) {}

  read(key: PreferenceKey): string | null {
    try {
      return this.storage()?.getItem(PREFIX + key) ?? null;
    } catch {
      return null;
    }
  }

  write(key: PreferenceKey, value: string | null): void {
    try {
      const store = this.storage();
      if (!store) return;
      if (value === null) store.removeItem(PREFIX + key);
      else store.setItem(PREFIX + key, value);
    } catch {
      // A preference that cannot be saved is not worth interrupting the user for.
    }
    for (const listener of [...this.listeners]) listener(key);
  }

  /** Hears of every preference written through this object. */
  subscribe(listener: (key: PreferenceKey) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  quickExitUrl(): string {
    const stored = this.read('quickExitUrl');
    return (stored && parseQuickExitUrl(stored)?.href) || DEFAULT_QUICK_EXIT_URL;
  }

  /** Saves a new quick-exit address (null or blank: the default); false if it is not one. */
  setQuickExitUrl(input: string | null): boolean {
    if (input === null || input.trim() === '') {
      this.write('quickExitUrl', null);
      return true;
    }
    const url = parseQuickExitUrl(input);
    if (!url) return false;
    this.write('quickExitUrl', url.href);
    return true;
  }

  autoLockSettings(): AutoLockSettings {
    return {
      inactivityMinutes: this.readChoice('autoLockMinutes', AUTO_LOCK_CHOICES, DEFAULT_AUTO_LOCK_MINUTES),
      hiddenMinutes: this.readChoice('hiddenLockMinutes', HIDDEN_LOCK_CHOICES, DEFAULT_HIDDEN_LOCK_MINUTES),
    };
  }

  setAutoLockSettings(settings: AutoLockSettings): void {
    this.write('autoLockMinutes', String(settings.inactivityMinutes));
    this.write('hiddenLockMinutes', String(settings.hiddenMinutes));
  }

  private readChoice(key: PreferenceKey, choices: readonly number[], fallback: number): number {
    const stored = this.read(key);
    const value = Number(stored);
    return stored !== null && choices.includes(value) ? value : fallback;
  }
}

/**
 * This browser's preferences. Read at start-up by i18n and quick exit (before any screen);
 * screens reach it only through the app's PreferencesProvider.
 */
export const devicePreferences = new Preferences();

export const LANGUAGE_STORAGE_KEY = PREFIX + 'language';
