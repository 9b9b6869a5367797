// Where Daybook is running, as far as the documented storage rules of iPhone and iPad go.
// WebKit documents that Safari (with Intelligent Tracking Prevention, on by default) deletes all
// of a website's script-writable storage (IndexedDB, localStorage, service workers, caches)
// after 7 days of Safari use without the person using that site, and that a web app added to
// the Home Screen has its own storage and its own count of days. Every browser on iPhone and
// iPad is built on WebKit. Pure: the caller reads navigator and matchMedia and passes the
// values in (see src/shared/device/useBrowserKind.ts).

/**
 * - 'apple-tab': a browser tab on iPhone or iPad, where the 7-day rule may apply;
 * - 'apple-home-screen': opened from the Home Screen of an iPhone or iPad;
 * - 'other': anything else (desktop Safari included: what is said about the 7-day rule here is
 *   about iPhone and iPad).
 */
export type BrowserKind = 'apple-tab' | 'apple-home-screen' | 'other';

export interface NavigatorReading {
  userAgent: string;
  /** navigator.platform: "iPhone", "iPad", "MacIntel", "Win32", "Linux armv81"... */
  platform: string;
  /** navigator.maxTouchPoints (0 when the browser does not say). */
  maxTouchPoints: number;
  /** Whether the page runs as an app from the Home Screen: see isStandalone. */
  standalone: boolean;
}

const APPLE_MOBILE = /\b(?:iPhone|iPad|iPod)\b/;

/**
 * An iPhone, iPad or iPod touch, whatever the browser (Safari, Chrome "CriOS", Firefox "FxiOS"
 * and the rest all say "iPhone" or "iPad"). An iPad asking for desktop sites (the default) says
 * "Macintosh" and "MacIntel", but no Mac has a touch screen: more than one touch point gives it away.
 */
export function isAppleMobileWebKit(userAgent: string, platform: string, maxTouchPoints: number): boolean {
  if (APPLE_MOBILE.test(userAgent) || APPLE_MOBILE.test(platform)) return true;
  return platform === 'MacIntel' && maxTouchPoints > 1;
}

/**
 * Running from the Home Screen: `matchMedia('(display-mode: standalone)').matches`, or Safari's
 * own `navigator.standalone` (older iOS answers only the latter).
 */
export function isStandalone(displayModeStandalone: boolean, navigatorStandalone: unknown): boolean {
  return displayModeStandalone || navigatorStandalone === true;
}

export function browserKind(reading: NavigatorReading): BrowserKind {
  if (!isAppleMobileWebKit(reading.userAgent, reading.platform, reading.maxTouchPoints)) return 'other';
  return reading.standalone ? 'apple-home-screen' : 'apple-tab';
}
