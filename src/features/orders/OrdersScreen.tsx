import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OrderEntry } from '../../core/store/diaryRepository';
import { useDiary } from '../../shared/diary/useDiary';
import { formatCalendarDate } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { breachCountOf } from './breaches';
import { isolated, orderName } from './orderName';
import './orders.css';

/** `/orders`: every court order kept in the diary, with its conditions and breaches counted. */
export function OrdersScreen() {
  const { t } = useTranslation('orders');
  const { state, snapshot } = useDiary();
  return (
    <article className="screen orders">
      <p className="orders-back">
        <Link to="/">{t('back')}</Link>
      </p>
      <h1>{t('title')}</h1>
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {state === 'ready' && snapshot && (
        <>
          {snapshot.orders.length === 0 ? (
            <>
              <p>{t('list.emptyWhat')}</p>
              <p>{t('list.emptyCrime')}</p>
              <p>{t('list.emptyLog')}</p>
            </>
          ) : (
            <p>{t('list.intro')}</p>
          )}
          <p>
            <Link to="/orders/new" className="button primary">
              {t('list.add')}
            </Link>
          </p>
          {snapshot.orders.length > 0 && (
            <ul className="order-list">
              {snapshot.orders.map((entry) => (
                <OrderCard key={entry.id} entry={entry} breaches={breachCountOf(entry.id, snapshot.entries)} />
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}

function OrderCard({ entry, breaches }: { entry: OrderEntry; breaches: number }) {
  const { t } = useTranslation('orders');
  const language = useLocale();
  const { order } = entry;
  const kind = t(`kinds.${order.kind}`);
  return (
    <li className="order-card">
      <h2 dir={order.title.trim() === '' ? undefined : 'auto'}>
        <Link to={`/orders/${encodeURIComponent(entry.id)}`}>{orderName(order, kind)}</Link>
      </h2>
      {order.title.trim() !== '' && <p>{kind}</p>}
      {order.court !== '' && <p>{t('list.court', { court: isolated(order.court) })}</p>}
      <p>{order.madeOn ? t('list.made', { date: formatCalendarDate(order.madeOn, language) }) : t('list.madeUnknown')}</p>
      <p>{order.expiresOn ? t('list.expires', { date: formatCalendarDate(order.expiresOn, language) }) : t('list.noEnd')}</p>
      <p>{t('conditionCount', { count: order.conditions.length })}</p>
      <p>{t('breachCount', { count: breaches })}</p>
    </li>
  );
}
