import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** On the diary: the way to record sound, a photo or a video into Daybook itself. */
export function RecordLink() {
  const { t } = useTranslation('capture');
  return (
    <p className="record-link">
      <Link to="/record">{t('entry.link')}</Link>
    </p>
  );
}
