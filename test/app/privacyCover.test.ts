// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COVERED_CLASS, installPrivacyCover } from '../../src/app/privacyCover';

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });

function becomes(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

const covered = () => document.documentElement.classList.contains(COVERED_CLASS);

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  visibility = 'visible';
});

describe('the page is covered while hidden', () => {
  it('covers at once when hidden (in the same task: the app switcher snapshot comes next), and uncovers when visible', () => {
    stops.push(installPrivacyCover(window));
    expect(covered()).toBe(false);
    becomes('hidden');
    expect(covered()).toBe(true);
    becomes('visible');
    expect(covered()).toBe(false);
  });

  it('covers on pagehide and freeze; pageshow and resume uncover only a visible page', () => {
    stops.push(installPrivacyCover(window));
    window.dispatchEvent(new Event('pagehide'));
    expect(covered()).toBe(true);
    window.dispatchEvent(new Event('pageshow'));
    expect(covered()).toBe(false);
    visibility = 'hidden';
    document.dispatchEvent(new Event('freeze'));
    expect(covered()).toBe(true);
    document.dispatchEvent(new Event('resume'));
    expect(covered()).toBe(true);
    becomes('visible');
    expect(covered()).toBe(false);
  });

  it('a page opened in the background starts covered', () => {
    visibility = 'hidden';
    stops.push(installPrivacyCover(window));
    expect(covered()).toBe(true);
  });

  it('the stylesheet puts an opaque layer over the page and hides everything under it', () => {
    const css = readFileSync(join(process.cwd(), 'src/styles.css'), 'utf8');
    const layer = /\.privacy-covered body::after \{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(layer).toMatch(/position: fixed;/);
    expect(layer).toMatch(/inset: 0;/);
    expect(layer).toMatch(/background: var\(--paper\);/);
    expect(css).toMatch(/\.privacy-covered body > :not\(\.quick-exit-cover\) \{\s*visibility: hidden !important;/);
  });
});
