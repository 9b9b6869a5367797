import { useEffect, useState } from 'react';
import { updateAsked } from '../../shared/worker/updateAsked';
import { isShareReport, SHARE_QUERY, type ShareReport } from '../../sw/shareMessages';

/**
 * The outcome of a share that opened this window, asked of the service worker once at start:
 * a share is answered with a redirect to "/", which names nothing, and the worker keeps the
 * outcome in memory for this window to ask.
 */
export function useShareReport(): [ShareReport | null, () => void] {
  const [shared, setShared] = useState<ShareReport | null>(null);
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    const onMessage = (event: MessageEvent) => {
      if (isShareReport(event.data)) setShared(event.data);
    };
    container.addEventListener('message', onMessage);
    container.startMessages();
    if (!updateAsked()) container.controller?.postMessage({ type: SHARE_QUERY });
    return () => container.removeEventListener('message', onMessage);
  }, []);
  return [shared, () => setShared(null)];
}
