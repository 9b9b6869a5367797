// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUICK_EXIT_URL, parseQuickExitUrl, quickExitUrl, setQuickExitUrl } from '../../../src/core/prefs/preferences';

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
