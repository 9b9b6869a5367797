import { describe, expect, it } from 'vitest';
import {
  FUTURE_LIMIT_DAYS,
  fingerprintPromptDue,
  lastShareForPrompt,
  promptSnoozedUntil,
  sharedSoFar,
} from '../../../src/features/diary/fingerprint/fingerprintPrompt';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-03-10T12:00:00.000Z');
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

describe('the monthly fingerprint invitation', () => {
  it('is due with records and no share, and not within 30 days of a share or while "Not now" waits', () => {
    const none = sharedSoFar([]);
    expect(fingerprintPromptDue(0, none, null, NOW)).toBe(false);
    expect(fingerprintPromptDue(3, none, null, NOW)).toBe(true);
    expect(fingerprintPromptDue(3, sharedSoFar([{ size: 2, sharedAt: daysFromNow(-10) }]), null, NOW)).toBe(false);
    expect(fingerprintPromptDue(3, sharedSoFar([{ size: 2, sharedAt: daysFromNow(-30) }]), null, NOW)).toBe(true);
    expect(fingerprintPromptDue(3, sharedSoFar([{ size: 3, sharedAt: daysFromNow(-90) }]), null, NOW)).toBe(false);
    expect(fingerprintPromptDue(3, none, promptSnoozedUntil(NOW).toISOString(), NOW)).toBe(false);
    expect(fingerprintPromptDue(3, none, daysFromNow(-1), NOW)).toBe(true);
  });

  it('a share made with the clock set far ahead (2099), then put back, does not keep it away for good', () => {
    const shared = sharedSoFar([{ size: 2, sharedAt: '2099-01-01T00:00:00.000Z' }]);
    expect(shared.lastSharedAt).toBe('2099-01-01T00:00:00.000Z');
    expect(lastShareForPrompt(shared, NOW)).toBeNull();
    expect(fingerprintPromptDue(3, shared, null, NOW)).toBe(true);
  });

  it('goes by the latest share that is not far ahead: a real share last week still counts', () => {
    const shared = sharedSoFar([
      { size: 1, sharedAt: daysFromNow(-7) },
      { size: 2, sharedAt: '2099-01-01T00:00:00.000Z' },
    ]);
    expect(lastShareForPrompt(shared, NOW)).toBe(daysFromNow(-7));
    expect(fingerprintPromptDue(3, shared, null, NOW)).toBe(false);
    // A month on, the invitation comes back.
    expect(fingerprintPromptDue(3, shared, null, new Date(NOW.getTime() + 30 * DAY))).toBe(true);
  });

  it('a share up to 31 days ahead is still trusted; one later than that is not', () => {
    const near = sharedSoFar([{ size: 2, sharedAt: daysFromNow(FUTURE_LIMIT_DAYS) }]);
    expect(lastShareForPrompt(near, NOW)).toBe(daysFromNow(FUTURE_LIMIT_DAYS));
    expect(fingerprintPromptDue(3, near, null, NOW)).toBe(false);
    const far = sharedSoFar([{ size: 2, sharedAt: new Date(NOW.getTime() + FUTURE_LIMIT_DAYS * DAY + 1).toISOString() }]);
    expect(lastShareForPrompt(far, NOW)).toBeNull();
    expect(fingerprintPromptDue(3, far, null, NOW)).toBe(true);
  });

  it('"Not now" said with the clock set far ahead does not keep it away for good', () => {
    const none = sharedSoFar([]);
    const snoozedIn2099 = promptSnoozedUntil(new Date('2099-01-01T00:00:00.000Z')).toISOString();
    expect(fingerprintPromptDue(3, none, snoozedIn2099, NOW)).toBe(true);
    expect(fingerprintPromptDue(3, none, daysFromNow(FUTURE_LIMIT_DAYS), NOW)).toBe(false);
    expect(fingerprintPromptDue(3, none, new Date(NOW.getTime() + FUTURE_LIMIT_DAYS * DAY + 1).toISOString(), NOW)).toBe(true);
  });

  it('a time that does not read as one neither keeps it away', () => {
    const shared = sharedSoFar([{ size: 2, sharedAt: 'not a time' }]);
    expect(fingerprintPromptDue(3, shared, 'not a time either', NOW)).toBe(true);
  });
});
