import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/Loading';
import { EntryList } from './EntryList';
import { IntegrityStatus } from './IntegrityStatus';
import { QuickLog } from './QuickLog';
import { useDiary } from './useDiary';

/** The unlocked home: log something quickly, and see the diary so far. */
export function DiaryScreen() {
  const { t } = useTranslation('diary');
  const { state, snapshot } = useDiary();
  return (
    <article className="screen">
      <h1>{t('title')}</h1>
      {state === 'loading' && <Loading />}
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {state === 'ready' && snapshot && (
        <>
          <QuickLog />
          <section aria-labelledby="diary-entries">
            <h2 id="diary-entries">{t('list.title', { count: snapshot.entries.length })}</h2>
            <IntegrityStatus />
            <EntryList entries={snapshot.entries} />
          </section>
        </>
      )}
    </article>
  );
}
