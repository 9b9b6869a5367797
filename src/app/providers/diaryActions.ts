import type { DiaryRepository } from '../../core/store/diaryRepository';
import type { UnlockedStores } from '../../core/vault/featureStores';
import type { DiaryContextValue } from '../../shared/diary/diaryContext';

export type DiaryActions = Omit<DiaryContextValue, 'state' | 'snapshot' | 'integrity' | 'checkFailed'>;

/**
 * The named actions and queries screens use, over an opened repository and its stores, and the
 * vault's passphrase check. `seal` and `sealFindings` are the repository's as they are now
 * (read after load); `fingerprintsNotContained` is none until compared. useDiaryValue keeps
 * them current.
 */
export function diaryActions(
  repository: DiaryRepository,
  stores: UnlockedStores,
  confirmPassphrase: (passphrase: string) => Promise<void>,
): DiaryActions {
  const targets = { diary: repository, attachments: stores.attachments, checklists: stores.checklists, inbox: stores.inbox };
  return {
    seal: repository.sealState(),
    sealFindings: repository.sealFindings(),
    fingerprintsNotContained: [],
    treeHead: () => repository.treeHead(),
    add: (incident) => repository.add(incident),
    edit: (id, incident, basedOn) => repository.edit(id, incident, basedOn),
    remove: (id) => repository.remove(id),
    addOrder: (order) => repository.addOrder(order),
    editOrder: (id, order, basedOn) => repository.editOrder(id, order, basedOn),
    history: (entryId) => repository.history(entryId),
    records: () => repository.allRecords(),
    stores,
    // Backup code loads only when it is used.
    makeBackup: async (passphrase, options) => (await import('../../core/backup/createBackup')).createBackup(targets, passphrase, options),
    planRestore: async (backup) => (await import('../../core/backup/restoreBackup')).planRestore(backup, targets),
    restore: async (backup, options) => (await import('../../core/backup/restoreBackup')).restoreBackup(backup, targets, options),
    confirmPassphrase,
  };
}
