import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Shown inside the shell for any address Daybook does not know. */
export function NotFoundScreen() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <article className="screen">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path: pathname })}</p>
      <p>{t('notFound.whereNext')}</p>
      <ul className="link-list">
        <li>
          <Link to="/">{t('notFound.home')}</Link>
        </li>
        <li>
          <Link to="/help">{t('notFound.help')}</Link>
        </li>
        <li>
          <Link to="/settings">{t('notFound.settings')}</Link>
        </li>
      </ul>
    </article>
  );
}
