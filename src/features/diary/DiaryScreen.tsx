import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/Loading';
import { IntegrityStatus } from './IntegrityStatus';
import { BackupReminderBanner } from '../backup/BackupReminderBanner';
import { QuickLog } from './QuickLog';
import { Timeline } from './timeline/Timeline';
import { useDiary } from './useDiary';

/** The unlocked home: start a full record or log something quickly, and see the diary so far. */
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
          <p className="new-incident">
            <Link to="/incidents/new" className="button primary" aria-describedby="new-incident-hint">
              {t('newIncident')}
            </Link>
          </p>
          <p id="new-incident-hint" className="hint">
            {t('newIncidentHint')}
          </p>
          <BackupReminderBanner />
          <QuickLog />
          <section aria-labelledby="diary-entries">
            <h2 id="diary-entries">{t('list.title', { count: snapshot.entries.length })}</h2>
            <IntegrityStatus />
            <p className="diary-actions">
              <Link to="/export">{t('export')}</Link>
            </p>
            <Timeline entries={snapshot.entries} />
          </section>
        </>
      )}
    </article>
  );
}
