import './verification.css';
import { useTranslation } from 'react-i18next';
import { contentKey, formatFingerprint } from '../../core/evidence';
import type { ExportDocument, IncidentKey } from '../../core/export/exportDocument';
import { verifiedStatement, type ExportVerification, type NotCovered as NotCoveredItem } from '../../core/export/verifyExport';
import { formatMoment } from '../../shared/format/formatWhen';
import { joinNames } from './joinNames';
import { notPrivateNotes } from './privateNotes';
import { useLocale } from '../../shared/hooks/useLocale';

/** The fields without which there is no log, named first in the headline (always shown in version 2). */
const HEADLINE_FIELDS: readonly IncidentKey[] = ['whatHappened', 'when', 'behaviours'];

const OUTCOME = {
  verified: { title: 'result.verified', className: 'verification-ok' },
  'partly-verified': { title: 'result.partlyVerified', className: 'verification-partial' },
  'not-verified': { title: 'result.notVerified', className: 'verification-failed' },
} as const;

interface VerificationProps {
  document: ExportDocument;
  verification: ExportVerification;
}

/** Field names in a sentence, in the language on screen. */
function useFieldList(): (fields: readonly IncidentKey[]) => string {
  const { t } = useTranslation('evidence');
  const language = useLocale();
  return (fields) =>
    joinNames(
      fields.map((field) => t(`fields.${field}`)),
      language,
    );
}

/**
 * Says plainly whether the file checks out, and names exactly what was checked: that its versions
 * match the file's own record of changes (nothing in it is keyed, so whose diary it is stays
 * unchecked: see NotCovered). "Verified" is the heading only when every check holds and every
 * version's shown text was checked; anything not covered is listed apart, under its own heading
 * (see NotCovered), never under this one.
 */
export function VerificationResult({ document, verification }: VerificationProps) {
  const { t } = useTranslation('evidence');
  const language = useLocale();
  const fieldList = useFieldList();
  const statement = verifiedStatement(verification);
  const { chain, coverage } = verification;
  const outcome = OUTCOME[statement.outcome];
  const headline = HEADLINE_FIELDS.filter((field) => statement.fieldsChecked.includes(field));
  const others = statement.fieldsChecked.filter((field) => !HEADLINE_FIELDS.includes(field));
  const incidents = new Set(coverage.revisions.filter((r) => r.status === 'checked').map((r) => r.entryId)).size;
  const tree = chain.ok ? verification.tree : null;

  return (
    <section className={`notice ${outcome.className}`} aria-labelledby="verification-title">
      <h2 id="verification-title">{t(outcome.title)}</h2>
      {statement.outcome !== 'not-verified' &&
        (statement.checkedRevisions > 0 ? (
          <>
            <p>
              {t('result.checked', {
                fields: fieldList(headline),
                versions: t('result.versions', { count: statement.checkedRevisions }),
                incidents: t('result.incidents', { count: incidents }),
              })}
            </p>
            {others.length > 0 && <p>{t('result.alsoChecked', { fields: fieldList(others) })}</p>}
          </>
        ) : (
          <p>{t('result.noneChecked')}</p>
        ))}
      {chain.ok ? (
        <p>{t(document.version === 1 ? 'result.chainOkV1' : 'result.chainOkV2', { count: chain.length })}</p>
      ) : (
        <p>{t('result.chainBroken', { position: chain.brokenAt + 1, reason: t(`result.reasons.${chain.reason}`) })}</p>
      )}
      {verification.problems.length > 0 && <p>{t('result.problems', { count: verification.problems.length })}</p>}
      {tree && (
        <>
          <p>
            {t('result.fingerprint')} <code className="fingerprint-text">{formatFingerprint(tree)}</code>
          </p>
          <p className="hint">{t('result.fingerprintHint')}</p>
        </>
      )}
      {document.version === 1 && chain.ok && (
        <p>
          {t('result.head')} <code className="hash">{chain.head}</code>
        </p>
      )}
      {coverage.earlier.length > 0 && (
        <>
          <h3>{t('result.earlierTitle')}</h3>
          <ul>
            {coverage.earlier.map((earlier) => (
              <li key={`${earlier.size}-${earlier.root}`}>
                {t(earlier.proven ? 'result.earlierProven' : 'result.earlierNotProven', {
                  fingerprint: formatFingerprint(earlier),
                  moment: formatMoment(earlier.sharedAt, language),
                  count: earlier.size,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {statement.outcome === 'not-verified' && <p>{t('result.notVerifiedAdvice')}</p>}
    </section>
  );
}

/** When each version was saved, by entry and revision number (for naming clock notes). */
function savedAt(document: ExportDocument): Map<string, string> {
  const moments = new Map<string, string>();
  for (const entry of document.entries) {
    for (const revision of entry.revisions) moments.set(contentKey(entry.id, revision.revision), revision.recordedAt);
  }
  return moments;
}

/** What the check does not vouch for, each in plain words, apart from the result above. */
export function NotCovered({ document, verification }: VerificationProps) {
  const { t } = useTranslation('evidence');
  const language = useLocale();
  const fieldList = useFieldList();
  const statement = verifiedStatement(verification);
  const { clockNotes, redrawnFiles, withheldFiles } = verification.coverage;
  const moments = savedAt(document);
  // Private notes are left out by Daybook unless chosen, not by the sender: they are not named
  // here (OpenPackageScreen says so once, with the file's other facts).
  const leftOut = statement.fieldsLeftOut.filter(notPrivateNotes);
  const items = statement.notCovered.filter((item) => item !== 'fields-left-out' || leftOut.length > 0);

  const describe = (item: NotCoveredItem): string => {
    switch (item) {
      case 'fields-left-out':
        return t('notCovered.fields-left-out', { fields: fieldList(leftOut) });
      case 'v1-partial-text':
        return t('notCovered.v1-partial-text', { count: statement.uncheckedText });
      case 'not-held-text':
        return t('notCovered.not-held-text', { count: statement.notHeld });
      case 'redrawn-pictures':
        return t('notCovered.redrawn-pictures', { count: statement.redrawnPictures });
      case 'withheld-pictures':
        return t('notCovered.withheld-pictures', { count: statement.withheldPictures });
      default:
        return t(`notCovered.${item}`);
    }
  };

  if (items.length === 0) return null;
  return (
    <section className="notice not-covered" aria-labelledby="not-covered-title">
      <h2 id="not-covered-title">{t('notCovered.title')}</h2>
      <ul>
        {items.map((item) => (
          <li key={item}>
            {describe(item)}
            {item === 'device-clock' && clockNotes.length > 0 && (
              <ul>
                {clockNotes.map(({ entryId, revision, note }) => {
                  const key = contentKey(entryId, revision);
                  const at = moments.get(key);
                  // Every note is of a version the file shows; one that is not has nothing to name.
                  if (at === undefined) return null;
                  return (
                    <li key={key}>
                      {t(note.kind === 'behind' ? 'notCovered.clockBehind' : 'notCovered.clockAhead', {
                        moment: formatMoment(at, language),
                      })}
                    </li>
                  );
                })}
              </ul>
            )}
            {item === 'redrawn-pictures' && (
              <ul>
                {redrawnFiles.map(({ ref, copySha256 }) => (
                  <li key={ref.id}>
                    <bdi>{ref.name || t('notCovered.unnamedFile')}</bdi>
                    <br />
                    {t('notCovered.originalSha256')} <span className="hash">{ref.sha256}</span>
                    <br />
                    {t('notCovered.copySha256')} <span className="hash">{copySha256}</span>
                  </li>
                ))}
              </ul>
            )}
            {item === 'withheld-pictures' && (
              <ul>
                {withheldFiles.map((ref) => (
                  <li key={ref.id}>
                    <bdi>{ref.name || t('notCovered.unnamedFile')}</bdi> <span className="hash">{ref.sha256}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
