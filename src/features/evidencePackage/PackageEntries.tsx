import { useTranslation } from 'react-i18next';
import { contentKey } from '../../core/evidence';
import {
  latestOrder,
  omittedFieldsOf,
  revisionIncident,
  revisionOrigin,
  type ExportEntry,
  type ExportOrder,
  type ExportRevision,
} from '../../core/export/exportDocument';
import type { RevisionCoverage, RevisionStatus } from '../../core/export/verifyExport';
import { IncidentFields } from '../../shared/incident/IncidentFields';
import { formatMoment } from '../../shared/format/formatWhen';
import { joinNames } from './joinNames';
import { useDescribeWhen } from '../../shared/format/useDescribeWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { excerpt } from '../../core/model/excerpt';
import { packageEntryId } from './packageEntryId';
import { notPrivateNotes } from './privateNotes';
import { ExhibitFiles } from './ExhibitFiles';
import type { Exhibit } from '../../core/export/exhibits';

interface PackageEntriesProps {
  entries: readonly ExportEntry[];
  /** The court orders the file carries, which breaches name. */
  orders?: readonly ExportOrder[];
  /** How far each version was checked (from the file's verification). */
  revisions: readonly RevisionCoverage[];
  /** The files' exhibit references, when the package's recorded ones agree with its order (see openPackage.ts). */
  exhibits?: ReadonlyMap<string, Exhibit>;
}

/** Why a version's line says more than when it was saved: its text unchecked, or failing the check. */
function statusNote(status: RevisionStatus): 'evidence:entry.textUnchecked' | 'evidence:entry.failed' | null {
  if (status === 'text-unchecked') return 'evidence:entry.textUnchecked';
  return status === 'failed' ? 'evidence:entry.failed' : null;
}

/** One version in an incident's history: when, how far it was checked, and any clock note. */
function RevisionLine({ revision, checked }: { revision: ExportRevision; checked: RevisionCoverage | undefined }) {
  const { t } = useTranslation(['export', 'evidence']);
  const language = useLocale();
  // Brought in from a backup of a diary that went its own way: first written there.
  const origin = revisionOrigin(revision);
  const moment = formatMoment(origin?.recordedAt ?? revision.recordedAt, language);
  // No coverage means the check never reached it: it is not called checked.
  const note = statusNote(checked?.status ?? 'failed');
  const clock = checked?.clock;
  return (
    <li>
      {revision.revision === 1 ? t('open.written', { moment }) : t('open.edited', { moment })}
      {note && ` ${t(note)}`}
      {origin && ` ${t('open.imported', { moment: formatMoment(revision.recordedAt, language) })}`}
      {/* The note's kind only: the previous record's time is not in the file. */}
      {clock && <span className="hint"> {t(clock.kind === 'behind' ? 'evidence:entry.clockBehind' : 'evidence:entry.clockAhead')}</span>}
    </li>
  );
}

/** The package's incidents in the order they happened; each opens to its fields and history. */
export function PackageEntries({ entries, revisions, orders = [], exhibits }: PackageEntriesProps) {
  const { t } = useTranslation(['export', 'evidence']);
  const describeWhen = useDescribeWhen();
  const language = useLocale();
  const coverage = new Map(revisions.map((r) => [contentKey(r.entryId, r.revision), r]));
  // Breaches are named from each order's latest version in the file (condition ids outlive edits).
  const named = orders.map((order) => ({ id: order.id, order: latestOrder(order) }));
  // A breach of an order the file does not carry is named as such ("not in this export"), never
  // as gone from a diary: given orders, IncidentFields would say "no longer in your diary".
  const ordersFor = (breaches: readonly { orderId: string }[]) =>
    breaches.every((breach) => named.some((order) => order.id === breach.orderId)) ? named : undefined;
  if (entries.length === 0) return <p>{t('open.noEntries')}</p>;
  return (
    <ol className="plain-list package-entries">
      {entries.map((entry, index) => {
        const latest = entry.revisions.at(-1);
        if (!latest) return null;
        const incident = revisionIncident(latest);
        const leftOut = omittedFieldsOf(latest);
        // Private notes are left out by Daybook unless chosen: never named as the sender's choice.
        const sendersChoice = leftOut.filter(notPrivateNotes);
        return (
          // Numbered as the list and the advocate's summary number it, which links here.
          <li key={entry.id} id={packageEntryId(index + 1)}>
            <details className="package-entry">
              <summary>
                <strong>{describeWhen(incident.when)}</strong> {excerpt(incident.whatHappened, 100)}
              </summary>
              <IncidentFields
                incident={incident}
                leftOut={leftOut}
                orders={ordersFor(incident.breaches ?? [])}
                afterAttachments={exhibits && exhibits.size > 0 && <ExhibitFiles attachments={incident.attachments} exhibits={exhibits} />}
              />
              {sendersChoice.length > 0 && (
                <p className="hint">
                  {t('evidence:entry.leftOut', {
                    fields: joinNames(
                      sendersChoice.map((field) => t(`evidence:fields.${field}`)),
                      language,
                    ),
                  })}
                </p>
              )}
              <h3>{t('open.history')}</h3>
              <ul>
                {entry.revisions.map((revision) => (
                  <RevisionLine
                    key={revision.revision}
                    revision={revision}
                    checked={coverage.get(contentKey(entry.id, revision.revision))}
                  />
                ))}
              </ul>
              <p className="hint">{t('open.entryId', { id: entry.id })}</p>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
