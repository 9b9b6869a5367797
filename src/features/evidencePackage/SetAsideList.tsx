import { useTranslation } from 'react-i18next';
import { describeSetAside, SET_ASIDE_NAMESPACE } from '../../core/export/describeSetAside';
import type { SetAsideRecord } from '../../core/export/setAside';
import { formatMoment } from '../../shared/format/formatWhen';
import { useLocale } from '../../shared/hooks/useLocale';

/** What an opened package carries but cannot show, each with why. */
export function SetAsideList({ records }: { records: readonly SetAsideRecord[] }) {
  const { t } = useTranslation([SET_ASIDE_NAMESPACE]);
  const language = useLocale();
  if (records.length === 0) return null;
  const hasRevision = records.some((record) => record.record === 'revision');
  return (
    <section className="notice" aria-labelledby="package-set-aside">
      <h2 id="package-set-aside">{t('setAside.title')}</h2>
      <p>{t('setAside.packageIntro', { count: records.length })}</p>
      <ul>
        {records.map((record, i) => (
          <li key={i}>{describeSetAside(record, t, (iso) => formatMoment(iso, language))}</li>
        ))}
      </ul>
      {hasRevision && <p>{t('setAside.packageChain')}</p>}
    </section>
  );
}
