// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUICK_EXIT_URL, parseQuickExitUrl, Preferences } from '../../../src/core/prefs/preferences';

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
    preferences.write('nation', 'wales');
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
