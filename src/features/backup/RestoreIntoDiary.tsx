import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import { planIsEmpty, type MergePlan } from '../../core/backup/mergePlan';
import type { RestoreResult } from '../../core/backup/restoreBackup';
import { RestoreNotConfirmedError } from '../../core/backup/restoreErrors';
import { useDiary } from '../../shared/diary/useDiary';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { BackupFileFields } from './BackupFileFields';
import { BackupSummary } from './BackupSummary';
import { ConfirmRestore } from './ConfirmRestore';
import { RestorePlanSummary } from './RestorePlanSummary';
import { restoreChangesWording, restoreJoinedKey } from './restoreWording';

type Stage =
  | { step: 'choose' }
  /** `replanned`: the plan shown before no longer held when the person confirmed it; this is the new one. */
  | { step: 'confirm'; backup: CheckedBackup; plan: MergePlan; replanned?: true }
  | { step: 'done'; backup: CheckedBackup; result: RestoreResult };

/**
 * Restore a backup into the diary on this device: check it, say what it would add (and what it
 * would delete or change here, asking for the diary passphrase again if anything), then do it.
 */
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
      setStage({ step: 'done', backup, result: await diary.restore(backup) });
    });

  /**
   * After the passphrase was confirmed: restores only if the changes are still the ones shown
   * (`plan`), else shows the plan as it now is, nothing written. Other errors show beside the
   * passphrase field.
   */
  const restoreConfirmed = async (backup: CheckedBackup, plan: MergePlan) => {
    try {
      setStage({ step: 'done', backup, result: await diary.restore(backup, { confirmed: plan.changes }) });
    } catch (caught) {
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
        </>
      )}
      {stage.step === 'done' && (
        <>
          <div className="notice" role="status">
            <p>{t('restore.done', { incidents: stage.result.plan.newIncidents, files: stage.result.addedFiles })}</p>
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
