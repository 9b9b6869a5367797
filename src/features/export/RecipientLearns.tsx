import { useTranslation } from 'react-i18next';
import { OMITTABLE_FIELDS } from '../../core/export/exportDocument';
import type { RecipientLearns as Learns } from '../../core/export/recipientLearns';
import type { ExportFormat } from '../../shared/exportFiles/makeExport';
import { formatMoment } from '../../shared/format/formatWhen';
import { joinNames } from './joinNames';
import { useLocale } from '../../shared/hooks/useLocale';

/**
 * Before anything is written: what the file tells its recipient beyond the incidents chosen
 * (exactly what recipientLearns in core/export lists). Of records left out: the diary's number of
 * records (and that number, and the date, at each fingerprint shared); where each version sent
 * sits among them; for each, an opaque code of the record before it, and whether that record was
 * saved more than a day earlier or the clock read earlier than it, never its time. Of details left
 * out, only that they exist.
 */
export function RecipientLearns({ learns, format }: { learns: Learns; format: ExportFormat }) {
  const { t } = useTranslation('evidence');
  const { t: te } = useTranslation('export');
  const language = useLocale();
  // In the form's order, whatever order they were ticked in.
  const leftOut = OMITTABLE_FIELDS.filter((field) => learns.omittedFields.includes(field));
  const omitted =
    leftOut.length > 0
      ? t('learns.omitted', {
          fields: joinNames(
            leftOut.map((field) => t(`fields.${field}`)),
            language,
          ),
        })
      : null;
  const ordersGoOut = learns.orders > 0 ? te('ordersGoOut', { count: learns.orders }) : null;
  const privateNotes = learns.omittedFields.includes('privateNotes') ? te('privateNotes.leftOut') : te('privateNotes.included');
  return (
    <section className="notice recipient-learns" aria-labelledby="recipient-learns-title">
      <h2 id="recipient-learns-title">{t('learns.title')}</h2>
      {/* A spreadsheet carries no record of changes, and no column for a detail left out. */}
      {format === 'csv' ? (
        <p>{t('learns.spreadsheet')}</p>
      ) : (
        <>
          <p>{t('learns.intro')}</p>
          <ul>
            <li>{t('learns.total', { count: learns.totalLinks })}</li>
            {/* With every record in the file, these tell nothing of records left out. */}
            {learns.leavesEntriesOut && learns.exportedLinks > 0 && (
              <>
                <li>{t('learns.positions')}</li>
                <li>{t('learns.previous')}</li>
                <li>{t('learns.gap')}</li>
              </>
            )}
            {ordersGoOut && <li>{ordersGoOut}</li>}
            {learns.earlierFingerprints.map(({ size, sharedAt }) => (
              <li key={size}>{t('learns.earlier', { count: size, moment: formatMoment(sharedAt, language) })}</li>
            ))}
            {omitted && <li>{omitted}</li>}
          </ul>
          {learns.leavesEntriesOut && <p>{t('learns.nothingElse')}</p>}
        </>
      )}
      {/* Said in every format: private notes go out only when ticked. */}
      <p>{privateNotes}</p>
    </section>
  );
}
