import { devicePreferences } from '../../core/prefs/preferences';

/**
 * Quick exit: cover the page at once, tell every other open tab of the app to leave too, let
 * listeners drop secrets (the vault locks), then replace the current history entry with a
 * neutral site. A flag in sessionStorage makes the app leave again if the user (or someone
 * else) comes back to it with Back.
 */
const EXITED_FLAG = 'daybook.exited';
const COVER_CLASS = 'quick-exit-active';
/** Every tab of the app listens here; one quick exit makes them all leave. */
export const QUICK_EXIT_CHANNEL = 'daybook-quick-exit';
const EXIT_MESSAGE = 'leave';

let channel: BroadcastChannel | null = null;

type ExitListener = () => void;
const listeners = new Set<ExitListener>();

/** Register work that must happen before leaving (for example locking the vault). */
export function onQuickExit(listener: ExitListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function coverPage(): void {
  const root = document.documentElement;
  root.classList.add(COVER_CLASS);
  document.title = '';
  if (!document.getElementById('quick-exit-cover')) {
    const cover = document.createElement('div');
    cover.id = 'quick-exit-cover';
    cover.className = 'quick-exit-cover';
    document.body.appendChild(cover);
  }
}

function leave(): void {
  window.location.replace(devicePreferences.quickExitUrl());
}

/** Quick exit in this tab and in every other open tab of the app. */
export function quickExit(): void {
  coverPage();
  try {
    channel?.postMessage({ type: EXIT_MESSAGE });
  } catch {
    // A closed channel must not stop this tab from leaving.
  }
  leaveThisTab();
}

function leaveThisTab(): void {
  coverPage();
  try {
    sessionStorage.setItem(EXITED_FLAG, '1');
  } catch {
    // Still leave, even if the flag cannot be kept.
  }
  for (const listener of listeners) {
    try {
      listener();
    } catch {
      // Leaving matters more than any listener.
    }
  }
  leave();
}

function arrivedByHistory(): boolean {
  const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return entry?.type === 'back_forward';
}

/**
 * Listens for a quick exit in another tab of the app (same origin, same browser profile) and
 * leaves with it. Started once, at start-up; returns a function that stops listening (tests).
 */
export function leaveWhenAnotherTabExits(): () => void {
  if (channel || typeof BroadcastChannel !== 'function') return () => undefined;
  const listening = new BroadcastChannel(QUICK_EXIT_CHANNEL);
  listening.addEventListener('message', (event: MessageEvent<unknown>) => {
    if ((event.data as { type?: unknown } | null)?.type === EXIT_MESSAGE) leaveThisTab();
  });
  channel = listening;
  return () => {
    listening.close();
    if (channel === listening) channel = null;
  };
}

/**
 * Runs first at start-up. Returns true when the app must not render because the user left
 * with quick exit and this page was reached again through Back or Forward. Opening the app
 * afresh (typing the address, a reload, the home-screen icon) clears the flag.
 */
export function leaveAgainIfReturnedAfterExit(): boolean {
  // A page restored from the back/forward cache still shows its cover; send it away again.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && document.documentElement.classList.contains(COVER_CLASS)) leave();
  });
  let exited = false;
  try {
    exited = sessionStorage.getItem(EXITED_FLAG) === '1';
    if (exited && !arrivedByHistory()) {
      sessionStorage.removeItem(EXITED_FLAG);
      exited = false;
    }
  } catch {
    return false;
  }
  if (exited) {
    coverPage();
    leave();
  } else {
    leaveWhenAnotherTabExits();
  }
  return exited;
}
