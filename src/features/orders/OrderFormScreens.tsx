import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { emptyOrder, type CourtOrder } from '../../core/model/order';
import { useDiary } from '../../shared/diary/useDiary';
import { OrderForm } from './OrderForm';
import { sameOrder } from './orderRules';
import './orders.css';

/** `/orders/new`: adding a court order. */
export function NewOrderScreen() {
  const { t } = useTranslation('orders');
  const { state, snapshot, addOrder } = useDiary();
  const navigate = useNavigate();
  const [blank] = useState(emptyOrder);
  return (
    <article className="screen order-screen">
      <p className="orders-back">
        <Link to="/orders">{t('backToOrders')}</Link>
      </p>
      <h1 id="order-form-title">{t('form.newTitle')}</h1>
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {state === 'ready' && snapshot && (
        <>
          <p>{t('form.intro')}</p>
          <OrderForm
            initial={blank}
            entries={snapshot.entries}
            onSave={addOrder}
            onSaved={(id) => void navigate(`/orders/${encodeURIComponent(id)}`, { replace: true })}
            onLeave={() => void navigate('/orders')}
          />
        </>
      )}
    </article>
  );
}

/** `/orders/:id/edit`: a new version of an order; the earlier one stays in its history. */
export function EditOrderScreen() {
  const { t } = useTranslation('orders');
  const { id = '' } = useParams();
  const { state, snapshot, editOrder } = useDiary();
  const navigate = useNavigate();
  const entry = snapshot?.orders.find((o) => o.id === id);
  // The version the form started from, kept even if the order changes or goes in another tab
  // meanwhile: a newer version refuses this save, and what was typed stays on screen.
  const [start, setStart] = useState(() => (entry ? { order: entry.order, revisions: entry.revisions } : null));
  if (!start && entry) setStart({ order: entry.order, revisions: entry.revisions });
  const initial = start?.order;
  const basedOn = start?.revisions;
  const page = `/orders/${encodeURIComponent(id)}`;

  const save = async (order: CourtOrder): Promise<string> => {
    // Nothing changed: no new revision, the history stays as it is.
    if (!initial || !sameOrder(order, initial)) await editOrder(id, order, basedOn);
    return id;
  };

  return (
    <article className="screen order-screen">
      <p className="orders-back">
        <Link to={entry ? page : '/orders'}>{t(entry ? 'backToOrder' : 'backToOrders')}</Link>
      </p>
      <h1 id="order-form-title">{t('form.editTitle')}</h1>
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {state === 'ready' && snapshot && !initial && <p>{t('form.notFound')}</p>}
      {state === 'ready' && snapshot && initial && (
        <>
          <p>{t('form.editIntro')}</p>
          <OrderForm
            initial={initial}
            orderId={id}
            entries={snapshot.entries}
            onSave={save}
            onSaved={() => void navigate(page, { replace: true })}
            onLeave={() => void navigate(page)}
          />
        </>
      )}
    </article>
  );
}
