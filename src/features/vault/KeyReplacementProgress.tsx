import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../shared/hooks/useLocale';
import { useVault } from '../../shared/vault/useVault';

/**
 * Where a replacement of the data key stands: how many records are re-encrypted, what happens if
 * the phone is closed meanwhile, and when it has finished. Nothing while none has run this session.
 */
export function KeyReplacementProgress() {
  const { t } = useTranslation('keys');
  const { vault } = useVault();
  const locale = useLocale();
  const state = useSyncExternalStore(vault.subscribeKeyReplacement, vault.getKeyReplacement);
  const number = new Intl.NumberFormat(locale);

  if (state.phase === 'idle') return null;
  if (state.phase === 'running') {
    const { done, total } = state;
    // Screen readers hear every tenth of the way, not every batch.
    const tenths = total > 0 ? Math.floor((Math.min(done, total) / total) * 10) * 10 : null;
    return (
      <section className="key-replacement" aria-labelledby="key-replacement-title">
        <h3 id="key-replacement-title">{t('progress.title')}</h3>
        <p id="key-replacement-count" data-testid="key-replacement-count">
          {total > 0
            ? t('progress.count', { done: number.format(Math.min(done, total)), total: number.format(total) })
            : t('progress.counting')}
        </p>
        {total > 0 ? (
          <progress aria-labelledby="key-replacement-count" max={total} value={Math.min(done, total)} />
        ) : (
          <progress aria-labelledby="key-replacement-count" />
        )}
        <p className="visually-hidden" role="status">
          {tenths === null ? '' : t('progress.percent', { percent: number.format(tenths) })}
        </p>
        <p className="hint">{t('progress.keepUsing')}</p>
      </section>
    );
  }
  return (
    <section className="key-replacement" aria-labelledby="key-replacement-title">
      <h3 id="key-replacement-title">{t('progress.title')}</h3>
      <div role="status">
        {state.phase === 'paused' && <p>{t('progress.paused')}</p>}
        {state.phase === 'failed' && <p>{t('progress.failed')}</p>}
        {state.phase === 'done' && (
          <>
            <p className="success">{t('progress.done')}</p>
            {state.unreadable > 0 && <p>{t('progress.unreadable', { count: state.unreadable })}</p>}
          </>
        )}
      </div>
      {state.phase === 'failed' && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => void vault.resumeKeyReplacement()}>
            {t('progress.retry')}
          </button>
        </div>
      )}
    </section>
  );
}
