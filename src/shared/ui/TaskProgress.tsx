import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../hooks/useLocale';
import './taskProgress.css';

interface TaskProgressProps {
  /** What is being done ("Making the PDF…"): the bar's name. */
  label: string;
  /** Steps done of the total, or null while the amount is not known (a bar that just moves). */
  progress: { done: number; total: number } | null;
  /** Stops the task. No button when absent. */
  onCancel?: () => void;
  /** The Cancel button's text, when "Cancel" alone would be unclear. */
  cancelLabel?: string;
}

/**
 * A long task's progress and its Cancel button. Screen readers hear the label once, then every
 * tenth of the way (not every step: a thousand announcements would drown the Cancel button).
 */
export function TaskProgress({ label, progress, onCancel, cancelLabel }: TaskProgressProps) {
  const { t } = useTranslation('tasks');
  const locale = useLocale();
  const labelId = useId();
  // Made once: a formatter costs more to make than the whole bar costs to draw.
  const number = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const total = progress && progress.total > 0 ? progress.total : null;
  const done = total && progress ? Math.min(progress.done, total) : 0;
  const tenths = total ? Math.floor((done / total) * 10) * 10 : null;
  return (
    <div className="task-progress">
      <p id={labelId}>{label}</p>
      {total ? (
        <progress
          aria-labelledby={labelId}
          max={total}
          value={done}
          aria-valuetext={t('count', { done: number.format(done), total: number.format(total) })}
        />
      ) : (
        <progress aria-labelledby={labelId} />
      )}
      <p className="hint" aria-hidden="true">
        {total ? t('count', { done: number.format(done), total: number.format(total) }) : t('working')}
      </p>
      <p className="visually-hidden" role="status">
        {tenths === null ? t('working') : t('percent', { percent: number.format(tenths) })}
      </p>
      {onCancel && (
        <div className="button-row">
          <button type="button" className="button" onClick={onCancel}>
            {cancelLabel ?? t('cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
