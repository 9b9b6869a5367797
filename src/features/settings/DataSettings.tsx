import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Where a person's data can go: backups, exports, and packages others made for them. */
export function DataSettings() {
  const { t } = useTranslation('settings');
  return (
    <section aria-labelledby="settings-data">
      <h2 id="settings-data">{t('data.title')}</h2>
      <ul className="link-list">
        <li>
          <Link to="/backup">{t('data.backup')}</Link>
        </li>
        <li>
          <Link to="/export">{t('data.export')}</Link>
        </li>
        <li>
          <Link to="/package">{t('data.openPackage')}</Link>
        </li>
      </ul>
    </section>
  );
}
