import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IntegrityStatus } from './IntegrityStatus';
import { QuickLog } from './QuickLog';
import { Timeline } from './timeline/Timeline';
import { useDiary } from '../../shared/diary/useDiary';

/**
 * The unlocked home: start a full record or log something quickly, and see the diary so far.
 * `notices` come from other features (the backup reminder); the app composes them in.
 */
export function DiaryScreen({ notices }: { notices?: ReactNode }) {
  const { t } = useTranslation('diary');
  const { state, snapshot } = useDiary();
  return (
    <article className="screen">
      <h1>{t('title')}</h1>
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
          {notices}
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
