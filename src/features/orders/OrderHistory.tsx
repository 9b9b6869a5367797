import { useMemo } from 'react';
import { isolated } from './orderName';
import { useTranslation } from 'react-i18next';
import type { RevisionRecord } from '../../core/store/diaryRepository';
import { formatCalendarDate, formatMoment } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { orderHistory, type OrderChange } from './orderChanges';

/** Each saved version of the order with its device-clock time, and what it changed. */
export function OrderHistory({ records }: { records: readonly RevisionRecord[] }) {
  const { t } = useTranslation('orders');
  const language = useLocale();
  const steps = useMemo(() => orderHistory(records), [records]);
  return (
    <section aria-labelledby="order-history">
      <h2 id="order-history">{t('history.title')}</h2>
      <p className="hint">{t('history.intro')}</p>
      <ol className="order-history">
        {steps.map((step) => (
          <li key={step.revision}>
            <p className="order-history-when">
              {t(step.first ? 'history.written' : 'history.edited', { moment: formatMoment(step.recordedAt, language) })}
            </p>
            {!step.first &&
              (step.changes === null ? (
                <p className="hint">{t('history.unavailable')}</p>
              ) : step.changes.length === 0 ? (
                <p className="hint">{t('history.noChanges')}</p>
              ) : (
                <ul className="order-changes">
                  {step.changes.map((change, index) => (
                    <ChangeLine key={index} change={change} />
                  ))}
                </ul>
              ))}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ChangeLine({ change }: { change: OrderChange }) {
  const { t } = useTranslation('orders');
  const language = useLocale();
  const notGiven = t('detail.notGiven');
  const date = (value: string | undefined) => (value ? formatCalendarDate(value, language) : notGiven);
  const text = (value: string) => (value === '' ? notGiven : value);
  switch (change.kind) {
    case 'conditionAdded':
      return <li>{t('history.conditionAdded', { text: isolated(change.text) })}</li>;
    case 'conditionRemoved':
      return <li>{t('history.conditionRemoved', { text: isolated(change.text) })}</li>;
    case 'conditionChanged':
      return <li>{t('history.conditionChanged', { from: isolated(change.from), to: isolated(change.to) })}</li>;
    case 'date':
      return <li>{t('history.changed', { field: t(`detail.${change.field}`), from: date(change.from), to: date(change.to) })}</li>;
    case 'orderKind':
      return <li>{t('history.changed', { field: t('detail.kind'), from: t(`kinds.${change.from}`), to: t(`kinds.${change.to}`) })}</li>;
    case 'text':
      return (
        <li>
          {t('history.changed', {
            field: t(change.field === 'title' ? 'detail.titleLabel' : 'detail.court'),
            from: isolated(text(change.from)),
            to: isolated(text(change.to)),
          })}
        </li>
      );
    case 'filesAdded':
      return <li>{t('history.filesAdded', { count: change.count })}</li>;
    case 'filesRemoved':
      return <li>{t('history.filesRemoved', { count: change.count })}</li>;
  }
}
