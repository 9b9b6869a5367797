import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Shown inside the shell when a screen fails to load or crashes, so quick exit stays reachable. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <article className="screen" role="alert">
      <h1>{t('routeError.title')}</h1>
      <p>{t('routeError.body')}</p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          {t('routeError.reload')}
        </button>
        <Link className="button" to="/">
          {t('routeError.home')}
        </Link>
      </div>
    </article>
  );
}
