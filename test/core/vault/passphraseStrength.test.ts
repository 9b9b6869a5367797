import { describe, expect, it } from 'vitest';
import { assessPassphrase } from '../../../src/core/vault/passphraseStrength';
import { remainingWait, waitAfter } from '../../../src/core/vault/unlockThrottle';

describe('passphrase strength', () => {
  it.each([
    ['', 'empty'],
    ['Tr0ub4dor', 'too-short'],
    ['password123', 'too-guessable'],
    ['iloveyouiloveyou', 'too-guessable'],
    ['qwertyuiopasdf', 'too-guessable'],
  ])('refuses %j (%s)', async (passphrase, problem) => {
    expect((await assessPassphrase(passphrase)).problem).toBe(problem);
  });

  it.each(['lantern orbit pickle meadow', 'my nan kept bees in Rhyl 1987!'])('accepts %j', async (passphrase) => {
    const result = await assessPassphrase(passphrase);
    expect(result.problem).toBeNull();
    expect(result.score).toBeGreaterThanOrEqual(3);
  });
});

describe('unlock throttle', () => {
  it('grows the wait after three failures, up to five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(waitAfter)).toEqual([0, 0, 0, 2000, 4000, 8000, 16000]);
    expect(waitAfter(30)).toBe(5 * 60_000);
    expect(remainingWait({ count: 4, lastAt: 1000 }, 2000)).toBe(3000);
    expect(remainingWait({ count: 4, lastAt: 1000 }, 9000)).toBe(0);
    expect(remainingWait(undefined, 0)).toBe(0);
  });
});
