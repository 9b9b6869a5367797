// The settings rows with fixed ids: the diary's seal ('chain-seal'), its first page
// ('diary-first-page'), the shared fingerprints ('shared-fingerprints') and the backup status
// ('backup-status'). Ids are not encrypted, so a
// row that appeared only once a fingerprint was shared or a backup made would tell an onlooker
// so. Every vault has all of them from its creation (a vault from before gets them at its next
// unlock), each encrypted and padded to the same length whatever it holds. (A vault's seal row is
// stored with its header: see sealedHeader.ts.)

import { BackupStatusStore } from '../backup/backupStatusStore';
import type { DaybookDatabase } from '../store/db';
import { chainEnd } from '../store/diary/seal';
import { DiaryStorage } from '../store/diary/storage';
import { FingerprintStore } from '../store/fingerprintStore';
import { InboxStore } from '../inbox/inbox';

/**
 * Writes whichever of the fixed rows is missing, each as it is before anything happened. Rows
 * that exist are left as they are. The seal is written only over an empty diary in a vault from
 * before sealing (`diarySealed` false); a diary from before version 2 is sealed by its first load
 * (DiaryRepository.load). A vault whose header says its diary is sealed stored its seal with its
 * header: one missing now was removed, which the diary's load must find, not this cover over.
 */
export async function ensureFixedRows(
  db: DaybookDatabase,
  dataKey: () => CryptoKey,
  chainKey: () => CryptoKey,
  diarySealed: boolean,
): Promise<void> {
  await Promise.all([
    diarySealed || new DiaryStorage(db, dataKey, chainKey).resealAtLoad(chainEnd([]), [], undefined),
    new DiaryStorage(db, dataKey, chainKey).ensureFirstPage(),
    new FingerprintStore(db, dataKey).ensureRow(),
    new BackupStatusStore(db, dataKey).ensureRow(),
    // The inbox key pair (core/inbox/inbox.ts): made with the vault, so the lock screen can seal at once.
    new InboxStore(db, dataKey).ensureKeys(),
  ]);
}
