import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import { planIsEmpty, type MergePlan } from '../../core/backup/mergePlan';
import { useDiary } from '../../shared/diary/useDiary';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { BackupFileFields } from './BackupFileFields';
import { BackupSummary } from './BackupSummary';

type Stage =
  { step: 'choose' } | { step: 'confirm'; backup: CheckedBackup; plan: MergePlan } | { step: 'done'; plan: MergePlan; files: number };

/** Restore a backup into the diary on this device: check it, say what it would add, then add it. */
export function RestoreIntoDiary() {
  const { t } = useTranslation('export');
  const diary = useDiary();
  const errorMessage = useFileErrorMessage();
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const { busy, error, run } = useAsyncAction(errorMessage);

  const checked = (backup: CheckedBackup) =>
    run(async () => {
      setStage({ step: 'confirm', backup, plan: await diary.planRestore(backup) });
    });

  const restore = (backup: CheckedBackup) =>
    run(async () => {
      const result = await diary.restore(backup);
      setStage({ step: 'done', plan: result.plan, files: result.addedFiles });
    });

  return (
    <>
      {stage.step === 'choose' && <BackupFileFields onChecked={(b) => void checked(b)} submitLabel={t('restore.check')} />}
      {stage.step === 'confirm' && (
        <>
          <BackupSummary backup={stage.backup} />
          <PlanSummary plan={stage.plan} />
          <div className="button-row">
            {!planIsEmpty(stage.plan) && (
              <BusyButton
                className="button primary"
                busy={busy}
                label={t('restore.restore')}
                busyLabel={t('restore.restoring')}
                onClick={() => void restore(stage.backup)}
              />
            )}
            <button type="button" className="button" disabled={busy} onClick={() => setStage({ step: 'choose' })}>
              {t('restore.another')}
            </button>
          </div>
        </>
      )}
      {stage.step === 'done' && (
        <>
          <p className="notice" role="status">
            {t('restore.done', { incidents: stage.plan.newIncidents, files: stage.files })}
          </p>
          <div className="button-row">
            <button type="button" className="button" onClick={() => setStage({ step: 'choose' })}>
              {t('restore.another')}
            </button>
          </div>
        </>
      )}
      <ErrorAlert message={error} />
    </>
  );
}

/** What restoring would change here, in plain words. */
function PlanSummary({ plan }: { plan: MergePlan }) {
  const { t } = useTranslation('export');
  if (planIsEmpty(plan)) return <p role="status">{t('restore.nothingToAdd')}</p>;
  return (
    <div role="status">
      <p>{t('restore.willAdd')}</p>
      <ul>
        <li>{t('restore.newIncidents', { count: plan.newIncidents })}</li>
        {plan.updatedIncidents > 0 && <li>{t('restore.updatedIncidents', { count: plan.updatedIncidents })}</li>}
        <li>{t('restore.newFiles', { count: plan.files.length })}</li>
        {plan.checklists.length > 0 && <li>{t('restore.newChecklists', { count: plan.checklists.length })}</li>}
      </ul>
      {plan.relation === 'diverged' && <p className="hint">{t('restore.diverged')}</p>}
      {plan.deletedIncidents > 0 ? (
        <p className="warning">{t('restore.deletedIncidents', { count: plan.deletedIncidents })}</p>
      ) : (
        <p className="hint">{t('restore.neverDeletes')}</p>
      )}
    </div>
  );
}
