import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Links between the three help pages; the current one is marked for screen readers. */
export function HelpNav({ withHelplinesLink = false }: { withHelplinesLink?: boolean }) {
  const { t } = useTranslation('help');
  return (
    <nav className="help-nav" aria-label={t('nav.label')}>
      <ul className="link-list">
        <li>
          <NavLink to="/help" end>
            {t('nav.help')}
          </NavLink>
        </li>
        {withHelplinesLink && (
          <li>
            {/* Through the router, so the address bar keeps reading "/" (HelpScreen scrolls there). */}
            <Link to="#helplines">{t('nav.helplines')}</Link>
          </li>
        )}
        <li>
          <NavLink to="/help/tech-safety">{t('nav.techSafety')}</NavLink>
        </li>
        <li>
          <NavLink to="/help/what-can-i-do">{t('nav.whatCanIDo')}</NavLink>
        </li>
        <li>
          <NavLink to="/checklist">{t('nav.checklist')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
