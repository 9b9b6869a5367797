import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestPersistentStorage, storageReport, type StorageReport } from '../../core/vault/storagePersistence';

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

/** Whether the browser promised to keep Daybook's data, how much space it uses, and what that means. */
export function StorageStatus() {
  const { t } = useTranslation('vault');
  const [report, setReport] = useState<StorageReport | null>(null);

  useEffect(() => {
    void storageReport().then(setReport);
  }, []);

  const ask = async () => {
    await requestPersistentStorage();
    setReport(await storageReport());
  };

  return (
    <section aria-labelledby="settings-storage">
      <h2 id="settings-storage">{t('storage.title')}</h2>
      {report && (
        <>
          <p>
            {report.persisted === true && t('storage.persisted')}
            {report.persisted === false && t('storage.notPersisted')}
            {report.persisted === null && t('storage.unknown')}
          </p>
          {report.usageBytes !== null && report.quotaBytes !== null && (
            <p>{t('storage.usage', { used: megabytes(report.usageBytes), quota: megabytes(report.quotaBytes) })}</p>
          )}
          {report.persisted === false && (
            <div className="button-row">
              <button type="button" className="button" onClick={ask}>
                {t('storage.ask')}
              </button>
            </div>
          )}
        </>
      )}
      <p>{t('storage.meaning')}</p>
      <p className="notice">{t('storage.iphone')}</p>
    </section>
  );
}
