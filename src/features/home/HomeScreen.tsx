import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The first screen: what Daybook is for and how to leave in a hurry. */
export function HomeScreen() {
  const { t } = useTranslation('home');
  return (
    <article className="screen">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <section aria-labelledby="home-private">
        <h2 id="home-private">{t('private.title')}</h2>
        <ul>
          <li>{t('private.onDevice')}</li>
          <li>{t('private.noServer')}</li>
          <li>{t('private.notAdvice')}</li>
        </ul>
      </section>
      <section aria-labelledby="home-exit">
        <h2 id="home-exit">{t('exit.title')}</h2>
        <p>{t('exit.body')}</p>
        <p>
          <Link to="/settings#quick-exit">{t('exit.more')}</Link>
        </p>
      </section>
    </article>
  );
}
