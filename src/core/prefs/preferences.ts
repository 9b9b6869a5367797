import { DEFAULT_NATION, type Nation } from '../model/helpline';

/**
 * Device preferences that reveal nothing about the user's situation (language, where quick
 * exit goes, when the diary locks itself). They live in localStorage so they are readable
 * before the vault is unlocked: quick exit and help must work on a locked diary. That stored
 * copy is only read while locked; the app allows writes only while the diary is unlocked (see
 * `onlyWriteWhen`), so nobody holding a locked phone can change where quick exit goes.
 *
 * Nothing personal or sensitive may ever be stored here: no nation, no screen, no choice that
 * shows someone is looking for help. Such choices (the helpline nation) are kept in memory
 * for as long as the page is open, and forgotten when it closes.
 */
const PREFIX = 'daybook.';

export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/** Every key Daybook may keep in localStorage (each stored as `daybook.<key>`). */
export const PREFERENCE_KEYS = ['language', 'quickExitUrl', 'autoLockMinutes', 'hiddenLockMinutes'] as const;
export type PreferenceKey = (typeof PREFERENCE_KEYS)[number];

/** Keys earlier versions stored and this one removes at start-up (`nation` named where the person lives). */
const RETIRED_KEYS = ['nation'] as const;

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
  private mayWrite: () => boolean = () => true;
  private sessionNation: Nation | null = null;

  constructor(private readonly storage: () => Storage | null = browserStorage) {}

  /**
   * From now on, writes are kept only while `allowed()` is true (the app passes "the diary is
   * unlocked"). A refused write changes nothing and announces nothing.
   */
  onlyWriteWhen(allowed: () => boolean): void {
    this.mayWrite = allowed;
  }

  /** Whether a write would be kept now. */
  canWrite(): boolean {
    try {
      return this.mayWrite();
    } catch {
      return false;
    }
  }

  /** Removes what earlier versions stored and this one no longer may (see RETIRED_KEYS). */
  forgetRetired(): void {
    try {
      const store = this.storage();
      for (const key of RETIRED_KEYS) store?.removeItem(PREFIX + key);
    } catch {
      // Nothing to do: storage that cannot be written holds nothing new either.
    }
  }

  read(key: PreferenceKey): string | null {
    try {
      return this.storage()?.getItem(PREFIX + key) ?? null;
    } catch {
      return null;
    }
  }

  /** Stores a preference; false (and nothing changed) while writes are not allowed. */
  write(key: PreferenceKey, value: string | null): boolean {
    if (!this.canWrite()) return false;
    try {
      const store = this.storage();
      if (store) {
        if (value === null) store.removeItem(PREFIX + key);
        else store.setItem(PREFIX + key, value);
      }
    } catch {
      // A preference that cannot be saved is not worth interrupting the user for.
    }
    for (const listener of [...this.listeners]) listener(key);
    return true;
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

  /**
   * Saves a new quick-exit address (null or blank: the default); false if it is not one, or if
   * writes are not allowed now (the diary is locked).
   */
  setQuickExitUrl(input: string | null): boolean {
    if (input === null || input.trim() === '') return this.write('quickExitUrl', null);
    const url = parseQuickExitUrl(input);
    if (!url) return false;
    return this.write('quickExitUrl', url.href);
  }

  autoLockSettings(): AutoLockSettings {
    return {
      inactivityMinutes: this.readChoice('autoLockMinutes', AUTO_LOCK_CHOICES, DEFAULT_AUTO_LOCK_MINUTES),
      hiddenMinutes: this.readChoice('hiddenLockMinutes', HIDDEN_LOCK_CHOICES, DEFAULT_HIDDEN_LOCK_MINUTES),
    };
  }

  /** False (nothing changed) while writes are not allowed. */
  setAutoLockSettings(settings: AutoLockSettings): boolean {
    if (!this.canWrite()) return false;
    this.write('autoLockMinutes', String(settings.inactivityMinutes));
    this.write('hiddenLockMinutes', String(settings.hiddenMinutes));
    return true;
  }

  /**
   * The nation whose helplines are shown. Kept in memory only, never stored: where someone
   * lives, and that they looked up helplines, is for nobody else holding the device to find.
   * Choosing it is not a setting, so it works while locked too.
   */
  helplineNation(): Nation {
    return this.sessionNation ?? DEFAULT_NATION;
  }

  setHelplineNation(nation: Nation): void {
    this.sessionNation = nation;
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
devicePreferences.forgetRetired();

export const LANGUAGE_STORAGE_KEY = PREFIX + 'language';
