import { lazy, Suspense, useId, useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { attachmentsToDiscard } from '../../core/diary/revisionHistory';
import type { OrderEntry } from '../../core/store/diaryRepository';
import { useDiary } from '../../shared/diary/useDiary';
import { useDescribeWhen } from '../../shared/format/useDescribeWhen';
import { formatCalendarDate, formatMoment } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { AttachmentList } from '../../shared/incident/attachments/AttachmentList';
import { useAttachmentStore } from '../../shared/incident/attachments/useAttachmentStore';
import { breachCounts, breachesOf, formerConditions, type FormerCondition, type OrderBreach } from './breaches';
import { DeleteOrder } from './DeleteOrder';
import { OrderHistory } from './OrderHistory';
import { orderName } from './orderName';
import './orders.css';

// "Report a breach" loads with the first order page that shows a breach, not with the list.
const BreachReportButton = lazy(async () => ({ default: (await import('./report/BreachReportButton')).BreachReportButton }));

/** `/orders/:id`: an order's details, its conditions and breaches, its history; edit and delete. */
export function OrderDetailScreen() {
  const { t } = useTranslation('orders');
  const { id = '' } = useParams();
  const { state, snapshot } = useDiary();
  const language = useLocale();
  if (state === 'failed' || !snapshot) {
    return (
      <article className="screen">
        <h1>{t('title')}</h1>
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      </article>
    );
  }
  const entry = snapshot.orders.find((o) => o.id === id);
  if (!entry) {
    const deletedAt = snapshot.deleted.find((d) => d.id === id)?.at;
    return (
      <article className="screen">
        <h1>{t(deletedAt ? 'detail.deletedTitle' : 'detail.notFoundTitle')}</h1>
        <p>{deletedAt ? t('detail.deletedOn', { moment: formatMoment(deletedAt, language) }) : t('detail.notFound')}</p>
        <p>
          <Link to="/orders">{t('backToOrders')}</Link>
        </p>
      </article>
    );
  }
  return <OrderDetail entry={entry} />;
}

function OrderDetail({ entry }: { entry: OrderEntry }) {
  const { t } = useTranslation('orders');
  const { history, remove, snapshot } = useDiary();
  const attachments = useAttachmentStore();
  const navigate = useNavigate();
  const language = useLocale();
  const { order } = entry;
  const kind = t(`kinds.${order.kind}`);
  const incidents = useMemo(() => snapshot?.entries ?? [], [snapshot]);
  // A new entry object comes with every snapshot, so the history is re-read after an edit.
  const records = useMemo(() => history(entry.id), [history, entry]);
  const breaches = useMemo(() => breachesOf(entry.id, incidents), [entry.id, incidents]);
  const counts = useMemo(() => breachCounts(breaches), [breaches]);
  const former = useMemo(() => formerConditions(order, breaches, records), [order, breaches, records]);
  const notGiven = t('detail.notGiven');
  const date = (value: string | undefined) => (value ? formatCalendarDate(value, language) : notGiven);

  const deleteOrder = async () => {
    const remaining = [
      ...(snapshot?.entries ?? []).map((e) => e.incident),
      ...(snapshot?.orders ?? []).filter((o) => o.id !== entry.id).map((o) => o.order),
    ];
    const files = attachmentsToDiscard(history(entry.id), remaining);
    await remove(entry.id);
    // The files go after the tombstone is written, so a failed delete loses nothing. If this
    // step fails the order is still deleted; its encrypted files stay unreadable orphans.
    await attachments.removeAll(files).catch(() => undefined);
    await navigate('/orders', { replace: true });
  };

  return (
    <article className="screen order-detail">
      <p className="orders-back">
        <Link to="/orders">{t('backToOrders')}</Link>
      </p>
      {/* A title the person typed goes its own way; the kind's name follows the page. */}
      <h1 dir={order.title.trim() === '' ? undefined : 'auto'}>{orderName(order, kind)}</h1>
      <div className="button-row">
        <Link to={`/orders/${encodeURIComponent(entry.id)}/edit`} className="button primary">
          {t('detail.edit')}
        </Link>
      </div>

      <dl className="order-facts">
        <div>
          <dt>{t('detail.kind')}</dt>
          <dd>{kind}</dd>
        </div>
        {order.title.trim() !== '' && (
          <div>
            <dt>{t('detail.titleLabel')}</dt>
            <dd dir="auto">{order.title}</dd>
          </div>
        )}
        <div>
          <dt>{t('detail.court')}</dt>
          <dd dir={order.court === '' ? undefined : 'auto'}>{order.court === '' ? notGiven : order.court}</dd>
        </div>
        <div>
          <dt>{t('detail.madeOn')}</dt>
          <dd>{date(order.madeOn)}</dd>
        </div>
        <div>
          <dt>{t('detail.servedOn')}</dt>
          <dd>{date(order.servedOn)}</dd>
        </div>
        <div>
          <dt>{t('detail.expiresOn')}</dt>
          <dd>{order.expiresOn ? date(order.expiresOn) : t('detail.noEnd')}</dd>
        </div>
        <div>
          <dt>{t('detail.firstWritten')}</dt>
          <dd>{formatMoment(entry.firstRecordedAt, language)}</dd>
        </div>
      </dl>

      <section aria-labelledby="order-files">
        <h2 id="order-files">{t('detail.files')}</h2>
        {order.attachments.length === 0 ? <p>{t('detail.noFiles')}</p> : <AttachmentList attachments={order.attachments} />}
      </section>

      <section aria-labelledby="order-conditions">
        <h2 id="order-conditions">{t('detail.conditions')}</h2>
        <ol className="order-conditions">
          {order.conditions.map((condition) => (
            <li key={condition.id} className="order-condition">
              <p className="order-condition-text" dir="auto">
                {condition.text}
              </p>
              <p className="order-count">{t('breachCount', { count: counts.get(condition.id) ?? 0 })}</p>
            </li>
          ))}
        </ol>
        {former.length > 0 && <FormerConditions former={former} breaches={breaches} />}
      </section>

      <section aria-labelledby="order-breaches">
        <h2 id="order-breaches">{t('detail.breaches')}</h2>
        {breaches.length === 0 ? (
          <p>{t('detail.noBreaches')}</p>
        ) : (
          <>
            <p>{t('detail.breachesIntro')}</p>
            <ol className="order-breaches">
              {breaches.map((breach) => (
                <BreachItem key={breach.entry.id} orderId={entry.id} entry={entry} breach={breach} former={former} />
              ))}
            </ol>
          </>
        )}
      </section>

      <OrderHistory records={records} />
      <DeleteOrder onDelete={deleteOrder} />
    </article>
  );
}

/** The wording of each condition a breach names: from the order now, or its last known wording. */
function useConditionText(entry: OrderEntry, former: readonly FormerCondition[]) {
  const { t } = useTranslation('orders');
  return (id: string): string => {
    const current = entry.order.conditions.find((c) => c.id === id);
    if (current) return current.text;
    const gone = former.find((c) => c.id === id);
    return gone?.text === null || gone === undefined ? t('detail.formerUnknown') : t('detail.formerNamed', { text: gone.text });
  };
}

function BreachItem({
  orderId,
  entry,
  breach,
  former,
}: {
  orderId: string;
  entry: OrderEntry;
  breach: OrderBreach;
  former: readonly FormerCondition[];
}) {
  const { t } = useTranslation('orders');
  const describeWhen = useDescribeWhen();
  const conditionText = useConditionText(entry, former);
  // In the order's own order of conditions; ones no longer on it last.
  const position = (id: string) => {
    const index = entry.order.conditions.findIndex((c) => c.id === id);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const ids = [...breach.conditionIds].sort((a, b) => position(a) - position(b));
  // Every breach has a "Report a breach" button: its heading (the date) tells them apart.
  const headingId = useId();
  return (
    <li className="order-breach">
      <h3 id={headingId}>
        <Link to={`/incidents/${encodeURIComponent(breach.entry.id)}`}>{describeWhen(breach.entry.incident.when)}</Link>
      </h3>
      {breach.entry.incident.whatHappened.trim() !== '' && (
        <p className="order-excerpt" dir="auto">
          {breach.entry.incident.whatHappened}
        </p>
      )}
      <p>{t('detail.breachOf')}</p>
      <ul className="order-plain-list">
        {ids.map((id) => (
          <li key={id} className="order-quote" dir="auto">
            {conditionText(id)}
          </li>
        ))}
      </ul>
      <Suspense fallback={null}>
        <BreachReportButton
          orderId={orderId}
          order={entry.order}
          incidentId={breach.entry.id}
          incident={breach.entry.incident}
          conditionIds={ids}
          formerConditions={former.filter((c) => ids.includes(c.id)).map(({ id, text }) => ({ id, text }))}
          describedBy={headingId}
        />
      </Suspense>
    </li>
  );
}

/** Conditions removed from the order that incidents still name: each with its breaches. */
function FormerConditions({ former, breaches }: { former: readonly FormerCondition[]; breaches: readonly OrderBreach[] }) {
  const { t } = useTranslation('orders');
  const describeWhen = useDescribeWhen();
  return (
    <>
      <h3>{t('detail.formerTitle')}</h3>
      <p>{t('detail.formerIntro')}</p>
      <ul className="order-conditions">
        {former.map((condition) => (
          <li key={condition.id} className="order-condition">
            <p className="order-condition-text" dir={condition.text === null ? undefined : 'auto'}>
              {condition.text ?? t('detail.formerUnknown')}
            </p>
            <p className="order-count">{t('breachCount', { count: condition.count })}</p>
            <ul className="order-plain-list">
              {breaches
                .filter((b) => b.conditionIds.includes(condition.id))
                .map((b) => (
                  <li key={b.entry.id}>
                    <Link to={`/incidents/${encodeURIComponent(b.entry.id)}`}>{describeWhen(b.entry.incident.when)}</Link>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
