import { useTranslation } from 'react-i18next';
import { omittedFieldsOf, revisionIncident, type ExportEntry } from '../../core/export/exportDocument';
import { IncidentFields } from '../../shared/incident/IncidentFields';
import { formatMoment } from '../../shared/format/formatWhen';
import { useDescribeWhen } from '../../shared/format/useDescribeWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { excerpt } from '../../core/diary/excerpt';

/** The package's incidents in the order they happened; each opens to its fields and history. */
export function PackageEntries({ entries }: { entries: readonly ExportEntry[] }) {
  const { t } = useTranslation('export');
  const describeWhen = useDescribeWhen();
  const language = useLocale();
  if (entries.length === 0) return <p>{t('open.noEntries')}</p>;
  return (
    <ol className="plain-list package-entries">
      {entries.map((entry) => {
        const latest = entry.revisions.at(-1);
        if (!latest) return null;
        const incident = revisionIncident(latest);
        return (
          <li key={entry.id}>
            <details className="package-entry">
              <summary>
                <strong>{describeWhen(incident.when)}</strong> {excerpt(incident.whatHappened, 100)}
              </summary>
              <IncidentFields incident={incident} leftOut={omittedFieldsOf(latest)} />
              <h3>{t('open.history')}</h3>
              <ul>
                {entry.revisions.map((revision) => {
                  // Brought in from a backup of a diary that went its own way: first written there.
                  const origin = revision.kind === 'complete' ? revision.content.origin : undefined;
                  const moment = formatMoment(origin?.recordedAt ?? revision.recordedAt, language);
                  return (
                    <li key={revision.revision}>
                      {revision.revision === 1 ? t('open.written', { moment }) : t('open.edited', { moment })}
                      {revision.kind === 'partial' && ` ${t('open.revisionPartial')}`}
                      {origin && ` ${t('open.imported', { moment: formatMoment(revision.recordedAt, language) })}`}
                    </li>
                  );
                })}
              </ul>
              <p className="hint">{t('open.entryId', { id: entry.id })}</p>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
