import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { orderedBehaviours } from '../../core/model/behaviours';
import type { AttachmentRef, BreachRef, Incident, ToldSomeone } from '../../core/model/incident';
import type { CourtOrder } from '../../core/model/order';
import type { OmittableField } from '../../core/export/exportDocument';
import './incidentFields.css';
import { AttachmentList } from './attachments/AttachmentList';
import { useDescribeWhen } from '../format/useDescribeWhen';
import { formatCalendarDate } from '../format/formatWhen';
import { useLocale } from '../hooks/useLocale';

/** An order a breach can name: the diary's own orders, or those an opened package carries. */
export interface NamedOrder {
  id: string;
  order: CourtOrder;
}

/** Words for an order and a condition; used by the history of changes too. */
export function useBreachWords(orders: readonly NamedOrder[] | undefined): {
  orderLabel: (order: CourtOrder) => string;
  breach: (breach: BreachRef) => { order: NamedOrder | undefined; condition: string };
} {
  const { t } = useTranslation(['diary', 'orders']);
  const orderLabel = (order: CourtOrder) => {
    const kind = t(`orders:kinds.${order.kind}`);
    const title = order.title.trim();
    return title ? t('diary:detail.orderLabel', { kind, title }) : kind;
  };
  const breach = ({ orderId, conditionId }: BreachRef) => {
    const order = orders?.find((candidate) => candidate.id === orderId);
    const condition = order?.order.conditions.find((c) => c.id === conditionId)?.text;
    // Never dropped: a breach whose condition or order is gone says so.
    if (condition !== undefined) return { order, condition };
    if (order) return { order, condition: t('diary:detail.breachConditionGone') };
    return { order, condition: t(orders ? 'diary:detail.breachOrderGone' : 'diary:detail.breachUnknown') };
  };
  return { orderLabel, breach };
}

/** Someone told, in words: who, how and when. */
export function useToldWords(): (item: ToldSomeone) => string {
  const { t } = useTranslation('diary');
  const language = useLocale();
  return (item) => {
    const how = t(`detail.toldHow.${item.how}`);
    const who = item.who.trim();
    if (item.date === undefined) return who ? t('detail.told', { who, how }) : how;
    const date = formatCalendarDate(item.date, language);
    const when = item.time === undefined ? date : t('detail.toldAt', { date, time: item.time });
    return who ? t('detail.toldWhen', { who, how, when }) : t('detail.toldNoWho', { how, when });
  };
}

/** What a blank or left-out field says instead (looked up once for every field, not by each). */
interface BlankWords {
  notRecorded: string;
  leftOut: string;
}

/** One labelled field; blank ones say so, rather than vanishing. */
function Field({
  label,
  words,
  children,
  long = false,
  leftOut = false,
}: {
  label: string;
  words: BlankWords;
  children: ReactNode;
  long?: boolean;
  leftOut?: boolean;
}) {
  const blank = children === '' || children === null || children === undefined || children === false;
  if (leftOut) {
    return (
      <div>
        <dt>{label}</dt>
        <dd className="hint">{words.leftOut}</dd>
      </div>
    );
  }
  return (
    <div>
      <dt>{label}</dt>
      <dd className={blank ? 'hint' : long ? 'long-text' : undefined}>{blank ? words.notRecorded : children}</dd>
    </div>
  );
}

interface IncidentFieldsProps {
  incident: Incident;
  leftOut?: readonly OmittableField[];
  /** The orders breaches are named from; absent (a package without orders): named as "a condition of an order". */
  orders?: readonly NamedOrder[];
  /** A link to an order's page, where there is one (the diary's own). */
  orderLink?: (orderId: string, label: string) => ReactNode;
  /** Private notes marked as kept out of exports unless chosen (the diary; not a package). */
  markPrivate?: boolean;
  /** Shown under the files, when there are any and they are shown in full (an opened package: their exhibit references). */
  afterAttachments?: ReactNode;
  /**
   * False: the files by name only, for a first frame (the incident screen's, which draws each
   * file's facts, fingerprint and Show button in a task after it; what that saved is measured in
   * README's Performance section).
   */
  filesInFull?: boolean;
}

/** The files by name only, in their order: what the first frame of the incident screen shows of them. */
function FileNames({ files, unnamed }: { files: readonly AttachmentRef[]; unnamed: string }) {
  return (
    <ul className="plain-list attachment-names">
      {files.map((file) => (
        <li key={file.id}>
          <bdi>{file.name || unnamed}</bdi>
        </li>
      ))}
    </ul>
  );
}

/** Everything recorded about an incident, in the order the form asks for it. */
export function IncidentFields({
  incident,
  leftOut = [],
  orders,
  orderLink,
  markPrivate = false,
  afterAttachments,
  filesInFull = true,
}: IncidentFieldsProps) {
  // 'attachments' for an unnamed file's words (FileNames), as AttachmentList uses it.
  const { t } = useTranslation(['diary', 'attachments']);
  const omitted = (field: OmittableField) => leftOut.includes(field);
  const showPolice = !omitted('reported');
  const describeWhen = useDescribeWhen();
  const words = useBreachWords(orders);
  const toldWords = useToldWords();
  const { reported, effect } = incident;
  // A version from before these fields shows none of them, exactly as it did.
  const later = incident.breaches !== undefined || incident.told !== undefined || incident.privateNotes !== undefined;
  // Left out of every export unless chosen, so not the sender's choice: no row says so (the
  // package viewer says once, with the file's other facts, that Daybook leaves them out).
  const showPrivateNotes = later && !omitted('privateNotes');
  const breaches = incident.breaches ?? [];
  const blankWords: BlankWords = { notRecorded: t('detail.notRecorded'), leftOut: t('detail.leftOut') };
  return (
    <dl className="incident-fields">
      <Field words={blankWords} label={t('fields.when')}>
        {describeWhen(incident.when)}
      </Field>
      <Field words={blankWords} label={t('fields.where')} leftOut={omitted('where')}>
        {incident.where}
      </Field>
      <Field words={blankWords} label={t('fields.whatHappened')} long>
        {incident.whatHappened}
      </Field>
      <Field words={blankWords} label={t('fields.behaviours')}>
        {incident.behaviours.length > 0 && (
          <ul className="tags">
            {orderedBehaviours(incident.behaviours).map((behaviour) => (
              <li key={behaviour} className="tag">
                {t(`behaviours.${behaviour}`)}
              </li>
            ))}
          </ul>
        )}
      </Field>
      <Field words={blankWords} label={t('fields.whoDidIt')} long leftOut={omitted('whoDidIt')}>
        {incident.whoDidIt}
      </Field>
      <Field words={blankWords} label={t('fields.witnesses')} leftOut={omitted('witnesses')}>
        {incident.witnesses.length > 0 && (
          <ul className="plain-list">
            {incident.witnesses.map((witness, i) => (
              <li key={i}>{witness.contact ? t('detail.witness', { name: witness.name, contact: witness.contact }) : witness.name}</li>
            ))}
          </ul>
        )}
      </Field>
      <Field words={blankWords} label={t('fields.evidenceElsewhere')} long leftOut={omitted('evidenceElsewhere')}>
        {incident.evidenceElsewhere}
      </Field>
      <Field words={blankWords} label={t('fields.attachments')}>
        {incident.attachments.length > 0 &&
          (filesInFull ? (
            <>
              <AttachmentList attachments={incident.attachments} />
              {afterAttachments}
            </>
          ) : (
            <FileNames files={incident.attachments} unnamed={t('attachments:list.unnamed')} />
          ))}
      </Field>
      <Field words={blankWords} label={t('fields.reported')} leftOut={omitted('reported')}>
        {reported.reported ? t('detail.yes') : t('detail.no')}
      </Field>
      {showPolice && (reported.reported || reported.policeReference) && (
        <Field words={blankWords} label={t('fields.policeReference')}>
          {reported.policeReference ?? ''}
        </Field>
      )}
      {showPolice && (reported.reported || reported.officer) && (
        <Field words={blankWords} label={t('fields.officer')}>
          {reported.officer ?? ''}
        </Field>
      )}
      <Field words={blankWords} label={t('fields.howItFelt')} long leftOut={omitted('effect')}>
        {effect.howItFelt}
      </Field>
      <Field words={blankWords} label={t('fields.whatItChanged')} long leftOut={omitted('effect')}>
        {effect.whatItChanged}
      </Field>
      {breaches.length > 0 && (
        <Field words={blankWords} label={t('fields.breaches')}>
          <ul className="plain-list incident-breaches">
            {breaches.map((breach) => {
              const { order, condition } = words.breach(breach);
              const label = order && words.orderLabel(order.order);
              return (
                <li key={`${breach.orderId}:${breach.conditionId}`}>
                  <span dir="auto">{condition}</span>
                  {order && label && <span className="incident-breach-order">{orderLink ? orderLink(order.id, label) : label}</span>}
                </li>
              );
            })}
          </ul>
        </Field>
      )}
      {later && (
        <Field words={blankWords} label={t('fields.told')} leftOut={omitted('told')}>
          {(incident.told ?? []).length > 0 && (
            <ul className="plain-list">
              {(incident.told ?? []).map((item, i) => (
                // The item keeps the page's direction (its marker stays inside the page); the text is isolated.
                <li key={i}>
                  <bdi>{toldWords(item)}</bdi>
                </li>
              ))}
            </ul>
          )}
        </Field>
      )}
      {showPrivateNotes && (
        <Field words={blankWords} label={t('fields.privateNotes')} long>
          {(incident.privateNotes ?? '') !== '' && (
            <>
              {markPrivate && <span className="incident-private-mark">{t('detail.private')}</span>}
              <span className="long-text">{incident.privateNotes}</span>
            </>
          )}
        </Field>
      )}
    </dl>
  );
}
