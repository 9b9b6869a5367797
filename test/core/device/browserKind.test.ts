import { describe, expect, it } from 'vitest';
import { browserKind, isAppleMobileWebKit, isStandalone, type NavigatorReading } from '../../../src/core/device/browserKind';

// What these browsers report in navigator.userAgent, navigator.platform and navigator.maxTouchPoints.
const IPHONE_SAFARI: NavigatorReading = {
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  platform: 'iPhone',
  maxTouchPoints: 5,
  standalone: false,
};
/** iPadOS asks for desktop sites by default: it then looks like a Mac, bar the touch screen. */
const IPAD_DESKTOP_MODE: NavigatorReading = {
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  platform: 'MacIntel',
  maxTouchPoints: 5,
  standalone: false,
};
const IPAD_MOBILE_MODE: NavigatorReading = {
  userAgent:
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  platform: 'iPad',
  maxTouchPoints: 5,
  standalone: false,
};
const CHROME_ON_IPHONE: NavigatorReading = {
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  platform: 'iPhone',
  maxTouchPoints: 5,
  standalone: false,
};
const FIREFOX_ON_IPHONE: NavigatorReading = {
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15',
  platform: 'iPhone',
  maxTouchPoints: 5,
  standalone: false,
};
const DESKTOP_SAFARI: NavigatorReading = {
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  platform: 'MacIntel',
  maxTouchPoints: 0,
  standalone: false,
};
const ANDROID_CHROME: NavigatorReading = {
  userAgent: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  platform: 'Linux armv81',
  maxTouchPoints: 5,
  standalone: false,
};
const WINDOWS_TOUCH_LAPTOP: NavigatorReading = {
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  platform: 'Win32',
  maxTouchPoints: 10,
  standalone: false,
};

const apple = (r: NavigatorReading) => isAppleMobileWebKit(r.userAgent, r.platform, r.maxTouchPoints);

describe('isAppleMobileWebKit', () => {
  it.each([
    ['Safari on iPhone', IPHONE_SAFARI],
    ['Safari on iPad asking for desktop sites (MacIntel with a touch screen)', IPAD_DESKTOP_MODE],
    ['Safari on iPad asking for mobile sites', IPAD_MOBILE_MODE],
    ['Chrome on iPhone (CriOS)', CHROME_ON_IPHONE],
    ['Firefox on iPhone (FxiOS)', FIREFOX_ON_IPHONE],
  ])('%s: yes', (_name, reading) => {
    expect(apple(reading)).toBe(true);
  });

  it.each([
    ['Safari on a Mac (no touch screen)', DESKTOP_SAFARI],
    ['Chrome on Android', ANDROID_CHROME],
    ['Chrome on a Windows laptop with a touch screen', WINDOWS_TOUCH_LAPTOP],
  ])('%s: no', (_name, reading) => {
    expect(apple(reading)).toBe(false);
  });

  it('"MacIntel" needs more than one touch point to count as an iPad', () => {
    expect(isAppleMobileWebKit(DESKTOP_SAFARI.userAgent, 'MacIntel', 1)).toBe(false);
  });

  it('an iPhone is recognised from the platform alone', () => {
    expect(isAppleMobileWebKit('', 'iPhone', 0)).toBe(true);
  });
});

describe('isStandalone', () => {
  it('is the display mode, or Safari’s own navigator.standalone', () => {
    expect(isStandalone(true, undefined)).toBe(true);
    expect(isStandalone(false, true)).toBe(true);
    expect(isStandalone(true, false)).toBe(true);
    expect(isStandalone(false, false)).toBe(false);
    expect(isStandalone(false, undefined)).toBe(false);
    expect(isStandalone(false, 'yes')).toBe(false);
  });
});

describe('browserKind', () => {
  it('a browser tab on iPhone or iPad, whichever browser', () => {
    for (const reading of [IPHONE_SAFARI, IPAD_DESKTOP_MODE, IPAD_MOBILE_MODE, CHROME_ON_IPHONE, FIREFOX_ON_IPHONE]) {
      expect(browserKind(reading)).toBe('apple-tab');
    }
  });

  it('opened from the Home Screen of an iPhone or iPad', () => {
    expect(browserKind({ ...IPHONE_SAFARI, standalone: true })).toBe('apple-home-screen');
    expect(browserKind({ ...IPAD_DESKTOP_MODE, standalone: true })).toBe('apple-home-screen');
  });

  it('anything else, installed or not', () => {
    for (const reading of [DESKTOP_SAFARI, ANDROID_CHROME, WINDOWS_TOUCH_LAPTOP]) {
      expect(browserKind(reading)).toBe('other');
      expect(browserKind({ ...reading, standalone: true })).toBe('other');
    }
  });
});
