import { useTranslation } from 'react-i18next';
import { describeSetAside, SET_ASIDE_NAMESPACE } from '../../core/export/describeSetAside';
import type { SetAsideRecord } from '../../core/export/setAside';
import { formatMoment } from '../format/formatWhen';
import { useLocale } from '../hooks/useLocale';

const WORDING = {
  /** A checked backup: what it will not restore, before anything is restored. */
  backup: { intro: 'setAside.backupIntro', chain: 'setAside.backupChain', className: 'warning', id: 'backup-set-aside' },
  /** An opened package: what it carries but cannot show. */
  package: { intro: 'setAside.packageIntro', chain: 'setAside.packageChain', className: 'notice', id: 'package-set-aside' },
} as const;

/** The records a backup or package holds but Daybook set aside, each with why. */
export function SetAsideList({
  records,
  from,
  headingLevel,
}: {
  records: readonly SetAsideRecord[];
  from: keyof typeof WORDING;
  headingLevel: 2 | 3;
}) {
  const { t } = useTranslation([SET_ASIDE_NAMESPACE]);
  const language = useLocale();
  if (records.length === 0) return null;
  const wording = WORDING[from];
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const hasRevision = records.some((record) => record.record === 'revision');
  return (
    <section className={wording.className} aria-labelledby={wording.id}>
      <Heading id={wording.id}>{t('setAside.title')}</Heading>
      <p>{t(wording.intro, { count: records.length })}</p>
      <ul>
        {records.map((record, i) => (
          <li key={i}>{describeSetAside(record, t, (iso) => formatMoment(iso, language))}</li>
        ))}
      </ul>
      {hasRevision && <p>{t(wording.chain)}</p>}
    </section>
  );
}
