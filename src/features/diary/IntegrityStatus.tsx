import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SealFinding } from '../../core/store/diaryRepository';
import type { SharedFingerprint } from '../../core/store/fingerprintStore';
import type { DiaryContextValue } from '../../shared/diary/diaryContext';
import { formatMoment } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';
import { useDiary } from '../../shared/diary/useDiary';

type SealState = DiaryContextValue['seal'];

/**
 * Whether the diary's evidence chain verifies, whether it reaches where the diary was last
 * sealed, and how many entries were deleted, in plain words. "Nothing altered or missing" is
 * said only when the chain verifies, the seal holds, and no load has ever found records missing
 * or the seal invalid: a chain that verifies may still have lost its newest records, and a diary
 * sealed again after such a finding still shows it, with when it was noticed. Nor is it said when
 * a fingerprint the person shared is not part of the diary as it is now (records removed or
 * changed since it was shared).
 */
export function IntegrityStatus() {
  const { t } = useTranslation('diary');
  const language = useLocale();
  const { integrity, checkFailed, seal, sealFindings, fingerprintsNotContained, snapshot } = useDiary();
  const deleted = snapshot?.deleted.length ?? 0;
  const sealHolds = seal.state === 'sealed' || seal.state === 'sealed-from-now';
  const told = toldFinding(sealFindings);
  return (
    <>
      {(!sealHolds || sealFindings.length > 0) && <SealWarning seal={seal} findings={sealFindings} />}
      {fingerprintsNotContained.length > 0 && <FingerprintWarning notContained={fingerprintsNotContained} />}
      {!integrity && checkFailed ? (
        <p className="integrity error" role="alert" data-testid="integrity">
          {t('integrity.checkFailed')}
        </p>
      ) : !integrity ? (
        <p className="hint">{t('integrity.checking')}</p>
      ) : !integrity.ok ? (
        <p className="integrity broken error" role="alert" data-testid="integrity">
          {t('integrity.broken', { position: integrity.brokenAt + 1 })}
        </p>
      ) : (
        sealHolds && (
          <p className="integrity ok" data-testid="integrity">
            {told
              ? `${t('integrity.checked', { count: integrity.length })} ${t(
                  told.state === 'records-missing' ? 'integrity.checksOutNowMissing' : 'integrity.checksOutNowSealInvalid',
                  { moment: formatMoment(told.noticedAt, language) },
                )}`
              : fingerprintsNotContained.length > 0
                ? `${t('integrity.checked', { count: integrity.length })} ${t('integrity.checksOutNowFingerprint')}`
                : t('integrity.ok', { count: integrity.length })}
            {seal.state === 'sealed-from-now' && ` ${t('integrity.sealedFromNow')}`}
          </p>
        )
      )}
      {integrity && <p className="hint">{t('integrity.deviceClock')}</p>}
      {deleted > 0 && (
        <p className="deleted-count" data-testid="deleted-count">
          {t('integrity.deleted', { count: deleted })}
        </p>
      )}
    </>
  );
}

/**
 * The finding the integrity line names: the latest time records were found missing, else the
 * latest time the seal could not be confirmed; none when nothing was ever found.
 */
function toldFinding(findings: readonly SealFinding[]): SealFinding | undefined {
  return findings.filter((f) => f.state === 'records-missing').at(-1) ?? findings.at(-1);
}

/**
 * Recent records missing, or a seal that cannot be confirmed, now or at any earlier load: what
 * was found and when it was noticed, what it can mean, what to do.
 */
function SealWarning({ seal, findings }: { seal: SealState; findings: readonly SealFinding[] }) {
  const { t } = useTranslation('diary');
  const language = useLocale();
  return (
    <div className="warning seal-warning" role="alert" data-testid="seal-warning">
      {seal.state === 'records-missing' ? (
        <>
          <p className="error">{t('integrity.missing')}</p>
          <p>{t('integrity.missingCounts', { sealedSize: seal.sealedSize, size: seal.size })}</p>
        </>
      ) : seal.state === 'seal-invalid' ? (
        <p className="error">{t('integrity.sealInvalid')}</p>
      ) : (
        <p className="error">{t('integrity.foundBefore')}</p>
      )}
      {findings.length > 0 && (
        <ul className="seal-findings" data-testid="seal-findings">
          {findings.map((finding, index) => (
            <li key={`${finding.noticedAt}-${index}`}>{findingText(t, finding, formatMoment(finding.noticedAt, language))}</li>
          ))}
        </ul>
      )}
      <p>{t('integrity.sealMeaning')}</p>
      <p>{t('integrity.sealWhatToDo')}</p>
    </div>
  );
}

/**
 * Fingerprints the person shared that the diary as it is now does not contain: when each was
 * shared and how many records the diary had then, what it can mean, what to do.
 */
function FingerprintWarning({ notContained }: { notContained: readonly SharedFingerprint[] }) {
  const { t } = useTranslation('diary');
  const language = useLocale();
  return (
    <div className="warning fingerprint-warning" role="alert" data-testid="fingerprint-warning">
      {notContained.map(({ size, root, sharedAt }) => (
        <p className="error" key={`${size}-${root}-${sharedAt}`}>
          {t('integrity.fingerprintNotContained', { moment: formatMoment(sharedAt, language), count: size })}
        </p>
      ))}
      <p>{t('integrity.fingerprintMeaning')}</p>
    </div>
  );
}

/** One finding in plain words: when it was noticed (by this device's clock) and the counts then. */
function findingText(t: TFunction<'diary'>, { state, sealedSize, size }: SealFinding, moment: string): string {
  if (state === 'seal-invalid') return t('integrity.findingSealInvalid', { moment, size });
  return sealedSize === undefined
    ? t('integrity.findingMissingNoCount', { moment, size })
    : t('integrity.findingMissing', { moment, sealedSize, size });
}
