import { useRegisterSW } from 'virtual:pwa-register/react';
import { hasUnsavedInput, useHasUnsavedInput } from '../shared/hooks/unsavedInput';
import { UpdatePrompt } from './UpdatePrompt';

/** Registers the service worker (prompt style) and offers updates without forcing them. */
export function ServiceWorkerUpdates() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  const unsavedInput = useHasUnsavedInput();

  const update = () => {
    // Checked again at the moment of the click: a form may have become dirty since render.
    if (hasUnsavedInput()) return;
    void updateServiceWorker(true);
  };

  return <UpdatePrompt needRefresh={needRefresh} unsavedInput={unsavedInput} onUpdate={update} onLater={() => setNeedRefresh(false)} />;
}
