import { useTranslation } from 'react-i18next';
import { excerpt } from '../../core/model/excerpt';
import type { DiaryEntry } from '../../core/store/diaryRepository';
import { useDescribeWhen } from '../../shared/format/useDescribeWhen';

interface IncidentPickerProps {
  entries: readonly DiaryEntry[];
  picked: readonly string[];
  onChange: (picked: string[]) => void;
}

/** Tick single incidents to export. Lists those matching the dates and behaviours chosen. */
export function IncidentPicker({ entries, picked, onChange }: IncidentPickerProps) {
  const { t } = useTranslation('export');
  const describeWhen = useDescribeWhen();
  const chosen = new Set(picked);
  if (entries.length === 0) return <p className="hint">{t('incidents.none')}</p>;
  return (
    <>
      <p className="hint">{t('incidents.pickHint', { count: chosen.size })}</p>
      <ul className="choice-list incident-picker">
        {entries.map((entry) => (
          <li key={entry.id}>
            <label className="choice">
              <input
                type="checkbox"
                checked={chosen.has(entry.id)}
                onChange={(e) => onChange(e.target.checked ? [...picked, entry.id] : picked.filter((id) => id !== entry.id))}
              />
              <span>
                <strong>{describeWhen(entry.incident.when)}</strong> {excerpt(entry.incident.whatHappened, 80)}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}
