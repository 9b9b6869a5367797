import { useContext, useMemo } from 'react';
import { browserKind, isStandalone, type BrowserKind } from '../../core/device/browserKind';
import { BrowserKindContext } from './browserKindContext';

/** Reads this browser's navigator and display mode (see core/device/browserKind.ts). */
export function readBrowserKind(): BrowserKind {
  if (typeof navigator === 'undefined') return 'other';
  const displayModeStandalone = typeof window.matchMedia === 'function' && window.matchMedia('(display-mode: standalone)').matches;
  return browserKind({
    userAgent: navigator.userAgent,
    platform: navigator.platform,
    maxTouchPoints: navigator.maxTouchPoints ?? 0,
    standalone: isStandalone(displayModeStandalone, (navigator as { standalone?: unknown }).standalone),
  });
}

/** The browser kind given by a BrowserKindContext provider, or else read from the browser. */
export function useBrowserKind(): BrowserKind {
  const given = useContext(BrowserKindContext);
  return useMemo(() => given ?? readBrowserKind(), [given]);
}
