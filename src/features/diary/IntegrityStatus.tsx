import { useTranslation } from 'react-i18next';
import { useDiary } from '../../shared/diary/useDiary';

/** Whether the diary's evidence chain verifies, and how many entries were deleted, in plain words. */
export function IntegrityStatus() {
  const { t } = useTranslation('diary');
  const { integrity, snapshot } = useDiary();
  const deleted = snapshot?.deleted.length ?? 0;
  return (
    <>
      {!integrity ? (
        <p className="hint">{t('integrity.checking')}</p>
      ) : integrity.ok ? (
        <p className="integrity ok" data-testid="integrity">
          {t('integrity.ok', { count: integrity.length })}
        </p>
      ) : (
        <p className="integrity broken error" role="alert" data-testid="integrity">
          {t('integrity.broken', { position: integrity.brokenAt + 1 })}
        </p>
      )}
      {deleted > 0 && (
        <p className="deleted-count" data-testid="deleted-count">
          {t('integrity.deleted', { count: deleted })}
        </p>
      )}
    </>
  );
}
