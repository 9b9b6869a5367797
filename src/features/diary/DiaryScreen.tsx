import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IntegrityStatus } from './IntegrityStatus';
import { NewIncidentLink } from './NewIncidentLink';
import { QuickLog } from './QuickLog';
import { SettingsCheckNotice } from './SettingsCheckNotice';
import { Timeline } from './timeline/Timeline';
import { FingerprintInvite } from './fingerprint/FingerprintInvite';
import { FingerprintPanel } from './fingerprint/FingerprintPanel';
import { useFingerprintShares } from './fingerprint/useFingerprintShares';
import { useDiary } from '../../shared/diary/useDiary';

/**
 * The unlocked home: start a full record or log something quickly, and see the diary so far,
 * how it checks out, and its fingerprint to share. `notices` come from other features (the
 * backup reminder); the app composes them in.
 */
export function DiaryScreen({ notices }: { notices?: ReactNode }) {
  const { t } = useTranslation(['diary', 'chronology', 'orders']);
  const { state, snapshot } = useDiary();
  const shares = useFingerprintShares();
  const [fingerprintOpen, setFingerprintOpen] = useState(false);
  const fingerprintSummary = useRef<HTMLElement>(null);
  // From the invitation: open the fingerprint and take the person there (also after "Not now",
  // whose note goes away: focus stays somewhere that makes sense).
  const goToFingerprint = (open: boolean) => {
    if (open) setFingerprintOpen(true);
    requestAnimationFrame(() => {
      fingerprintSummary.current?.focus();
      fingerprintSummary.current?.scrollIntoView?.({ block: 'center' });
    });
  };
  return (
    <article className="screen">
      <h1>{t('title')}</h1>
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {/* Whether or not the diary could be read: a changed Quick exit address matters either way. */}
      <SettingsCheckNotice />
      {state === 'ready' && snapshot && (
        <>
          <NewIncidentLink />
          {notices}
          <FingerprintInvite shares={shares} onShow={() => goToFingerprint(true)} onSnoozed={() => goToFingerprint(false)} />
          <QuickLog />
          <section aria-labelledby="diary-entries">
            <h2 id="diary-entries">{t('list.title', { count: snapshot.entries.length })}</h2>
            <IntegrityStatus />
            <FingerprintPanel shares={shares} open={fingerprintOpen} onOpenChange={setFingerprintOpen} summaryRef={fingerprintSummary} />
            <p className="diary-actions">
              <Link to="/export">{t('export')}</Link> <Link to="/chronology">{t('chronology:title')}</Link>{' '}
              <Link to="/orders">{t('orders:title')}</Link>
            </p>
            <Timeline entries={snapshot.entries} />
          </section>
        </>
      )}
    </article>
  );
}
