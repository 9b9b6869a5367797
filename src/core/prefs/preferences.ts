import { DEFAULT_NATION, type Nation } from '../model/helpline';
import { reconcile, type ProtectedSettingsNotice, type ProtectedSettingsVault } from './protectedSettings';
import {
  canonicalValue,
  canonicalValues,
  effectiveValue,
  parseQuickExitUrl,
  PROTECTED_KEYS,
  type ProtectedKey,
  type ProtectedValues,
} from './settingValues';

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
   * says so. Resolves once checked, never rejects; a check that fails (storage refused, locked
   * meanwhile) changes nothing, says so in the notice, and is tried again at the next unlock.
   */
  keepProtectedIn(vault: ProtectedSettingsVault | null): Promise<void> {
    this.protection = { vault };
    if (!vault) return Promise.resolve();
    const checked = this.queue.then(() => this.check(vault)).catch(() => undefined);
    this.queue = checked;
    return checked;
  }

  private async check(vault: ProtectedSettingsVault): Promise<void> {
    let found: CheckFindings;
    try {
      found = (await this.reconcileWith(vault)) ?? { ...NOTHING_FOUND, checkFailed: true };
    } catch {
      found = { ...NOTHING_FOUND, checkFailed: true };
    }
    this.tell(found);
  }

  /** One check; undefined if another tab kept storing a row between our read and our write. */
  private async reconcileWith(vault: ProtectedSettingsVault): Promise<CheckFindings | undefined> {
    // Twice at most: a second pass only when another tab stored a row between our read and our write.
    for (let pass = 0; pass < 2; pass++) {
      const plan = reconcile(this.protectedCopy(), await vault.read());
      if (plan.save?.how === 'adopt' && !(await vault.adopt(plan.save.values))) continue;
      if (plan.save?.how === 'replace') await vault.replace(plan.save.values);
      // Set back even if the diary locked meanwhile: the vault's values are the person's own.
      const refused = this.rewriteCopy(plan.rewrite);
      const notRestored = plan.restored.filter((key) => refused.includes(key));
      // A copy that cannot take the saved value at least loses the changed one: the default is Daybook's own.
      for (const key of notRestored) {
        this.store(key, null);
        this.announce(key);
      }
      return {
        restored: plan.restored.filter((key) => !refused.includes(key)),
        notRestored,
        adopted: plan.adopted,
        unchecked: plan.unchecked,
        checkFailed: false,
        savedQuickExitUrl: effectiveValue('quickExitUrl', plan.kept.quickExitUrl),
      };
    }
    return undefined;
  }

  /** Adds what a check found to the notice not yet dismissed, and tells the screen if it changed. */
  private tell(found: CheckFindings): void {
    const before = this.notice;
    // What was set back earlier stays told; what is still not set back, and whether the check
    // failed, is what this check found (it looked again), unless it could not look.
    const restored = PROTECTED_KEYS.filter(
      (key) => (before?.restored.includes(key) || found.restored.includes(key)) && !found.notRestored.includes(key),
    );
    const adopted = PROTECTED_KEYS.filter((key) => before?.adopted.includes(key) || found.adopted.includes(key));
    const unchecked = found.unchecked || (before?.unchecked ?? false);
    const next: ProtectedSettingsNotice = {
      restored,
      notRestored: found.checkFailed ? (before?.notRestored ?? []) : found.notRestored,
      adopted,
      unchecked,
      checkFailed: found.checkFailed,
      savedQuickExitUrl: found.savedQuickExitUrl ?? before?.savedQuickExitUrl ?? null,
      quickExitUrl: this.quickExitUrl(),
    };
    const empty = next.restored.length + next.notRestored.length + next.adopted.length === 0 && !next.unchecked && !next.checkFailed;
    if (!before && empty) return;
    this.notice = empty ? null : next;
    for (const listener of [...this.noticeListeners]) listener();
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
      const copyBefore = this.protectedCopy();
      let keptBefore: ProtectedValues | null = null;
      try {
        await vault.update((kept) => {
          keptBefore = kept;
          return { ...(kept ?? canonicalValues(copyBefore)), ...changes };
        });
      } catch {
        return 'failed';
      }
      // The copy follows even if the diary locked meanwhile, so the next check finds the two alike.
      if (this.rewriteCopy(changes).length === 0) return 'saved';
      // The browser would not keep the copy: both go back as they were, so Settings can say
      // nothing changed (and quick exit does not go one way while the diary says another).
      const previous: ProtectedChanges = {};
      for (const [key] of entries(changes)) previous[key] = copyBefore[key];
      this.rewriteCopy(previous);
      const restore = keptBefore ?? canonicalValues(copyBefore);
      await vault.update((kept) => ({ ...(kept ?? restore), ...pick(restore, changes) })).catch(() => undefined);
      return 'failed';
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

  /** Writes the copy past the gate: only with values the vault holds (or has just stored). The keys the browser refused. */
  private rewriteCopy(changes: ProtectedChanges): ProtectedKey[] {
    const keys = entries(changes);
    const refused = keys.filter(([key, value]) => !this.store(key, value)).map(([key]) => key);
    for (const [key] of keys) this.announce(key);
    return refused;
  }

  /**
   * Writes one key of the copy; whether it now holds `value` (read back: a full storage refuses,
   * and some browsers do so without throwing). When refused, makes room once and tries again.
   */
  private store(key: PreferenceKey, value: string | null): boolean {
    let store: Storage | null;
    try {
      store = this.storage();
    } catch {
      return false;
    }
    if (!store) return false;
    if (storeIn(store, key, value)) return true;
    makeRoom(store, key);
    return storeIn(store, key, value);
  }

  private announce(key: PreferenceKey): void {
    for (const listener of [...this.listeners]) listener(key);
  }
}

/** What one check at unlock found (see ProtectedSettingsNotice). */
type CheckFindings = Omit<ProtectedSettingsNotice, 'quickExitUrl'>;

const NOTHING_FOUND: CheckFindings = {
  restored: [],
  notRestored: [],
  adopted: [],
  unchecked: false,
  checkFailed: false,
  savedQuickExitUrl: null,
};

/** No value Daybook stores is anywhere near this long (a language code, an address, minutes). */
const MAX_OWN_VALUE_LENGTH = 4096;

function storeIn(store: Storage, key: PreferenceKey, value: string | null): boolean {
  try {
    if (value === null) store.removeItem(PREFIX + key);
    else store.setItem(PREFIX + key, value);
  } catch {
    // Told by the read below.
  }
  try {
    return store.getItem(PREFIX + key) === value;
  } catch {
    return false;
  }
}

/**
 * Frees this origin's localStorage for Daybook's own keys: anything else in it (nothing Daybook
 * wrote; someone could have filled it so a setting cannot be set back), the key about to be
 * rewritten, and any of Daybook's keys holding more than Daybook ever writes.
 */
function makeRoom(store: Storage, writing: PreferenceKey): void {
  try {
    const own = new Set(PREFERENCE_KEYS.filter((key) => key !== writing).map((key) => PREFIX + key));
    const names: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const name = store.key(i);
      if (name !== null) names.push(name);
    }
    for (const name of names) {
      if (!own.has(name) || (store.getItem(name)?.length ?? 0) > MAX_OWN_VALUE_LENGTH) store.removeItem(name);
    }
  } catch {
    // Nothing more to free: the write is tried once more all the same.
  }
}

function pick(values: ProtectedValues, changes: ProtectedChanges): ProtectedChanges {
  const picked: ProtectedChanges = {};
  for (const [key] of entries(changes)) picked[key] = values[key];
  return picked;
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
