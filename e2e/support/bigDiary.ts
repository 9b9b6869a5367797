// A Daybook backup of a large diary, made in Node with Daybook's own core code over
// fake-indexeddb, so a browser test can start from a thousand incidents in seconds (set-up,
// "Start from a backup") rather than typing each one.

import 'fake-indexeddb/auto';
import { createBackup } from '../../src/core/backup/createBackup';
import type { Incident } from '../../src/core/model/incident';
import { emptyIncident } from '../../src/core/model/incident';
import { AttachmentStore } from '../../src/core/store/attachmentStore';
import { ChecklistStore } from '../../src/core/store/checklistStore';
import { DaybookDatabase } from '../../src/core/store/db';
import { DiaryRepository } from '../../src/core/store/diaryRepository';
import { VaultSession } from '../../src/core/vault/session';
import { Vault } from '../../src/core/vault/vault';

/** The lowest cost Daybook accepts: these files are for tests only. */
const CHEAP_KDF = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

const SENTENCES = [
  'The grey car was parked opposite the house again when I got home from work.',
  'He was waiting outside the school gates and followed us to the bus stop.',
  'Three missed calls from a withheld number between eleven and midnight.',
  'A message on the doorstep: a card with no name and a drawing of the house.',
  'He turned up at the supermarket while I was shopping and stood at the end of the aisle.',
];

function incidentNumber(n: number): Incident {
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(n / 28) % 12) + 1).padStart(2, '0');
  return {
    ...emptyIncident(new Date(`2025-${month}-${day}T12:00:00Z`)),
    when: { kind: 'exact', date: `2025-${month}-${day}`, time: '21:40' },
    where: `Station Road, number ${n}`,
    whatHappened: `Incident ${n}. ${SENTENCES[n % SENTENCES.length] ?? ''} ${SENTENCES[(n + 2) % SENTENCES.length] ?? ''}`,
    behaviours: n % 2 === 0 ? ['following', 'loitering'] : ['contact-phone'],
  };
}

/** A backup (bytes) of a diary of `count` incidents, opened with `passphrase`. */
export async function bigDiaryBackup(count: number, passphrase: string): Promise<Buffer> {
  const name = `daybook-e2e-big-${process.pid}-${Date.now()}`;
  const db = new DaybookDatabase(name);
  const session = new VaultSession(`channel-${name}`);
  let clock = Date.parse('2026-01-05T09:00:00.000Z');
  const vault = new Vault(db, session, () => clock, CHEAP_KDF);
  const pending = await vault.prepare('setup passphrase for a generated diary');
  await pending.commit();
  const key = () => session.dataKey();
  const diary = new DiaryRepository(
    db,
    key,
    () => session.chainKey(),
    () => new Date((clock += 60_000)),
  );
  await diary.load();
  for (let n = 1; n <= count; n++) await diary.add(incidentNumber(n));
  const made = await createBackup(
    { diary, attachments: new AttachmentStore(db, key), checklists: new ChecklistStore(db, key) },
    passphrase,
    {
      kdfCost: CHEAP_KDF,
    },
  );
  const bytes = Buffer.from(await made.file.arrayBuffer());
  session.lock();
  db.close();
  return bytes;
}
