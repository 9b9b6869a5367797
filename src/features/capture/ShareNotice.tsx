import { useTranslation } from 'react-i18next';
import { MAX_INBOX_ITEM_BYTES } from '../../core/inbox/inboxRows';
import { useFormatSize } from '../../shared/format/useFormatSize';
import { useShareReport } from './useShareReport';

/**
 * Says how a share into Daybook went, once, in the window the share opened. It names nothing of
 * what was shared: the lock screen shows nothing of the diary.
 */
export function ShareNotice() {
  const { t } = useTranslation('capture');
  const { megabytes } = useFormatSize();
  const [shared, dismiss] = useShareReport();
  if (!shared) return null;
  const text = {
    kept: t('share.kept'),
    'not-ready': t('share.notReady'),
    'too-many': t('share.tooMany'),
    'too-large': t('share.tooLarge', { limit: megabytes(MAX_INBOX_ITEM_BYTES) }),
    failed: t('share.failed'),
    empty: t('share.empty'),
  }[shared.outcome];
  return (
    <section className="update-prompt" role={shared.outcome === 'kept' ? 'status' : 'alert'} aria-labelledby="share-notice-title">
      <p id="share-notice-title" className="update-prompt-title">
        {text}
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={dismiss}>
          {t('share.dismiss')}
        </button>
      </div>
    </section>
  );
}

export default ShareNotice;
