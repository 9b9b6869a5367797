// @vitest-environment jsdom
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { Preferences } from '../../../src/core/prefs/preferences';
import { reconcile, type ProtectedSettingsVault, type SavedSettings } from '../../../src/core/prefs/protectedSettings';
import {
  canonicalValue,
  canonicalValues,
  DEFAULT_QUICK_EXIT_URL,
  effectiveValue,
  PROTECTED_KEYS,
  type ProtectedKey,
  type ProtectedValues,
} from '../../../src/core/prefs/settingValues';

const NONE: ProtectedValues = { quickExitUrl: null, autoLockMinutes: null, hiddenLockMinutes: null };
const copyOf = (values: Partial<Record<ProtectedKey, string | null>>): Record<ProtectedKey, string | null> => ({ ...NONE, ...values });
const found = (values: Partial<ProtectedValues>): SavedSettings => ({ kind: 'found', values: { ...NONE, ...values } });
const NO_NOTICE = { restored: [], notRestored: [], adopted: [], unchecked: false, checkFailed: false, savedQuickExitUrl: null };

describe('reconcile: the copy against the vault', () => {
  it.each([
    {
      name: 'the same: nothing to do',
      copy: copyOf({ quickExitUrl: 'https://example.org/' }),
      saved: found({ quickExitUrl: 'https://example.org/' }),
      rewrite: {},
      restored: [],
    },
    {
      name: 'the address changed: set back and told',
      copy: copyOf({ quickExitUrl: 'https://attacker.example/log' }),
      saved: found({ quickExitUrl: 'https://example.org/' }),
      rewrite: { quickExitUrl: 'https://example.org/' },
      restored: ['quickExitUrl'],
    },
    {
      name: 'an address added over the default: removed and told',
      copy: copyOf({ quickExitUrl: 'https://attacker.example/' }),
      saved: found({}),
      rewrite: { quickExitUrl: null },
      restored: ['quickExitUrl'],
    },
    {
      name: 'junk that quick exit ignores anyway: cleaned, not told',
      copy: copyOf({ quickExitUrl: 'javascript:alert(1)' }),
      saved: found({}),
      rewrite: { quickExitUrl: null },
      restored: [],
    },
    {
      name: 'the default written out in full: cleaned, not told',
      copy: copyOf({ quickExitUrl: DEFAULT_QUICK_EXIT_URL }),
      saved: found({}),
      rewrite: { quickExitUrl: null },
      restored: [],
    },
    {
      name: 'a longer lock time: set back and told',
      copy: copyOf({ autoLockMinutes: '30', hiddenLockMinutes: '15' }),
      saved: found({ autoLockMinutes: '1', hiddenLockMinutes: '0' }),
      rewrite: { autoLockMinutes: '1', hiddenLockMinutes: '0' },
      restored: ['autoLockMinutes', 'hiddenLockMinutes'],
    },
  ])('$name', ({ copy, saved, rewrite, restored }) => {
    expect(reconcile(copy, saved)).toEqual({
      rewrite,
      save: null,
      restored,
      adopted: [],
      unchecked: false,
      kept: canonicalValues(saved.kind === 'found' ? saved.values : NONE),
    });
  });

  it('no row: the copy is adopted, cleaned; what differs from the default is reported as adopted, to be looked at', () => {
    const copy = copyOf({ quickExitUrl: ' https://example.org ', autoLockMinutes: '7' });
    const values = { quickExitUrl: 'https://example.org/', autoLockMinutes: null, hiddenLockMinutes: null };
    expect(reconcile(copy, { kind: 'missing' })).toEqual({
      rewrite: { quickExitUrl: 'https://example.org/', autoLockMinutes: null },
      save: { how: 'adopt', values },
      restored: [],
      adopted: ['quickExitUrl'],
      unchecked: false,
      kept: values,
    });
    // An address planted before there was a diary (the review's reproduction): adopted, and told.
    const planted = reconcile({ quickExitUrl: 'https://ev.il/', autoLockMinutes: '30', hiddenLockMinutes: '15' }, { kind: 'missing' });
    expect(planted.adopted).toEqual(['quickExitUrl', 'autoLockMinutes', 'hiddenLockMinutes']);
    expect(planted.save?.how).toBe('adopt');
    // Only defaults (a new diary on a clean device): nothing to tell.
    expect(reconcile(copyOf({ quickExitUrl: DEFAULT_QUICK_EXIT_URL, autoLockMinutes: '5' }), { kind: 'missing' }).adopted).toEqual([]);
  });

  it('an unreadable row: kept as it is, stored again, and told it was not checked', () => {
    const copy = copyOf({ quickExitUrl: 'https://example.org/' });
    const values = { ...NONE, quickExitUrl: 'https://example.org/' };
    expect(reconcile(copy, { kind: 'unreadable' })).toEqual({
      rewrite: {},
      save: { how: 'replace', values },
      restored: [],
      adopted: [],
      unchecked: true,
      kept: values,
    });
  });
});

/** Anything at all a person with DevTools could leave in localStorage, or a value Daybook writes. */
const storedText = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.constantFrom(
    'https://example.org/',
    'http://localhost:5000/',
    DEFAULT_QUICK_EXIT_URL,
    'javascript:alert(1)',
    '1',
    '5',
    '15',
    '30',
    '0',
    '7',
    '',
  ),
  fc.webUrl(),
);
const anyCopy = fc.record({ quickExitUrl: storedText, autoLockMinutes: storedText, hiddenLockMinutes: storedText });

describe('reconcile: properties', () => {
  it('after applying it, the copy is the vault, to the letter; only a change of effect is told', () => {
    fc.assert(
      fc.property(anyCopy, anyCopy, (copy, vaultRaw) => {
        const kept = canonicalValues(vaultRaw);
        const plan = reconcile(copy, { kind: 'found', values: kept });
        const after = { ...copy, ...plan.rewrite };
        expect(after).toEqual(kept);
        for (const key of PROTECTED_KEYS) {
          const changedEffect = effectiveValue(key, copy[key]) !== effectiveValue(key, kept[key]);
          expect(plan.restored.includes(key)).toBe(changedEffect);
        }
        expect(plan.save).toBeNull();
        expect(plan.unchecked).toBe(false);
      }),
    );
  });

  it('a copy that already matches is never rewritten nor told', () => {
    fc.assert(
      fc.property(anyCopy, (raw) => {
        const values = canonicalValues(raw);
        expect(reconcile({ ...values }, { kind: 'found', values })).toEqual({
          rewrite: {},
          save: null,
          restored: [],
          adopted: [],
          unchecked: false,
          kept: values,
        });
      }),
    );
  });

  it('adopting never changes what a setting does, stores only canonical values, and reports exactly what is not the default', () => {
    fc.assert(
      fc.property(anyCopy, (copy) => {
        const plan = reconcile(copy, { kind: 'missing' });
        expect(plan.restored).toEqual([]);
        expect(plan.adopted).toEqual(PROTECTED_KEYS.filter((key) => effectiveValue(key, copy[key]) !== effectiveValue(key, null)));
        expect(plan.save?.how).toBe('adopt');
        const after = { ...copy, ...plan.rewrite };
        for (const key of PROTECTED_KEYS) {
          expect(effectiveValue(key, after[key])).toBe(effectiveValue(key, copy[key]));
          expect(canonicalValue(key, plan.save?.values[key])).toBe(plan.save?.values[key]);
        }
      }),
    );
  });
});

/** The vault's side in memory, as the store behaves (a fresh read every time). */
class MemoryVault implements ProtectedSettingsVault {
  row: SavedSettings = { kind: 'missing' };
  failWrites = false;
  writes = 0;
  async read() {
    return this.row;
  }
  async adopt(values: ProtectedValues) {
    if (this.row.kind !== 'missing') return false;
    this.store(values);
    return true;
  }
  async replace(values: ProtectedValues) {
    this.store(values);
  }
  async update(change: (saved: ProtectedValues | null) => ProtectedValues) {
    const next = canonicalValues(change(this.row.kind === 'found' ? this.row.values : null));
    this.store(next);
    return next;
  }
  private store(values: ProtectedValues) {
    if (this.failWrites) throw new Error('storage refused');
    this.writes += 1;
    this.row = { kind: 'found', values };
  }
}

describe('Preferences with the vault keeping the protected settings', () => {
  let unlocked = true;
  let preferences: Preferences;
  beforeEach(() => {
    localStorage.clear();
    unlocked = true;
    preferences = new Preferences(() => localStorage);
    preferences.onlyWriteWhen(() => unlocked);
  });

  it('saves in the vault first, then the copy; a tampered copy is set back at the next unlock and the notice says so, once', async () => {
    const vault = new MemoryVault();
    await preferences.keepProtectedIn(vault);
    expect(await preferences.saveQuickExitUrl('https://example.org/')).toBe('saved');
    expect(vault.row).toEqual(found({ quickExitUrl: 'https://example.org/' }));
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe('https://example.org/');

    // Locked: nothing changes through Daybook; DevTools changes the copy.
    unlocked = false;
    await preferences.keepProtectedIn(null);
    expect(await preferences.saveQuickExitUrl('https://attacker.example/')).toBe('locked');
    localStorage.setItem('daybook.quickExitUrl', 'https://attacker.example/');
    localStorage.setItem('daybook.autoLockMinutes', '30');
    expect(preferences.quickExitUrl()).toBe('https://attacker.example/');

    const heard: string[] = [];
    preferences.subscribe((key) => heard.push(key));
    let told = 0;
    preferences.subscribeNotice(() => (told += 1));
    unlocked = true;
    await preferences.keepProtectedIn(vault);
    expect(preferences.quickExitUrl()).toBe('https://example.org/');
    expect(localStorage.getItem('daybook.autoLockMinutes')).toBeNull();
    expect(heard.sort()).toEqual(['autoLockMinutes', 'quickExitUrl']);
    expect(preferences.protectedSettingsNotice()).toEqual({
      ...NO_NOTICE,
      restored: ['quickExitUrl', 'autoLockMinutes'],
      savedQuickExitUrl: 'https://example.org/',
      quickExitUrl: 'https://example.org/',
    });
    expect(told).toBe(1);
    preferences.dismissProtectedSettingsNotice();
    expect(preferences.protectedSettingsNotice()).toBeNull();

    // The next unlock, nothing touched: nothing to tell.
    await preferences.keepProtectedIn(null);
    await preferences.keepProtectedIn(vault);
    expect(preferences.protectedSettingsNotice()).toBeNull();
  });

  it('no row yet (a vault from before, or a copy planted before set-up): adopted at the first unlock, and the person asked to look', async () => {
    localStorage.setItem('daybook.quickExitUrl', 'https://example.org/');
    localStorage.setItem('daybook.hiddenLockMinutes', '0');
    const vault = new MemoryVault();
    await preferences.keepProtectedIn(vault);
    expect(vault.row).toEqual(found({ quickExitUrl: 'https://example.org/', hiddenLockMinutes: '0' }));
    expect(preferences.protectedSettingsNotice()).toEqual({
      ...NO_NOTICE,
      adopted: ['quickExitUrl', 'hiddenLockMinutes'],
      savedQuickExitUrl: 'https://example.org/',
      quickExitUrl: 'https://example.org/',
    });
    expect(preferences.quickExitUrl()).toBe('https://example.org/');
  });

  it('no row and only defaults on this device: adopted without a notice', async () => {
    const vault = new MemoryVault();
    await preferences.keepProtectedIn(vault);
    expect(vault.row).toEqual(found({}));
    expect(preferences.protectedSettingsNotice()).toBeNull();
  });

  it('a save the vault refuses changes nothing, and says so', async () => {
    const vault = new MemoryVault();
    await preferences.keepProtectedIn(vault);
    vault.failWrites = true;
    const heard: string[] = [];
    preferences.subscribe((key) => heard.push(key));
    expect(await preferences.saveQuickExitUrl('https://example.org/')).toBe('failed');
    expect(await preferences.saveAutoLockSettings({ inactivityMinutes: 30, hiddenMinutes: 15 })).toBe('failed');
    expect(localStorage.length).toBe(0);
    expect(heard).toEqual([]);
    expect(await preferences.saveQuickExitUrl('javascript:alert(1)')).toBe('invalid');
    expect(await preferences.saveAutoLockSettings({ inactivityMinutes: 7, hiddenMinutes: 0 })).toBe('invalid');
  });

  it('while locked the protected settings cannot change, even through the old methods', async () => {
    const vault = new MemoryVault();
    await preferences.keepProtectedIn(vault);
    await preferences.keepProtectedIn(null);
    expect(preferences.setQuickExitUrl('https://attacker.example/')).toBe(false);
    expect(preferences.setAutoLockSettings({ inactivityMinutes: 30, hiddenMinutes: 15 })).toBe(false);
    expect(await preferences.saveAutoLockSettings({ inactivityMinutes: 30, hiddenMinutes: 15 })).toBe('locked');
    expect(localStorage.length).toBe(0);
    expect(vault.writes).toBe(1); // the adoption at unlock, nothing since
  });

  it('the old methods save through the vault too, then the copy follows', async () => {
    const vault = new MemoryVault();
    await preferences.keepProtectedIn(vault);
    expect(preferences.setAutoLockSettings({ inactivityMinutes: 15, hiddenMinutes: 0 })).toBe(true);
    expect(preferences.setQuickExitUrl('https://example.org/')).toBe(true);
    await preferences.keepProtectedIn(vault); // waits for the saves queued before it
    expect(vault.row).toEqual(found({ quickExitUrl: 'https://example.org/', autoLockMinutes: '15', hiddenLockMinutes: '0' }));
    expect(preferences.autoLockSettings()).toEqual({ inactivityMinutes: 15, hiddenMinutes: 0 });
    expect(preferences.protectedSettingsNotice()).toBeNull();
  });

  it('clearing a setting through write() (Erase everything) clears the vault’s value too, so no notice follows', async () => {
    const vault = new MemoryVault();
    await preferences.keepProtectedIn(vault);
    await preferences.saveQuickExitUrl('https://example.org/');
    expect(preferences.write('quickExitUrl', null)).toBe(true);
    await preferences.keepProtectedIn(vault);
    expect(vault.row).toEqual(found({}));
    expect(preferences.protectedSettingsNotice()).toBeNull();
  });

  it('an unreadable row: the copy is kept and stored again, and the notice says it could not be checked', async () => {
    localStorage.setItem('daybook.quickExitUrl', 'https://example.org/');
    const vault = new MemoryVault();
    vault.row = { kind: 'unreadable' };
    await preferences.keepProtectedIn(vault);
    expect(vault.row).toEqual(found({ quickExitUrl: 'https://example.org/' }));
    expect(preferences.protectedSettingsNotice()).toEqual({
      ...NO_NOTICE,
      unchecked: true,
      savedQuickExitUrl: 'https://example.org/',
      quickExitUrl: 'https://example.org/',
    });
  });

  it('a check that fails changes nothing, and the notice says it could not check', async () => {
    localStorage.setItem('daybook.quickExitUrl', 'https://attacker.example/');
    const vault = new MemoryVault();
    vault.read = () => Promise.reject(new Error('locked meanwhile'));
    await preferences.keepProtectedIn(vault);
    expect(localStorage.getItem('daybook.quickExitUrl')).toBe('https://attacker.example/');
    expect(preferences.protectedSettingsNotice()).toEqual({ ...NO_NOTICE, checkFailed: true, quickExitUrl: 'https://attacker.example/' });
  });

  it('an unreadable row whose replacement the vault refuses: not swallowed, told as a check that failed', async () => {
    localStorage.setItem('daybook.quickExitUrl', 'https://attacker.example/');
    const vault = new MemoryVault();
    vault.row = { kind: 'unreadable' };
    vault.failWrites = true;
    await preferences.keepProtectedIn(vault);
    expect(preferences.protectedSettingsNotice()).toEqual({ ...NO_NOTICE, checkFailed: true, quickExitUrl: 'https://attacker.example/' });
    // The next unlock that can check clears what is no longer so.
    vault.failWrites = false;
    await preferences.keepProtectedIn(vault);
    expect(preferences.protectedSettingsNotice()).toMatchObject({ checkFailed: false, unchecked: true });
  });
});

/** A Storage that refuses any write growing the total, as Chromium's localStorage does when full. */
class FullStorage implements Storage {
  map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  clear() {
    this.map.clear();
  }
  setItem(k: string, v: string) {
    const old = this.map.get(k);
    if (old !== undefined && v.length <= old.length) {
      this.map.set(k, v);
      return;
    }
    throw new DOMException('full', 'QuotaExceededError');
  }
}

describe('a full localStorage', () => {
  const MINE = 'https://www.example.org/news';
  const THEIRS = 'http://ev.il/'; // shorter than the person's, so only a growing write is needed to set it back

  it('filled by someone else: their keys make room and the address is set back', async () => {
    const storage = new FullStorage();
    storage.map.set('daybook.quickExitUrl', THEIRS);
    storage.map.set('filler', 'x'.repeat(1000));
    storage.map.set('daybook.language', 'cy');
    const preferences = new Preferences(() => storage);
    const vault = new MemoryVault();
    vault.row = found({ quickExitUrl: MINE });
    const write = storage.setItem.bind(storage);
    // Room for whatever Daybook writes once the filler is gone.
    storage.setItem = (k, v) => (storage.map.has('filler') ? write(k, v) : storage.map.set(k, v) && undefined);
    await preferences.keepProtectedIn(vault);
    expect(preferences.quickExitUrl()).toBe(MINE);
    expect(storage.map.get('daybook.language')).toBe('cy');
    expect(storage.map.has('filler')).toBe(false);
    expect(preferences.protectedSettingsNotice()).toMatchObject({ restored: ['quickExitUrl'], notRestored: [], savedQuickExitUrl: MINE });
  });

  it('that stays full: the notice says the address was not set back, shows the saved one from the vault, and the next unlock sets it back', async () => {
    const storage = new FullStorage();
    storage.map.set('daybook.quickExitUrl', THEIRS);
    const preferences = new Preferences(() => storage);
    const vault = new MemoryVault();
    vault.row = found({ quickExitUrl: MINE });
    await preferences.keepProtectedIn(vault);
    // The changed address is not left in place: quick exit falls back to Daybook's default.
    expect(preferences.quickExitUrl()).toBe(DEFAULT_QUICK_EXIT_URL);
    expect(preferences.protectedSettingsNotice()).toEqual({
      ...NO_NOTICE,
      notRestored: ['quickExitUrl'],
      savedQuickExitUrl: MINE,
      quickExitUrl: DEFAULT_QUICK_EXIT_URL,
    });

    // Space freed: the next unlock sets it back, and the notice says so.
    await preferences.keepProtectedIn(null);
    storage.setItem = (k, v) => void storage.map.set(k, v);
    await preferences.keepProtectedIn(vault);
    expect(preferences.quickExitUrl()).toBe(MINE);
    expect(preferences.protectedSettingsNotice()).toEqual({
      ...NO_NOTICE,
      restored: ['quickExitUrl'],
      savedQuickExitUrl: MINE,
      quickExitUrl: MINE,
    });
  });

  it('a save in Settings the copy cannot take: failed, and the vault is put back as it was', async () => {
    const storage = new FullStorage();
    const preferences = new Preferences(() => storage);
    const vault = new MemoryVault();
    vault.row = found({});
    await preferences.keepProtectedIn(vault);
    expect(await preferences.saveQuickExitUrl(MINE)).toBe('failed');
    expect(vault.row).toEqual(found({}));
    expect(preferences.quickExitUrl()).toBe(DEFAULT_QUICK_EXIT_URL);
  });
});
