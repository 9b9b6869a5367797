import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../shared/hooks/useLocale';
import { TaskProgress } from '../../shared/ui/TaskProgress';
import type { RestoreTask } from './useRestoreTask';

const KB = 1000;
const MB = 1000 * 1000;

/**
 * A running restore: the files' bytes written, with Stop; then, once the diary's records are
 * being written, that it is finishing, with no Stop (a diary is never left half-restored).
 */
export function RestoreProgress({ task }: { task: RestoreTask }) {
  const { t } = useTranslation('tasks');
  const locale = useLocale();
  const number = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  if (!task.running) return null;
  const { progress } = task;
  if (task.finishing || progress?.phase === 'records') {
    return <TaskProgress label={t('restore.finishing')} progress={progress?.phase === 'records' ? progress : null} />;
  }
  if (task.stopping) return <TaskProgress label={t('restore.stopping')} progress={null} />;
  const stop = { onCancel: task.stop, cancelLabel: t('restore.stop') };
  if (!progress) return <TaskProgress label={t('restore.starting')} progress={null} {...stop} />;
  // Whole megabytes (kilobytes for a small total): counting bytes would be a blur of digits.
  const unit = progress.total >= MB ? MB : KB;
  const total = Math.ceil(progress.total / unit);
  const label = t(unit === MB ? 'restore.filesMb' : 'restore.filesKb', { size: number.format(total) });
  return (
    <TaskProgress
      label={label}
      progress={{ done: progress.done >= progress.total ? total : Math.floor(progress.done / unit), total }}
      {...stop}
    />
  );
}
