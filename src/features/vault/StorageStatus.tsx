import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestPersistentStorage, storageReport, type StorageReport } from '../../core/vault/storagePersistence';
import { useBrowserKind } from '../../shared/device/useBrowserKind';

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

/**
 * Whether the browser promised to keep Daybook's data, how much space it uses, and what that
 * means; on iPhone and iPad, what Safari's documented 7-day rule means for the diary.
 */
export function StorageStatus() {
  const { t } = useTranslation('vault');
  const browser = useBrowserKind();
  const [report, setReport] = useState<StorageReport | null>(null);
  /** 'asking' until the browser answers (some wait for the person, who may never answer). */
  const [request, setRequest] = useState<'idle' | 'asking' | 'answered'>('idle');

  useEffect(() => {
    void storageReport().then(setReport);
    // Coming back after changing the browser's settings for this site shows its new answer.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void storageReport().then(setReport);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  const ask = async () => {
    setRequest('asking');
    await requestPersistentStorage();
    setReport(await storageReport());
    setRequest('answered');
  };

  return (
    <section aria-labelledby="settings-storage">
      <h2 id="settings-storage">{t('storage.title')}</h2>
      {report && (
        <>
          <p role="status">
            {report.persisted === true && t('storage.persisted')}
            {report.persisted === false && t('storage.notPersisted')}
            {report.persisted === null && t('storage.unknown')}
          </p>
          {report.usageBytes !== null && report.quotaBytes !== null && (
            <p>{t('storage.usage', { used: megabytes(report.usageBytes), quota: megabytes(report.quotaBytes) })}</p>
          )}
          {report.persisted === false && (
            <>
              <p role="status">
                {request === 'asking' && t('storage.asking')}
                {request === 'answered' && t('storage.refused')}
              </p>
              <div className="button-row">
                <button type="button" className="button" onClick={ask}>
                  {t('storage.ask')}
                </button>
              </div>
              <h3>{t('storage.how.title')}</h3>
              <ul>
                <li>{t('storage.how.homeScreen')}</li>
                <li>{t('storage.how.siteSettings')}</li>
                <li>{t('storage.how.use')}</li>
                <li>{t('storage.how.again')}</li>
              </ul>
            </>
          )}
        </>
      )}
      <p>{t('storage.meaning')}</p>
      {browser === 'apple-tab' && (
        <div className="notice">
          <h3>{t('storage.apple.title')}</h3>
          <p>{t('storage.apple.sevenDays')}</p>
          <p>{t('storage.apple.homeScreen')}</p>
          <p>{t('storage.apple.separate')}</p>
          <p>{t('storage.apple.backup')}</p>
        </div>
      )}
      {browser === 'apple-home-screen' && <p className="notice">{t('storage.apple.fromHomeScreen')}</p>}
    </section>
  );
}
