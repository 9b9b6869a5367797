// The settings rows with fixed ids: the diary's seal ('chain-seal'), the shared fingerprints
// ('shared-fingerprints') and the backup status ('backup-status'). Ids are not encrypted, so a
// row that appeared only once a fingerprint was shared or a backup made would tell an onlooker
// so. Every vault has all three from its creation (a vault from before gets them at its next
// unlock), each encrypted and padded to the same length whatever it holds.

import { BackupStatusStore } from '../backup/backupStatusStore';
import type { DaybookDatabase } from '../store/db';
import { chainEnd } from '../store/diary/seal';
import { DiaryStorage } from '../store/diary/storage';
import { FingerprintStore } from '../store/fingerprintStore';

/**
 * Writes whichever of the fixed rows is missing, each as it is before anything happened. The
 * seal is written only over an empty diary (a new vault); a diary from before version 2 is
 * sealed by its first load (DiaryRepository.load). Rows that exist are left as they are.
 */
export async function ensureFixedRows(db: DaybookDatabase, dataKey: () => CryptoKey, chainKey: () => CryptoKey): Promise<void> {
  await Promise.all([
    new DiaryStorage(db, dataKey, chainKey).resealAtLoad(chainEnd([]), [], undefined),
    new FingerprintStore(db, dataKey).ensureRow(),
    new BackupStatusStore(db, dataKey).ensureRow(),
  ]);
}
