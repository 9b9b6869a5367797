import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** "New incident" and its hint, at the top of the diary (loaded, or its first page while it loads). */
export function NewIncidentLink() {
  const { t } = useTranslation('diary');
  return (
    <>
      <p className="new-incident">
        <Link to="/incidents/new" className="button primary" aria-describedby="new-incident-hint">
          {t('newIncident')}
        </Link>
      </p>
      <p id="new-incident-hint" className="hint">
        {t('newIncidentHint')}
      </p>
    </>
  );
}
