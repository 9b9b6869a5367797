import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import { planIsEmpty, type MergePlan } from '../../core/backup/mergePlan';
import { appAttachments, appChecklistResults } from '../../core/vault/featureStores';
import { useDiary } from '../../shared/diary/useDiary';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { BackupFileFields } from './BackupFileFields';
import { BackupSummary } from './BackupSummary';

type Stage =
  { step: 'choose' } | { step: 'confirm'; backup: CheckedBackup; plan: MergePlan } | { step: 'done'; plan: MergePlan; files: number };

/** Restore a backup into the diary on this device: check it, say what it would add, then add it. */
export function RestoreIntoDiary() {
  const { t } = useTranslation('export');
  const diary = useDiary();
  const errorMessage = useFileErrorMessage();
  const targets = useMemo(
    () => ({ diary: diary.repository, attachments: appAttachments(), checklists: appChecklistResults() }),
    [diary.repository],
  );
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const checked = async (backup: CheckedBackup) => {
    setError(null);
    try {
      const { planRestore } = await import('../../core/backup/restoreBackup');
      setStage({ step: 'confirm', backup, plan: await planRestore(backup, targets) });
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const restore = async (backup: CheckedBackup) => {
    setBusy(true);
    setError(null);
    try {
      const { restoreBackup } = await import('../../core/backup/restoreBackup');
      const result = await restoreBackup(backup, targets);
      setStage({ step: 'done', plan: result.plan, files: result.addedFiles });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      await diary.refresh();
      setBusy(false);
    }
  };

  return (
    <>
      {stage.step === 'choose' && <BackupFileFields onChecked={(b) => void checked(b)} submitLabel={t('restore.check')} />}
      {stage.step === 'confirm' && (
        <>
          <BackupSummary backup={stage.backup} />
          <PlanSummary plan={stage.plan} />
          <div className="button-row">
            {!planIsEmpty(stage.plan) && (
              <button type="button" className="button primary" disabled={busy} onClick={() => void restore(stage.backup)}>
                {busy ? t('restore.restoring') : t('restore.restore')}
              </button>
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
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
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
