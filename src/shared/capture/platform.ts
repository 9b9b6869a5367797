export type Platform = 'ios' | 'android' | 'computer';

/**
 * The person's platform, for the screenshot guide only: whether the app could receive a share
 * cannot be detected (Safari has no share target, and no browser says whether the app is
 * installed), so the guide shows the steps that work everywhere and mentions sharing on Android.
 * iPadOS reports itself as a Mac: a Mac with a touch screen is an iPad.
 */
export function detectPlatform(userAgent: string, maxTouchPoints: number): Platform {
  if (/iPhone|iPad|iPod/i.test(userAgent)) return 'ios';
  if (/Macintosh/i.test(userAgent) && maxTouchPoints > 1) return 'ios';
  if (/Android/i.test(userAgent)) return 'android';
  return 'computer';
}

export const PLATFORMS: readonly Platform[] = ['ios', 'android', 'computer'];
