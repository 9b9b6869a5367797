import { DEFAULT_NATION, type Nation } from '../model/helpline';
import { reconcile, type ProtectedSettingsNotice, type ProtectedSettingsVault } from './protectedSettings';
import { canonicalValue, canonicalValues, effectiveValue, parseQuickExitUrl, PROTECTED_KEYS, type ProtectedKey } from './settingValues';

export {
  AUTO_LOCK_CHOICES,
  DEFAULT_AUTO_LOCK_MINUTES,
  DEFAULT_HIDDEN_LOCK_MINUTES,
  DEFAULT_QUICK_EXIT_URL,
  HIDDEN_LOCK_CHOICES,
  parseQuickExitUrl,
  PROTECTED_KEYS,
  type ProtectedKey,
} from './settingValues';

/**
 * Device preferences that reveal nothing about the user's situation (language, where quick
 * exit goes, when the diary locks itself). They live in localStorage so they are readable
 * before the vault is unlocked: quick exit and help must work on a locked diary. That stored
 * copy is only read while locked; the app allows writes only while the diary is unlocked (see
 * `onlyWriteWhen`).
 *
 * localStorage is no lock, though: anyone holding the device can edit it with the browser's
 * tools. So the settings that matter for safety (PROTECTED_KEYS) also keep their real values
 * encrypted in the vault (`keepProtectedIn`); at every unlock the copy is checked against them
 * and set back if it differs, and the person is told (`protectedSettingsNotice`).
 *
 * Nothing personal or sensitive may ever be stored here: no nation, no screen, no choice that
 * shows someone is looking for help. Such choices (the helpline nation) are kept in memory
 * for as long as the page is open, and forgotten when it closes.
 */
const PREFIX = 'daybook.';

/** Every key Daybook may keep in localStorage (each stored as `daybook.<key>`). */
export const PREFERENCE_KEYS = ['language', 'quickExitUrl', 'autoLockMinutes', 'hiddenLockMinutes'] as const;
export type PreferenceKey = (typeof PREFERENCE_KEYS)[number];

/** Keys earlier versions stored and this one removes at start-up (`nation` named where the person lives). */
const RETIRED_KEYS = ['nation'] as const;

/** How saving a setting went: 'locked' also while the vault's copy is not open. */
export type SaveResult = 'saved' | 'invalid' | 'locked' | 'failed';

type ProtectedChanges = Partial<Record<ProtectedKey, string | null>>;

function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be blocked (private mode, policies); preferences then fall back to defaults.
    return null;
  }
}

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
  private readonly noticeListeners = new Set<() => void>();
  private mayWrite: () => boolean = () => true;
  private sessionNation: Nation | null = null;
  /** Null: the protected settings live in the copy alone (tests of screens). Else the vault that keeps them, null while locked. */
  private protection: { vault: ProtectedSettingsVault | null } | null = null;
  /** The check at unlock and every save of a protected setting, one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private notice: ProtectedSettingsNotice | null = null;

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

  /**
   * From now on the protected settings (PROTECTED_KEYS) change only through `vault`, which keeps
   * their real values encrypted: the vault first, then the copy. Null (while locked): they do not
   * change at all. Given a vault (just unlocked), first checks the copy against it (see
   * protectedSettings.ts): a copy changed behind Daybook's back is set back, and the notice
   * says so. Resolves once checked; a check that fails (storage refused, locked meanwhile)
   * changes nothing and is tried again at the next unlock.
   * `rowExpected`: the vault says it has stored its row before, so a missing row was removed.
   */
  keepProtectedIn(vault: ProtectedSettingsVault | null, options: { rowExpected?: boolean } = {}): Promise<void> {
    this.protection = { vault };
    if (!vault) return Promise.resolve();
    const checked = this.queue.then(() => this.check(vault, options.rowExpected ?? false)).catch(() => undefined);
    this.queue = checked;
    return checked;
  }

  private async check(vault: ProtectedSettingsVault, rowExpected: boolean): Promise<void> {
    // Twice at most: a second pass only when another tab stored a row between our read and our write.
    for (let pass = 0; pass < 2; pass++) {
      const plan = reconcile(this.protectedCopy(), await vault.read(), rowExpected);
      if (plan.save?.how === 'adopt' && !(await vault.adopt(plan.save.values))) continue;
      if (plan.save?.how === 'replace') await vault.replace(plan.save.values);
      // Set back even if the diary locked meanwhile: the vault's values are the person's own.
      this.rewriteCopy(plan.rewrite);
      if (plan.restored.length > 0 || plan.unchecked) {
        const restored = [...new Set([...(this.notice?.restored ?? []), ...plan.restored])];
        const unchecked = plan.unchecked || (this.notice?.unchecked ?? false);
        this.notice = { restored, unchecked, quickExitUrl: this.quickExitUrl() };
        for (const listener of [...this.noticeListeners]) listener();
      }
      return;
    }
  }

  /**
   * What the last check at unlock found and set back, for the diary screen to tell the person;
   * kept (in memory only) until they dismiss it.
   */
  protectedSettingsNotice(): ProtectedSettingsNotice | null {
    return this.notice;
  }

  dismissProtectedSettingsNotice(): void {
    if (!this.notice) return;
    this.notice = null;
    for (const listener of [...this.noticeListeners]) listener();
  }

  subscribeNotice(listener: () => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
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

  /**
   * Stores a preference in this device's copy; false (and nothing changed) while writes are
   * not allowed. Screens change the protected settings through their own methods
   * (saveQuickExitUrl...), which store them in the vault before the copy.
   */
  write(key: PreferenceKey, value: string | null): boolean {
    if (!this.canWrite()) return false;
    this.store(key, value);
    this.announce(key);
    // A protected setting written here (Erase everything) goes to the vault too, in the background.
    const vault = this.protection?.vault;
    if (vault && isProtectedKey(key)) {
      this.queue = this.queue
        .then(() => vault.update((kept) => ({ ...(kept ?? canonicalValues(this.protectedCopy())), [key]: value })))
        .catch(() => undefined);
    }
    return true;
  }

  /** Hears of every preference written through this object. */
  subscribe(listener: (key: PreferenceKey) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  quickExitUrl(): string {
    return effectiveValue('quickExitUrl', this.read('quickExitUrl'));
  }

  /**
   * Saves a new quick-exit address (null or blank: the default); false if it is not one, or if
   * writes are not allowed now (the diary is locked). With a vault keeping the protected
   * settings, it is saved there first, in the background: saveQuickExitUrl says how that went.
   */
  setQuickExitUrl(input: string | null): boolean {
    const value = quickExitValue(input);
    if (value === undefined) return false;
    return this.setProtected({ quickExitUrl: value });
  }

  /** Saves a new quick-exit address (null or blank: the default), in the vault first, then in the copy. */
  saveQuickExitUrl(input: string | null): Promise<SaveResult> {
    const value = quickExitValue(input);
    if (value === undefined) return Promise.resolve('invalid');
    return this.saveProtected({ quickExitUrl: value });
  }

  autoLockSettings(): AutoLockSettings {
    return {
      inactivityMinutes: Number(effectiveValue('autoLockMinutes', this.read('autoLockMinutes'))),
      hiddenMinutes: Number(effectiveValue('hiddenLockMinutes', this.read('hiddenLockMinutes'))),
    };
  }

  /**
   * False (nothing changed) while writes are not allowed. With a vault keeping the protected
   * settings, saved there first, in the background: saveAutoLockSettings says how that went.
   */
  setAutoLockSettings(settings: AutoLockSettings): boolean {
    return this.setProtected(autoLockValues(settings));
  }

  /** Saves when the diary locks itself (only the choices offered), in the vault first, then in the copy. */
  saveAutoLockSettings(settings: AutoLockSettings): Promise<SaveResult> {
    const values = autoLockValues(settings);
    if (
      canonicalValue('autoLockMinutes', values.autoLockMinutes) === null ||
      canonicalValue('hiddenLockMinutes', values.hiddenLockMinutes) === null
    ) {
      return Promise.resolve('invalid');
    }
    return this.saveProtected(values);
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

  private setProtected(changes: ProtectedChanges): boolean {
    if (!this.canWrite()) return false;
    if (!this.protection) {
      for (const [key, value] of entries(changes)) this.write(key, value);
      return true;
    }
    if (!this.protection.vault) return false;
    void this.saveProtected(changes);
    return true;
  }

  private saveProtected(changes: ProtectedChanges): Promise<SaveResult> {
    if (!this.canWrite()) return Promise.resolve('locked');
    if (!this.protection) {
      for (const [key, value] of entries(changes)) this.write(key, value);
      return Promise.resolve('saved');
    }
    const vault = this.protection.vault;
    if (!vault) return Promise.resolve('locked');
    // After the check at unlock and any earlier save. The vault first: a copy that changed
    // without it would be set back, as if someone else had changed it, at the next unlock.
    const saved = this.queue.then(async (): Promise<SaveResult> => {
      try {
        await vault.update((kept) => ({ ...(kept ?? canonicalValues(this.protectedCopy())), ...changes }));
      } catch {
        return 'failed';
      }
      // The copy follows even if the diary locked meanwhile, so the next check finds the two alike.
      this.rewriteCopy(changes);
      return 'saved';
    });
    this.queue = saved;
    return saved;
  }

  private protectedCopy(): Record<ProtectedKey, string | null> {
    return {
      quickExitUrl: this.read('quickExitUrl'),
      autoLockMinutes: this.read('autoLockMinutes'),
      hiddenLockMinutes: this.read('hiddenLockMinutes'),
    };
  }

  /** Writes the copy past the gate: only with values the vault holds (or has just stored). */
  private rewriteCopy(changes: ProtectedChanges): void {
    const keys = entries(changes);
    for (const [key, value] of keys) this.store(key, value);
    for (const [key] of keys) this.announce(key);
  }

  private store(key: PreferenceKey, value: string | null): void {
    try {
      const store = this.storage();
      if (store) {
        if (value === null) store.removeItem(PREFIX + key);
        else store.setItem(PREFIX + key, value);
      }
    } catch {
      // A preference that cannot be saved is not worth interrupting the user for.
    }
  }

  private announce(key: PreferenceKey): void {
    for (const listener of [...this.listeners]) listener(key);
  }
}

/** The stored form of a quick-exit address typed in: null for the default, undefined if it is not one. */
function quickExitValue(input: string | null): string | null | undefined {
  if (input === null || input.trim() === '') return null;
  return parseQuickExitUrl(input)?.href;
}

function autoLockValues(settings: AutoLockSettings): { autoLockMinutes: string; hiddenLockMinutes: string } {
  return { autoLockMinutes: String(settings.inactivityMinutes), hiddenLockMinutes: String(settings.hiddenMinutes) };
}

function isProtectedKey(key: PreferenceKey): key is ProtectedKey {
  return (PROTECTED_KEYS as readonly string[]).includes(key);
}

function entries(changes: ProtectedChanges): [ProtectedKey, string | null][] {
  return PROTECTED_KEYS.flatMap((key) => (key in changes ? [[key, changes[key] ?? null] as [ProtectedKey, string | null]] : []));
}

/**
 * This browser's preferences. Read at start-up by i18n and quick exit (before any screen);
 * screens reach it only through the app's PreferencesProvider.
 */
export const devicePreferences = new Preferences();
devicePreferences.forgetRetired();

export const LANGUAGE_STORAGE_KEY = PREFIX + 'language';
