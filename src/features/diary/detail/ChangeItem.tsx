import { useTranslation } from 'react-i18next';
import { isLongText, type FieldChange } from '../../../core/diary/revisionDiff';
import { formatList } from '../../../shared/format/formatWhen';
import { useDescribeWhen } from '../../../shared/format/useDescribeWhen';
import { useLocale } from '../../../shared/hooks/useLocale';
import { useDiary } from '../../../shared/diary/useDiary';
import { useBreachWords, useToldWords } from '../../../shared/incident/IncidentFields';

/** Short values side by side ("old → new"); blanks named, so "→ PC Jones" never looks cut off. */
function ShortChange({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation('diary');
  return <>{t('history.change', { before: before || t('history.empty'), after: after || t('history.empty') })}</>;
}

/** Long text: "changed", with both versions a tap away. */
function LongChange({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation('diary');
  return (
    <>
      {t('history.changed')}
      <details className="change-details">
        <summary>{t('history.showBoth')}</summary>
        <dl>
          <dt>{t('history.before')}</dt>
          <dd className={before ? 'long-text' : 'hint'}>{before || t('history.empty')}</dd>
          <dt>{t('history.after')}</dt>
          <dd className={after ? 'long-text' : 'hint'}>{after || t('history.empty')}</dd>
        </dl>
      </details>
    </>
  );
}

/** One field of one edit: its translated name and what became of it. */
export function ChangeItem({ change }: { change: FieldChange }) {
  const { t } = useTranslation('diary');
  const describeWhen = useDescribeWhen();
  const language = useLocale();
  const orders = useDiary().snapshot?.orders;
  const breachWords = useBreachWords(orders ?? []);
  const toldWords = useToldWords();
  const list = (items: string[]) => formatList(items, language);
  const addedRemoved = (added: string[], removed: string[]) =>
    [
      added.length > 0 ? t('history.added', { items: list(added) }) : '',
      removed.length > 0 ? t('history.removed', { items: list(removed) }) : '',
    ]
      .filter((part) => part !== '')
      .join('; ');

  let body;
  switch (change.field) {
    case 'when':
      body = <ShortChange before={describeWhen(change.before)} after={describeWhen(change.after)} />;
      break;
    case 'reported':
      body = (
        <ShortChange before={change.before ? t('detail.yes') : t('detail.no')} after={change.after ? t('detail.yes') : t('detail.no')} />
      );
      break;
    case 'behaviours':
      body = addedRemoved(
        change.added.map((b) => t(`behaviours.${b}`)),
        change.removed.map((b) => t(`behaviours.${b}`)),
      );
      break;
    case 'witnesses': {
      const name = (w: { name: string; contact: string }) =>
        w.contact ? t('detail.witness', { name: w.name, contact: w.contact }) : w.name;
      body = addedRemoved(change.added.map(name), change.removed.map(name));
      break;
    }
    case 'attachments':
      body = addedRemoved(
        change.added.map((a) => a.name),
        change.removed.map((a) => a.name),
      );
      break;
    case 'breaches': {
      // The condition's words, and its order when it is still in the diary.
      const name = (b: (typeof change.added)[number]) => {
        const { order, condition } = breachWords.breach(b);
        return order ? t('detail.breachIn', { condition, order: breachWords.orderLabel(order.order) }) : condition;
      };
      body = addedRemoved(change.added.map(name), change.removed.map(name));
      break;
    }
    case 'told':
      body = addedRemoved(change.added.map(toldWords), change.removed.map(toldWords));
      break;
    default:
      body =
        isLongText(change.before) || isLongText(change.after) ? (
          <LongChange before={change.before} after={change.after} />
        ) : (
          <ShortChange before={change.before} after={change.after} />
        );
  }
  return (
    <li className="change">
      <span className="change-field">{t(`fields.${change.field}`)}</span> {body}
    </li>
  );
}
