import { useTranslation } from 'react-i18next';
import { planIsEmpty, type MergePlan, type RestoreChange } from '../../core/backup/mergePlan';
import { useDescribeWhen } from '../../shared/format/useDescribeWhen';
import { restoreChangesWording, type RestoreChangesWording } from './restoreWording';
import { useInboxLimit } from './useInboxLimit';

/** What restoring would change here, in plain words, before anything is written. */
export function RestorePlanSummary({ plan }: { plan: MergePlan }) {
  const { t } = useTranslation('export');
  const inboxLimit = useInboxLimit();
  const withoutRoom = (plan.inboxItemsWithoutRoom ?? 0) > 0 && (
    <p className="warning">{t('restore.newInboxItemsWithoutRoom', { count: plan.inboxItemsWithoutRoom, max: inboxLimit })}</p>
  );
  // Not "everything is already here" when items were left out for want of room.
  if (planIsEmpty(plan)) return withoutRoom ? <div role="status">{withoutRoom}</div> : <p role="status">{t('restore.nothingToAdd')}</p>;
  const wording = restoreChangesWording(plan);
  return (
    <div role="status">
      <p>{t('restore.willAdd')}</p>
      <ul>
        <li>{t('restore.newIncidents', { count: plan.newIncidents })}</li>
        {plan.updatedIncidents > 0 && <li>{t(wording.updated, { count: plan.updatedIncidents })}</li>}
        <li>{t('restore.newFiles', { count: plan.files.length })}</li>
        {plan.checklists.length > 0 && <li>{t('restore.newChecklists', { count: plan.checklists.length })}</li>}
        {plan.inboxItems !== undefined && plan.inboxItems.length > 0 && (
          <li>{t('restore.newInboxItems', { count: plan.inboxItems.length })}</li>
        )}
      </ul>
      {withoutRoom}
      {plan.relation === 'merged' && <p className="hint">{t('restore.merged')}</p>}
      {plan.relation === 'empty' && <p className="hint">{plan.sealedByThisDiary ? t('restore.emptySealed') : t('restore.empty')}</p>}
      {plan.changes.length > 0 ? (
        <RestoreChanges changes={plan.changes} wording={wording} />
      ) : (
        <p className="hint">{t('restore.neverDeletes')}</p>
      )}
    </div>
  );
}

/** Every incident here the restore deletes or changes, by when it happened and its opening words. */
function RestoreChanges({ changes, wording }: { changes: readonly RestoreChange[]; wording: RestoreChangesWording }) {
  const { t } = useTranslation('export');
  const describeWhen = useDescribeWhen();
  return (
    <section className="warning" aria-labelledby="restore-changes">
      <h3 id="restore-changes">{t('restore.changesTitle', { count: changes.length })}</h3>
      <p>{t(wording.why)}</p>
      <ul>
        {changes.map((change) => (
          <li key={change.entryId}>
            <strong>{describeWhen(change.happened)}</strong> <bdi>{change.title}</bdi>{' '}
            <em>{change.kind === 'deleted' ? t('restore.changeDeleted') : t(wording.changed)}</em>
          </li>
        ))}
      </ul>
    </section>
  );
}
