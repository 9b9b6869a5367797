import { startTransition, useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { Router, type Location, type NavigationType, type Navigator, type To } from 'react-router';
import type { RootOnlyHistory } from './rootOnlyHistory';

const neverAtOnce = () => false;

/**
 * The app's router: react-router's declarative <Router> over the root-only history (see
 * rootOnlyHistory.ts), so the address bar and the browser's history only ever show "/". The
 * declarative router, not the data router: the app uses no loaders or actions, and the data
 * router would add about 15 KB gzip to the first screen.
 *
 * Navigations render in a transition, as the data router's do: while a screen's code loads,
 * the screen being left stays in place rather than a loading line flashing in. A screen that
 * `rendersAtOnce` says needs nothing more (its code and words are here) renders in the tap's
 * own task instead: a transition renders in 5 ms slices between other work, and in a probe at
 * CPU 4x an opened incident painted after a median of about 290 ms that way, about 225 ms in
 * the tap's own task. That task is then one long task (100 to 180 ms at 4x in probes), kept to
 * a screen that shows one incident.
 */
export function AppRouter({
  history,
  rendersAtOnce = neverAtOnce,
  children,
}: {
  history: RootOnlyHistory;
  rendersAtOnce?: (pathname: string) => boolean;
  children: ReactNode;
}) {
  const [state, setState] = useState<{ action: NavigationType; location: Location }>(() => ({
    action: history.action,
    location: history.location,
  }));

  const show = useCallback(
    (next: { action: NavigationType; location: Location }) => {
      if (rendersAtOnce(next.location.pathname)) setState(next);
      else startTransition(() => setState(next));
    },
    [rendersAtOnce],
  );

  // Back and Forward (popstate): the history tells its listener.
  useLayoutEffect(() => history.listen(({ action, location }) => show({ action, location })), [history, show]);

  // Links and navigate(): the history records the entry, then the router follows it here.
  const navigator = useMemo<Navigator>(() => {
    const follow = () => show({ action: history.action, location: history.location });
    return {
      createHref: (to: To) => history.createHref(to),
      encodeLocation: (to: To) => history.encodeLocation(to),
      go: (delta: number) => history.go(delta),
      push: (to: To, state?: unknown) => {
        history.push(to, state);
        follow();
      },
      replace: (to: To, state?: unknown) => {
        history.replace(to, state);
        follow();
      },
    };
  }, [history, show]);

  return (
    <Router location={state.location} navigationType={state.action} navigator={navigator}>
      {children}
    </Router>
  );
}
