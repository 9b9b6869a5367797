import { useTranslation } from 'react-i18next';
import { useDiary } from './useDiary';

/** Whether the diary's evidence chain verifies, in plain words. */
export function IntegrityStatus() {
  const { t } = useTranslation('diary');
  const { integrity } = useDiary();
  if (!integrity) return <p className="hint">{t('integrity.checking')}</p>;
  if (integrity.ok) {
    return (
      <p className="integrity ok" data-testid="integrity">
        {t('integrity.ok', { count: integrity.length })}
      </p>
    );
  }
  return (
    <p className="integrity broken error" role="alert" data-testid="integrity">
      {t('integrity.broken', { position: integrity.brokenAt + 1 })}
    </p>
  );
}
