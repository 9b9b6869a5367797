import { useEffect, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { hasUnsavedInput, useHasUnsavedInput } from '../shared/hooks/unsavedInput';
import { markUpdateAsked, updateAsked } from '../shared/worker/updateAsked';
import { INTEGRITY_QUERY, isIntegrityReport } from '../sw/messages';
import { IntegrityNotice, UpdatePrompt } from './UpdatePrompt';

/**
 * Whether the service worker refused a changed copy of the app's code from its cache: told at
 * once when this page is open, and asked for at start, because this page's own code was fetched
 * before it could listen.
 */
function useRefusedCopy(): [boolean, () => void] {
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    const onMessage = (event: MessageEvent) => {
      if (isIntegrityReport(event.data) && event.data.refused.length > 0) setRefused(true);
    };
    container.addEventListener('message', onMessage);
    container.startMessages();
    if (!updateAsked()) container.controller?.postMessage({ type: INTEGRITY_QUERY });
    return () => container.removeEventListener('message', onMessage);
  }, []);
  return [refused, () => setRefused(false)];
}

const UPDATE_SLOW_AFTER_MS = 10_000;

/**
 * Says when the service worker refused a changed copy of the app's code, from the first render:
 * its report is pushed once and lost if nobody listens. Registering the service worker (and
 * offering updates) waits until `register` is true: after the first screen has painted.
 */
export function ServiceWorkerUpdates({ register }: { register: boolean }) {
  const [refusedCopy, dismissRefusedCopy] = useRefusedCopy();
  // One notice at a time, in the same place: the refused copy first, then any update.
  return (
    <>
      {refusedCopy && <IntegrityNotice onDismiss={dismissRefusedCopy} />}
      {register && <UpdateOffer shown={!refusedCopy} />}
    </>
  );
}

/** Registers the service worker (prompt style) and offers updates without forcing them. */
function UpdateOffer({ shown }: { shown: boolean }) {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    immediate: true,
    // The new version is in control: reload, but never over unsaved input (the update may finish
    // minutes after "Update now", while something is being written).
    onNeedReload: () => setReloadDue(true),
  });
  const [reloadDue, setReloadDue] = useState(false);
  const unsavedInput = useHasUnsavedInput();
  useEffect(() => {
    if (reloadDue && !unsavedInput && !hasUnsavedInput()) window.location.reload();
  }, [reloadDue, unsavedInput]);

  const [updating, setUpdating] = useState<'no' | 'started' | 'slow'>('no');
  useEffect(() => {
    if (updating !== 'started') return;
    // The page reloads when the new version takes control, normally within a second. When it
    // has not, the old version is still busy (Chromium can hold it for minutes): closing every
    // tab ends it for certain.
    const timer = window.setTimeout(() => setUpdating('slow'), UPDATE_SLOW_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [updating]);

  const update = () => {
    // Checked again at the moment of the click: a form may have become dirty since render.
    if (hasUnsavedInput()) return;
    markUpdateAsked();
    setUpdating('started');
    // A failure to ask the new version to take over: say how to finish rather than wait for ever.
    updateServiceWorker(true).catch(() => setUpdating('slow'));
  };

  if (!shown) return null;
  return (
    <UpdatePrompt
      needRefresh={needRefresh}
      unsavedInput={unsavedInput}
      updating={updating}
      onUpdate={update}
      onLater={() => setNeedRefresh(false)}
    />
  );
}
