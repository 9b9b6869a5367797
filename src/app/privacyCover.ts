/**
 * Covers the app the moment its page is hidden (another app, the app switcher, the phone put
 * down, another tab), so the snapshot a phone keeps for its app switcher shows a plain screen,
 * not the diary. The cover is CSS (styles.css, `.privacy-covered`): an opaque layer over the
 * page, and everything in it hidden, set in the same task as the event. Locking follows later
 * (Settings, "time in the background"); the cover does not wait for it. It comes down as soon
 * as the page is visible again.
 */
export const COVERED_CLASS = 'privacy-covered';

export function installPrivacyCover(win: Window = window): () => void {
  const doc = win.document;
  const follow = (event?: Event) =>
    doc.documentElement.classList.toggle(
      COVERED_CLASS,
      event?.type === 'pagehide' || event?.type === 'freeze' || doc.visibilityState === 'hidden',
    );
  const events: [EventTarget, string][] = [
    [doc, 'visibilitychange'],
    [doc, 'freeze'],
    [doc, 'resume'],
    [win, 'pagehide'],
    [win, 'pageshow'],
  ];
  for (const [target, type] of events) target.addEventListener(type, follow);
  // Opened in a background tab: covered until first shown.
  follow();
  return () => {
    for (const [target, type] of events) target.removeEventListener(type, follow);
    doc.documentElement.classList.remove(COVERED_CLASS);
  };
}
