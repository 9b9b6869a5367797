import {
  UNSAFE_createRouter as createRouter,
  UNSAFE_hydrationRouteProperties as hydrationRouteProperties,
  UNSAFE_mapRouteProperties as mapRouteProperties,
  type RouteObject,
} from 'react-router';
import { createRootOnlyHistory } from './rootOnlyHistory';

/**
 * The app's router: react-router's data router (what createBrowserRouter builds) over a history
 * that keeps every screen's address in memory, so the address bar and the browser's history
 * only ever show "/" (see rootOnlyHistory.ts). react-router offers no public option for this;
 * these three exports are what createBrowserRouter itself uses, pinned with the package.
 */
export function createAppRouter(routes: RouteObject[], win: Window = window) {
  return createRouter({
    routes,
    history: createRootOnlyHistory(win),
    mapRouteProperties,
    hydrationRouteProperties,
    window: win,
  }).initialize();
}
