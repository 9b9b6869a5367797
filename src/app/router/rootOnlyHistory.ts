import { createPath, NavigationType, parsePath, type Location, type RouterInit, type To } from 'react-router';

/** A history as react-router defines one (see AppRouter.tsx for how the app follows it). */
export type RootOnlyHistory = RouterInit['history'];
type Listener = Parameters<RootOnlyHistory['listen']>[0];

/** The only address the browser's history and address bar show while Daybook is used. */
export const ROOT_ADDRESS = '/';

/**
 * What each browser history entry holds: which page load made it (`daybook`), the number its
 * screen is kept under in memory (`entry`), and its place in the history (`position`, for the
 * distance Back or Forward moved). Never a path, a screen or anything the person did: the
 * browser may keep this on disk.
 */
interface EntryState {
  daybook: string;
  entry: number;
  position: number | null;
}

const randomKey = () => Math.random().toString(36).slice(2, 10);

/**
 * A react-router history whose screens live in memory while the browser's history holds only
 * the root address. Every in-app navigation still adds one browser history entry (pushState
 * of "/"), so Back and Forward move between screens as before; a popstate finds the entry's
 * screen by the number in its state. The address the page was opened at (a deep link such as
 * /help, or a link opened in a new tab) is honoured once, then the address bar reads "/".
 *
 * After a reload, the entries made by the earlier page load cannot be mapped back to screens
 * (the map was in memory): going back to one keeps the screen that is showing. A reload itself
 * opens the root screen. Nothing about the screens outlives the page.
 *
 * Its listener hears Back and Forward only; push and replace are followed by their caller
 * (AppRouter.tsx), as react-router's own histories do for its data router.
 */
export function createRootOnlyHistory(win: Window = window): RootOnlyHistory {
  const pageLoad = randomKey() + randomKey();
  const entries = new Map<number, { location: Location; position: number | null }>();
  let next = 0;
  let entry = 0;
  let position: number | null = 0;
  let action = NavigationType.Pop;
  let listener: Listener | null = null;

  const toLocation = (to: To, state?: unknown, key = randomKey()): Location =>
    typeof to !== 'string' && 'key' in to
      ? (to as Location)
      : { pathname: '/', search: '', hash: '', ...(typeof to === 'string' ? parsePath(to) : to), state: state ?? null, key };

  const record = (location: Location, push: boolean, at = next++): number => {
    entries.set(at, { location, position });
    const state: EntryState = { daybook: pageLoad, entry: at, position };
    win.history[push ? 'pushState' : 'replaceState'](state, '', ROOT_ADDRESS);
    return at;
  };

  const { pathname, search, hash } = win.location;
  record(toLocation({ pathname, search, hash }, null, 'default'), false);

  const current = (): Location => entries.get(entry)?.location ?? toLocation(ROOT_ADDRESS, null, 'default');

  const onPopState = () => {
    action = NavigationType.Pop;
    const state = win.history.state as Partial<EntryState> | null;
    const known = state?.daybook === pageLoad && typeof state.entry === 'number' ? entries.get(state.entry) : undefined;
    let delta: number | null = null;
    if (known && state?.entry !== undefined) {
      if (known.position !== null && position !== null) delta = known.position - position;
      entry = state.entry;
      position = known.position;
    } else {
      // An entry this page load did not make (from before a reload, or a "#" link the
      // document-level handler did not see): keep the screen, and put the address back.
      position = null;
      entry = record({ ...current(), key: randomKey() }, false);
    }
    listener?.({ action, location: current(), delta });
  };

  const createHref = (to: To): string => (typeof to === 'string' ? to : createPath(to));
  const createURL = (to: To): URL => new URL(createHref(to), win.location.origin);

  return {
    get action() {
      return action;
    },
    get location() {
      return current();
    },
    // Links show only the root address: opened in a new tab (long-press, middle click, "Copy
    // link"), a screen's path would reach the browser's history. Such a tab opens the root screen.
    createHref: () => ROOT_ADDRESS,
    createURL,
    encodeLocation(to: To) {
      const { pathname, search, hash } = createURL(to);
      return { pathname, search, hash };
    },
    push(to: To, state?: unknown) {
      action = NavigationType.Push;
      if (position !== null) {
        position += 1;
        // The browser drops every entry after this one; so does the map.
        for (const [at, kept] of entries) if (kept.position !== null && kept.position >= position) entries.delete(at);
      }
      entry = record(toLocation(to, state), true);
    },
    replace(to: To, state?: unknown) {
      action = NavigationType.Replace;
      record(toLocation(to, state), false, entry);
    },
    go(delta: number) {
      win.history.go(delta);
    },
    listen(fn: Listener) {
      listener = fn;
      win.addEventListener('popstate', onPopState);
      return () => {
        win.removeEventListener('popstate', onPopState);
        listener = null;
      };
    },
  };
}
