// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUICK_EXIT_URL, parseQuickExitUrl, PREFERENCE_KEYS, Preferences } from '../../../src/core/prefs/preferences';

const preferences = new Preferences(() => localStorage);
const quickExitUrl = () => preferences.quickExitUrl();
const setQuickExitUrl = (input: string | null) => preferences.setQuickExitUrl(input);

beforeEach(() => localStorage.clear());

describe('quick exit destination', () => {
  it('defaults to BBC Weather', () => {
    expect(quickExitUrl()).toBe(DEFAULT_QUICK_EXIT_URL);
  });

  it('accepts only absolute http(s) addresses', () => {
    expect(parseQuickExitUrl('https://example.org/x')?.href).toBe('https://example.org/x');
    expect(parseQuickExitUrl(' http://localhost:5000/ ')?.href).toBe('http://localhost:5000/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'example.org', '/weather', '', 'file:///etc/passwd']) {
      expect(parseQuickExitUrl(bad), bad).toBeNull();
    }
  });

  it('saves a valid address, refuses an invalid one, and resets to the default', () => {
    expect(setQuickExitUrl('https://example.org/')).toBe(true);
    expect(quickExitUrl()).toBe('https://example.org/');
    expect(setQuickExitUrl('javascript:void 0')).toBe(false);
    expect(quickExitUrl()).toBe('https://example.org/');
    expect(setQuickExitUrl(null)).toBe(true);
    expect(quickExitUrl()).toBe(DEFAULT_QUICK_EXIT_URL);
  });

  it('ignores a tampered stored value', () => {
    localStorage.setItem('daybook.quickExitUrl', 'javascript:alert(1)');
    expect(quickExitUrl()).toBe(DEFAULT_QUICK_EXIT_URL);
  });
});

describe('auto-lock settings and change announcements', () => {
  it('reads the choices offered, falls back to the defaults for anything else, and announces each write', () => {
    const heard: string[] = [];
    const stop = preferences.subscribe((key) => heard.push(key));
    expect(preferences.autoLockSettings()).toEqual({ inactivityMinutes: 5, hiddenMinutes: 1 });
    preferences.setAutoLockSettings({ inactivityMinutes: 15, hiddenMinutes: 0 });
    expect(preferences.autoLockSettings()).toEqual({ inactivityMinutes: 15, hiddenMinutes: 0 });
    expect(heard).toEqual(['autoLockMinutes', 'hiddenLockMinutes']);
    localStorage.setItem('daybook.autoLockMinutes', '7');
    expect(preferences.autoLockSettings().inactivityMinutes).toBe(5);
    stop();
    preferences.write('language', 'cy');
    expect(heard).toHaveLength(2);
  });

  it('works over any Storage, so a test can hand a screen its own', () => {
    const values = new Map<string, string>();
    const memory = {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      removeItem: (key: string) => void values.delete(key),
    } as Storage;
    const own = new Preferences(() => memory);
    own.setQuickExitUrl('https://example.org/');
    expect(values.get('daybook.quickExitUrl')).toBe('https://example.org/');
    expect(localStorage.getItem('daybook.quickExitUrl')).toBeNull();
  });
});

describe('only while unlocked', () => {
  it('refuses every write while the gate is closed, announces nothing, and keeps what was stored', () => {
    const gated = new Preferences(() => localStorage);
    let unlocked = true;
    gated.onlyWriteWhen(() => unlocked);
    expect(gated.setQuickExitUrl('https://example.org/')).toBe(true);
    gated.setAutoLockSettings({ inactivityMinutes: 15, hiddenMinutes: 0 });
    expect(gated.write('language', 'cy')).toBe(true);

    unlocked = false;
    const heard: string[] = [];
    gated.subscribe((key) => heard.push(key));
    expect(gated.canWrite()).toBe(false);
    expect(gated.setQuickExitUrl('https://attacker.example/')).toBe(false);
    expect(gated.setQuickExitUrl(null)).toBe(false);
    expect(gated.setAutoLockSettings({ inactivityMinutes: 30, hiddenMinutes: 15 })).toBe(false);
    expect(gated.write('language', 'en-GB')).toBe(false);
    expect(heard).toEqual([]);

    // The locked state still reads the stored copy: quick exit and help need it.
    expect(gated.quickExitUrl()).toBe('https://example.org/');
    expect(gated.autoLockSettings()).toEqual({ inactivityMinutes: 15, hiddenMinutes: 0 });
    expect(gated.read('language')).toBe('cy');

    unlocked = true;
    expect(gated.setQuickExitUrl(null)).toBe(true);
    expect(gated.quickExitUrl()).toBe(DEFAULT_QUICK_EXIT_URL);
  });

  it('a gate that throws counts as closed', () => {
    const gated = new Preferences(() => localStorage);
    gated.onlyWriteWhen(() => {
      throw new Error('no vault');
    });
    expect(gated.setQuickExitUrl('https://example.org/')).toBe(false);
    expect(localStorage.length).toBe(0);
  });
});

describe('nothing that reveals help-seeking is stored', () => {
  it('keeps the helpline nation in memory only, and works while locked', () => {
    const own = new Preferences(() => localStorage);
    own.onlyWriteWhen(() => false);
    expect(own.helplineNation()).toBe('england');
    own.setHelplineNation('scotland');
    expect(own.helplineNation()).toBe('scotland');
    expect(localStorage.length).toBe(0);
    // A new page (a new Preferences) starts from the default again.
    expect(new Preferences(() => localStorage).helplineNation()).toBe('england');
  });

  it('removes the nation an earlier version stored, and nothing else', () => {
    localStorage.setItem('daybook.nation', 'wales');
    localStorage.setItem('daybook.language', 'cy');
    new Preferences(() => localStorage).forgetRetired();
    expect(localStorage.getItem('daybook.nation')).toBeNull();
    expect(localStorage.getItem('daybook.language')).toBe('cy');
  });

  it('every key it can store names neither a nation, a screen nor help', () => {
    expect([...PREFERENCE_KEYS].sort()).toEqual(['autoLockMinutes', 'hiddenLockMinutes', 'language', 'quickExitUrl']);
    const own = new Preferences(() => localStorage);
    own.setQuickExitUrl('https://example.org/');
    own.setAutoLockSettings({ inactivityMinutes: 10, hiddenMinutes: 5 });
    own.write('language', 'cy');
    own.setHelplineNation('northern-ireland');
    const stored = Object.keys(localStorage).map((key) => `${key}=${localStorage.getItem(key)}`);
    expect(stored.join(' ')).not.toMatch(/nation|england|wales|scotland|ireland|help|checklist|settings|tech-safety/i);
  });
});
