import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { NavigationType, NavLink, Outlet, useLocation, useNavigationType } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isCapturing, stopCapturing, subscribeCapturing } from '../core/capture/activity';
import { onQuickExit } from './quickExit/quickExit';
import { QuickExitButton } from './quickExit/QuickExitButton';
import { ServiceWorkerUpdates } from './ServiceWorkerUpdates';
import { useAfterFirstScreen } from './useAfterFirstScreen';

// Loaded after the first screen has painted: it only asks the service worker whether a share
// just arrived. If its code cannot be had (offline, no saved copy), every screen still works.
const ShareNotice = lazy(() => import('../features/capture/ShareNotice').catch(() => ({ default: () => null })));
// Loaded only once a recording runs in this tab; then kept, to say how it ended.
const RecordingBar = lazy(() => import('./composed/RecordingBar').catch(() => ({ default: (): null => null })));
import { Loading } from '../shared/ui/Loading';
import { LockButton } from '../features/vault/LockButton';

/**
 * On a move to another screen, moves focus to the new content so screen readers announce it. A
 * screen reached by a link, a save or a replace starts at its top, not at the scroll position of
 * the one left (an incident opened from far down the timeline); Back and Forward leave the page
 * where it is. Done in a layout effect, so the new screen is never painted at the old position,
 * by a component rendered before `<main>`: React runs siblings' layout effects in order, so this
 * runs before any screen's own, and a screen that measures the page as it mounts (the timeline's
 * windowed list) measures it at its top. A screen that moves focus itself, in any effect, wins.
 */
function ScreenChange({ main }: { main: RefObject<HTMLElement | null> }) {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const shownPath = useRef(pathname);
  useLayoutEffect(() => {
    if (shownPath.current === pathname) return; // the first render, or the same screen's address replaced
    shownPath.current = pathname;
    if (navigationType !== NavigationType.Pop && document.scrollingElement) document.scrollingElement.scrollTop = 0;
    main.current?.focus();
  }, [pathname, navigationType, main]);
  return null;
}

/** The frame around every screen: skip link, name, navigation, quick exit, update notice. */
export function Shell() {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const capturing = useSyncExternalStore(subscribeCapturing, isCapturing);
  const [recordingBar, setRecordingBar] = useState(false);
  const firstScreenShown = useAfterFirstScreen();
  if (capturing && !recordingBar) setRecordingBar(true);

  // Quick exit stops a recording, keeping what was recorded.
  useEffect(() => {
    const stopListening = onQuickExit(stopCapturing);
    return () => {
      stopListening();
    };
  }, []);

  return (
    <>
      {/* Focus moves in the page: a "#main" jump would put "/#main" in the address bar. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        {t('shell.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to="/" className="app-name" end>
            {t('appName')}
          </NavLink>
          <div className="header-actions">
            <LockButton />
            <QuickExitButton />
          </div>
        </div>
        <nav className="app-nav" aria-label={t('shell.navigation')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/help" className="nav-help">
                {t('nav.help')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings">{t('nav.settings')}</NavLink>
            </li>
            <li>
              <NavLink to="/about">{t('nav.about')}</NavLink>
            </li>
          </ul>
        </nav>
      </header>
      {recordingBar && (
        <Suspense fallback={null}>
          <RecordingBar />
        </Suspense>
      )}
      <ScreenChange main={main} />
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      {/* Registering the service worker and the share notice's code wait for the first
          screen's paint: on a slow phone they would otherwise take the network and the thread
          first. The service worker keeps a share's outcome a minute. */}
      <ServiceWorkerUpdates register={firstScreenShown} />
      {firstScreenShown && (
        <Suspense fallback={null}>
          <ShareNotice />
        </Suspense>
      )}
    </>
  );
}
