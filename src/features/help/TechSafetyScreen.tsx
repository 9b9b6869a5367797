import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { GUIDANCE_SOURCES } from '../../content/helplines';
import { EmergencyCall } from './EmergencyCall';
import { HelpNav } from './HelpNav';
import { SourceNote } from './SourceNote';

/** Monitoring, safer devices, and what quick exit and private browsing can and cannot do. */
export function TechSafetyScreen() {
  const { t } = useTranslation('help');
  return (
    <article className="screen help">
      <h1>{t('techSafety.title')}</h1>
      <EmergencyCall />
      <HelpNav />
      <p className="lead">{t('techSafety.lead')}</p>

      <section aria-labelledby="tech-signs">
        <h2 id="tech-signs">{t('techSafety.signs.title')}</h2>
        <p>{t('techSafety.signs.intro')}</p>
        <ul>
          <li>{t('techSafety.signs.stalkerware')}</li>
          <li>{t('techSafety.signs.location')}</li>
          <li>{t('techSafety.signs.accounts')}</li>
          <li>{t('techSafety.signs.trackers')}</li>
          <li>{t('techSafety.signs.smartHome')}</li>
        </ul>
      </section>

      <section aria-labelledby="tech-monitored">
        <h2 id="tech-monitored">{t('techSafety.monitored.title')}</h2>
        <p className="notice">
          <strong>{t('techSafety.monitored.seen')}</strong>
        </p>
        <p>{t('techSafety.monitored.alert')}</p>
        <p>{t('techSafety.monitored.safer')}</p>
        <p>
          {t('techSafety.monitored.plan')} <Link to="/help#helplines">{t('nav.helplines')}</Link>
        </p>
        <SourceNote source={GUIDANCE_SOURCES.techSafety} />
      </section>

      <section aria-labelledby="tech-quick-exit">
        <h2 id="tech-quick-exit">{t('techSafety.quickExit.title')}</h2>
        <p>{t('techSafety.quickExit.does')}</p>
        <p className="notice">{t('techSafety.quickExit.history')}</p>
        <p>
          <Link to="/settings#quick-exit">{t('techSafety.quickExit.settings')}</Link>
        </p>
        <SourceNote source={GUIDANCE_SOURCES.quickExit} />
      </section>

      <section aria-labelledby="tech-private">
        <h2 id="tech-private">{t('techSafety.private.title')}</h2>
        <p>{t('techSafety.private.what')}</p>
        <p>{t('techSafety.private.limits')}</p>
        <p className="notice">{t('techSafety.private.diary')}</p>
      </section>
    </article>
  );
}
