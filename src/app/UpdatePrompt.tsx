import { useTranslation } from 'react-i18next';

interface UpdatePromptProps {
  /** A new version has been downloaded and is waiting. */
  needRefresh: boolean;
  /** Some form on screen holds input that is not saved yet. */
  unsavedInput: boolean;
  /** "Update now" was chosen ('started'), and the new version has not taken over in 10 s ('slow'). */
  updating?: 'no' | 'started' | 'slow';
  onUpdate: () => void;
  onLater: () => void;
}

/** A small, polite notice: the update waits until the user chooses it and nothing is unsaved. */
export function UpdatePrompt({ needRefresh, unsavedInput, updating = 'no', onUpdate, onLater }: UpdatePromptProps) {
  const { t } = useTranslation();
  if (!needRefresh) return null;
  return (
    <section className="update-prompt" role="status" aria-labelledby="update-prompt-title">
      <p id="update-prompt-title" className="update-prompt-title">
        {t('update.available')}
      </p>
      {unsavedInput && <p className="update-prompt-note">{t('update.saveFirst')}</p>}
      {updating === 'slow' && <p className="update-prompt-note">{t('update.slow')}</p>}
      <div className="button-row">
        <button type="button" className="button primary" onClick={onUpdate} disabled={unsavedInput || updating !== 'no'}>
          {t('update.reload')}
        </button>
        <button type="button" className="button" onClick={onLater}>
          {t('update.later')}
        </button>
      </div>
    </section>
  );
}

/** Said when the service worker found a changed copy of the app's code and did not use it. */
export function IntegrityNotice({ onDismiss }: { onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="update-prompt" role="alert" aria-labelledby="integrity-notice-title">
      <p id="integrity-notice-title" className="update-prompt-title">
        {t('integrity.refused')}
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onDismiss}>
          {t('integrity.dismiss')}
        </button>
      </div>
    </section>
  );
}
