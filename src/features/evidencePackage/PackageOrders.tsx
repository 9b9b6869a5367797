import './packageOrders.css';
import { useTranslation } from 'react-i18next';
import { latestOrder, type ExportOrder } from '../../core/export/exportDocument';
import type { OrderRevisionCoverage } from '../../core/export/verifyExport';
import type { CourtOrder } from '../../core/model/order';
import { formatCalendarDate } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';

/** An order's name: its kind, and its title when the person gave one. */
export function useOrderName(): (order: CourtOrder) => string {
  const { t } = useTranslation('orders');
  return (order) => (order.title ? `${t(`kinds.${order.kind}`)}: ${order.title}` : t(`kinds.${order.kind}`));
}

interface PackageOrdersProps {
  orders: readonly ExportOrder[];
  /** How far each version of each order was checked (from the file's verification). */
  revisions: readonly OrderRevisionCoverage[];
}

/** The court orders the file carries, each as its latest version, with whether every version checked out. */
export function PackageOrders({ orders, revisions }: PackageOrdersProps) {
  const { t } = useTranslation(['evidence', 'orders']);
  const language = useLocale();
  const orderName = useOrderName();
  const date = (value: string) => formatCalendarDate(value, language);
  return (
    <ul className="plain-list package-orders">
      {orders.map((exported) => {
        const order = latestOrder(exported);
        const mine = revisions.filter((r) => r.orderId === exported.id);
        // No coverage means the check never reached it: it is not called checked.
        const checked = mine.length === exported.revisions.length && mine.every((r) => r.status === 'checked');
        return (
          <li key={exported.id}>
            <h3>
              <bdi>{orderName(order)}</bdi>
            </h3>
            <ul>
              {order.court && (
                <li>
                  {t('evidence:orders.court')} <bdi>{order.court}</bdi>
                </li>
              )}
              {order.madeOn && <li>{t('evidence:orders.madeOn', { date: date(order.madeOn) })}</li>}
              {order.servedOn && <li>{t('evidence:orders.servedOn', { date: date(order.servedOn) })}</li>}
              <li>{order.expiresOn ? t('evidence:orders.expiresOn', { date: date(order.expiresOn) }) : t('evidence:orders.noExpiry')}</li>
              {order.attachments.length > 0 && (
                <li>
                  {t('evidence:orders.files')}{' '}
                  {order.attachments.map((file, i) => (
                    <span key={file.id}>
                      {i > 0 && ', '}
                      <bdi>{file.name}</bdi>
                    </span>
                  ))}
                </li>
              )}
            </ul>
            <h4>{t('evidence:orders.conditions')}</h4>
            {order.conditions.length === 0 ? (
              <p>{t('evidence:orders.noConditions')}</p>
            ) : (
              <ol>
                {order.conditions.map((condition) => (
                  <li key={condition.id}>
                    <bdi className="condition-text">{condition.text}</bdi>
                  </li>
                ))}
              </ol>
            )}
            {checked ? (
              <p className="hint">{t('evidence:orders.checked')}</p>
            ) : (
              <p>
                <strong>{t('evidence:orders.failed')}</strong>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
