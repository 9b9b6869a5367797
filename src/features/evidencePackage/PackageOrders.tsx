import './packageOrders.css';
import { useTranslation } from 'react-i18next';
import { latestOrder, type ExportOrder } from '../../core/export/exportDocument';
import type { OrderRevisionCoverage } from '../../core/export/verifyExport';
import type { CourtOrder } from '../../core/model/order';
import type { Exhibit } from '../../core/export/exhibits';
import { formatCalendarDate } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';

/** Stands in for the title in the translated pattern: a character no translation contains. */
const TITLE_MARK = '\u0000';

/** An order's name: its kind, and its title (the person's own words, isolated) when they gave one. */
export function OrderName({ order }: { order: CourtOrder }) {
  const { t } = useTranslation(['evidence', 'orders']);
  const kind = t(`orders:kinds.${order.kind}`);
  const title = order.title.trim();
  if (!title) return <>{kind}</>;
  // The translated pattern is split where the title goes, so the title alone sits in <bdi>.
  const [before = '', after = ''] = t('evidence:orders.nameWithTitle', { kind, title: TITLE_MARK }).split(TITLE_MARK);
  return (
    <>
      {before}
      <bdi>{title}</bdi>
      {after}
    </>
  );
}

interface PackageOrdersProps {
  orders: readonly ExportOrder[];
  /** The files' exhibit references, when the package's recorded ones agree with its order (see openPackage.ts). */
  exhibits?: ReadonlyMap<string, Exhibit>;
  /** How far each version of each order was checked (from the file's verification). */
  revisions: readonly OrderRevisionCoverage[];
}

/** The court orders the file carries, each as its latest version, with whether every version checked out. */
export function PackageOrders({ orders, revisions, exhibits }: PackageOrdersProps) {
  const { t } = useTranslation(['evidence', 'orders', 'exhibits']);
  const language = useLocale();
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
              <OrderName order={order} />
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
                  <ul className="plain-list package-order-files">
                    {order.attachments.map((file) => {
                      const exhibit = exhibits?.get(file.id);
                      return (
                        <li key={file.id}>
                          <bdi>{file.name}</bdi>
                          {exhibit && (
                            <>
                              {' '}
                              <span className="exhibit-reference">{t('exhibits:viewer.reference', { reference: exhibit.reference })}</span>
                            </>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                  {order.attachments.some((file) => exhibits?.has(file.id)) && <p className="hint">{t('exhibits:viewer.note')}</p>}
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
