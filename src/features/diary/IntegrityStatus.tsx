import { useTranslation } from 'react-i18next';
import type { DiaryContextValue } from '../../shared/diary/diaryContext';
import { useDiary } from '../../shared/diary/useDiary';

type SealState = DiaryContextValue['seal'];

/**
 * Whether the diary's evidence chain verifies, whether it reaches where the diary was last
 * sealed, and how many entries were deleted, in plain words. "Nothing altered or missing" is
 * said only when both hold: a chain that verifies may still have lost its newest records.
 */
export function IntegrityStatus() {
  const { t } = useTranslation('diary');
  const { integrity, seal, snapshot } = useDiary();
  const deleted = snapshot?.deleted.length ?? 0;
  const sealHolds = seal.state === 'sealed' || seal.state === 'sealed-from-now';
  return (
    <>
      {!sealHolds && <SealWarning seal={seal} />}
      {!integrity ? (
        <p className="hint">{t('integrity.checking')}</p>
      ) : !integrity.ok ? (
        <p className="integrity broken error" role="alert" data-testid="integrity">
          {t('integrity.broken', { position: integrity.brokenAt + 1 })}
        </p>
      ) : (
        sealHolds && (
          <p className="integrity ok" data-testid="integrity">
            {t('integrity.ok', { count: integrity.length })}
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

/** Recent records missing, or a seal that cannot be confirmed: what it is, what it can mean, what to do. */
function SealWarning({ seal }: { seal: SealState }) {
  const { t } = useTranslation('diary');
  return (
    <div className="warning seal-warning" role="alert" data-testid="seal-warning">
      {seal.state === 'records-missing' ? (
        <>
          <p className="error">{t('integrity.missing')}</p>
          <p>{t('integrity.missingCounts', { sealedSize: seal.sealedSize, size: seal.size })}</p>
        </>
      ) : (
        <p className="error">{t('integrity.sealInvalid')}</p>
      )}
      <p>{t('integrity.sealMeaning')}</p>
      <p>{t('integrity.sealWhatToDo')}</p>
    </div>
  );
}
