import { useTranslation } from 'react-i18next';
import type { BreachRef } from '../../../core/model/incident';
import type { CourtOrder } from '../../../core/model/order';
import { useFieldIds } from '../../../shared/hooks/useFieldIds';
import { fieldId } from './formRules';

const GROUP_ID = fieldId('breaches');

/** An order whose conditions can be ticked: the diary's live orders. */
export interface BreachableOrder {
  id: string;
  order: CourtOrder;
}

interface BreachFieldsProps {
  orders: readonly BreachableOrder[];
  breaches: readonly BreachRef[];
  onChange: (breaches: BreachRef[]) => void;
  error?: string;
}

const same = (a: BreachRef, b: BreachRef) => a.orderId === b.orderId && a.conditionId === b.conditionId;

/**
 * "Breaches a condition": each live order with a checkbox per condition. A breach whose
 * condition or order is gone stays listed, ticked, so an edit never drops it unseen; unticking
 * it is how it is removed.
 */
export function BreachFields({ orders, breaches, onChange, error }: BreachFieldsProps) {
  const { t } = useTranslation(['incident', 'orders']);
  const group = useFieldIds({ id: GROUP_ID, hint: true, error });
  if (orders.length === 0 && breaches.length === 0) return null;

  const set = (breach: BreachRef, on: boolean) =>
    onChange(on ? [...breaches.filter((b) => !same(b, breach)), breach] : breaches.filter((b) => !same(b, breach)));
  const isTicked = (breach: BreachRef) => breaches.some((b) => same(b, breach));
  const label = (order: CourtOrder) => {
    const kind = t(`orders:kinds.${order.kind}`);
    const title = order.title.trim();
    return title ? t('incident:breaches.order', { kind, title }) : kind;
  };
  // Numbered, so two of them are told apart, on screen and by a screen reader.
  const stale = (breach: BreachRef, key: string, index: number, of: number) => (
    <label key={key} className="choice">
      <input type="checkbox" checked onChange={(event) => set(breach, event.target.checked)} />
      <span>{of > 1 ? t('incident:breaches.staleConditionNumbered', { n: index + 1 }) : t('incident:breaches.staleCondition')}</span>
    </label>
  );
  const known = new Set(orders.map((o) => o.id));
  const orphans = breaches.filter((b) => !known.has(b.orderId));
  const anyStale =
    orphans.length > 0 ||
    breaches.some((b) => !orders.find((o) => o.id === b.orderId)?.order.conditions.some((c) => c.id === b.conditionId));

  return (
    <fieldset className="incident-group" id={GROUP_ID} tabIndex={-1} aria-describedby={group.describedBy}>
      <legend>{t('incident:breaches.legend')}</legend>
      <p id={group.hintId} className="hint">
        {t('incident:breaches.hint')}
        {anyStale && ` ${t('incident:breaches.staleHint')}`}
      </p>
      {error && (
        <p id={group.errorId} className="error">
          {error}
        </p>
      )}
      {orders.map(({ id, order }) => {
        const gone = breaches.filter((b) => b.orderId === id && !order.conditions.some((c) => c.id === b.conditionId));
        return (
          <fieldset key={id} className="incident-order">
            <legend dir="auto">{label(order)}</legend>
            <div className="choice-group">
              {order.conditions.map((condition) => {
                const breach = { orderId: id, conditionId: condition.id };
                return (
                  <label key={condition.id} className="choice">
                    <input type="checkbox" checked={isTicked(breach)} onChange={(event) => set(breach, event.target.checked)} />
                    <span dir="auto">{condition.text}</span>
                  </label>
                );
              })}
              {gone.map((breach, i) => stale(breach, breach.conditionId, i, gone.length))}
            </div>
          </fieldset>
        );
      })}
      {orphans.length > 0 && (
        <fieldset className="incident-order">
          <legend>{t('incident:breaches.staleOrder')}</legend>
          <div className="choice-group">
            {orphans.map((breach, i) => stale(breach, `${breach.orderId}:${breach.conditionId}`, i, orphans.length))}
          </div>
        </fieldset>
      )}
    </fieldset>
  );
}
