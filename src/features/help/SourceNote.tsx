import { useTranslation } from 'react-i18next';
import type { Source } from '../../core/model/helpline';
import { formatSource } from './format';

/** "Source: … (date). Checked …" under a section or a helpline. */
export function SourceNote({ source }: { source: Source }) {
  const { t } = useTranslation('help');
  return <p className="help-source">{formatSource(t, source)}</p>;
}
