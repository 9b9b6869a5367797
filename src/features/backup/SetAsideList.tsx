import { useTranslation } from 'react-i18next';
import { describeSetAside, SET_ASIDE_NAMESPACE } from '../../core/export/describeSetAside';
import type { SetAsideRecord } from '../../core/export/setAside';
import { formatMoment } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';

/** What a checked backup will not restore, each with why, before anything is restored. */
export function SetAsideList({ records }: { records: readonly SetAsideRecord[] }) {
  const { t } = useTranslation([SET_ASIDE_NAMESPACE]);
  const language = useLocale();
  if (records.length === 0) return null;
  const hasRevision = records.some((record) => record.record === 'revision');
  return (
    <section className="warning" aria-labelledby="backup-set-aside">
      <h3 id="backup-set-aside">{t('setAside.title')}</h3>
      <p>{t('setAside.backupIntro', { count: records.length })}</p>
      <ul>
        {records.map((record, i) => (
          <li key={i}>{describeSetAside(record, t, (iso) => formatMoment(iso, language))}</li>
        ))}
      </ul>
      {hasRevision && <p>{t('setAside.backupChain')}</p>}
    </section>
  );
}
