import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import { planIsEmpty, type MergePlan } from '../../core/backup/mergePlan';
import type { RestoreResult } from '../../core/backup/restoreBackup';
import { RestoreNotConfirmedError } from '../../core/backup/restoreErrors';
import { isTaskCancelled } from '../../core/workers/runTask';
import { useDiary } from '../../shared/diary/useDiary';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { BackupFileFields } from './BackupFileFields';
import { BackupSummary } from './BackupSummary';
import { ConfirmRestore } from './ConfirmRestore';
import { RestorePlanSummary } from './RestorePlanSummary';
import { RestoreProgress } from './RestoreProgress';
import { restoreChangesWording, restoreJoinedKey } from './restoreWording';
import { useInboxLimit } from './useInboxLimit';
import { useRestoreTask } from './useRestoreTask';

type Stage =
  | { step: 'choose' }
  /**
   * `replanned`: the plan shown before no longer held when the person confirmed it; this is the
   * new one. `stopped`: the person stopped the restore, nothing written; this is the plan again.
   */
  | { step: 'confirm'; backup: CheckedBackup; plan: MergePlan; replanned?: true; stopped?: true }
  | { step: 'done'; backup: CheckedBackup; result: RestoreResult };

/**
 * Restore a backup into the diary on this device: check it, say what it would add (and what it
 * would delete or change here, asking for the diary passphrase again if anything), then do it,
 * showing how far it has got, with Stop while its files are written.
 */
export function RestoreIntoDiary() {
  const { t } = useTranslation(['export', 'tasks']);
  const inboxLimit = useInboxLimit();
  const diary = useDiary();
  const errorMessage = useFileErrorMessage();
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const { busy, error, run } = useAsyncAction(errorMessage);
  const task = useRestoreTask();

  const checked = (backup: CheckedBackup) =>
    run(async () => {
      setStage({ step: 'confirm', backup, plan: await diary.planRestore(backup) });
    });

  /** After a stop (nothing written): the plan as it now is, and that it stopped. */
  const stopped = async (backup: CheckedBackup) => {
    setStage({ step: 'confirm', backup, plan: await diary.planRestore(backup), stopped: true });
  };

  const restore = (backup: CheckedBackup) =>
    run(async () => {
      try {
        setStage({ step: 'done', backup, result: await task.run((options) => diary.restore(backup, options)) });
      } catch (caught) {
        if (!isTaskCancelled(caught)) throw caught;
        await stopped(backup);
      }
    });

  /**
   * After the passphrase was confirmed: restores only if the changes are still the ones shown
   * (`plan`), else shows the plan as it now is, nothing written; the same after a stop. Other
   * errors show beside the passphrase field.
   */
  const restoreConfirmed = async (backup: CheckedBackup, plan: MergePlan) => {
    try {
      const result = await task.run((options) => diary.restore(backup, { ...options, confirmed: plan.changes }));
      setStage({ step: 'done', backup, result });
    } catch (caught) {
      if (isTaskCancelled(caught)) return stopped(backup);
      if (!(caught instanceof RestoreNotConfirmedError)) throw caught;
      setStage({ step: 'confirm', backup, plan: await diary.planRestore(backup), replanned: true });
    }
  };

  const chooseAnother = () => setStage({ step: 'choose' });

  return (
    <>
      {stage.step === 'choose' && <BackupFileFields onChecked={(b) => void checked(b)} submitLabel={t('restore.check')} />}
      {stage.step === 'confirm' && (
        <>
          <BackupSummary backup={stage.backup} />
          {stage.stopped && (
            <p className="notice" role="status">
              {t('tasks:restore.stopped')}
            </p>
          )}
          {stage.replanned && (
            <p className="warning" role="alert">
              {t('restore.planChanged')}
            </p>
          )}
          <RestorePlanSummary plan={stage.plan} />
          {stage.plan.changes.length > 0 ? (
            <ConfirmRestore onConfirmed={() => restoreConfirmed(stage.backup, stage.plan)} onCancel={chooseAnother} />
          ) : (
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
              <button type="button" className="button" disabled={busy} onClick={chooseAnother}>
                {t('restore.another')}
              </button>
            </div>
          )}
          <RestoreProgress task={task} />
        </>
      )}
      {stage.step === 'done' && (
        <>
          <div className="notice" role="status">
            <p>{t('restore.done', { incidents: stage.result.plan.newIncidents, files: stage.result.addedFiles })}</p>
            {stage.result.addedInboxItems > 0 && <p>{t('restore.doneInboxItems', { count: stage.result.addedInboxItems })}</p>}
            {stage.result.inboxItemsWithoutRoom > 0 && (
              <p className="warning">
                {t('restore.doneInboxItemsWithoutRoom', { count: stage.result.inboxItemsWithoutRoom, max: inboxLimit })}
              </p>
            )}
            <p>{t(restoreJoinedKey(stage.result.plan, stage.backup))}</p>
            {stage.result.plan.changes.length > 0 && (
              <p>
                {t(restoreChangesWording(stage.result.plan).done, {
                  deleted: stage.result.plan.changes.filter((c) => c.kind === 'deleted').length,
                  changed: stage.result.plan.changes.filter((c) => c.kind === 'changed').length,
                })}
              </p>
            )}
          </div>
          <div className="button-row">
            <button type="button" className="button" onClick={chooseAnother}>
              {t('restore.another')}
            </button>
          </div>
        </>
      )}
      <ErrorAlert message={error} />
    </>
  );
}
