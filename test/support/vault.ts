import { DaybookDatabase } from '../../src/core/store/db';
import { DiaryRepository } from '../../src/core/store/diaryRepository';
import { VaultSession } from '../../src/core/vault/session';
import { Vault } from '../../src/core/vault/vault';

/** Cheap Argon2 parameters: tests check behaviour, not cost (the default is tested in crypto). */
export const TEST_KDF_COST = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

let counter = 0;

/** A vault over a fresh, uniquely named fake-indexeddb database, with a controllable clock. */
export function testVault(clock = { now: 1_700_000_000_000 }) {
  const name = `daybook-test-${process.pid}-${counter++}`;
  const db = new DaybookDatabase(name);
  const session = new VaultSession(`channel-${name}`);
  const vault = new Vault(db, session, () => clock.now, TEST_KDF_COST);
  return { db, session, vault, clock, name };
}

export async function createdVault(passphrase = 'correct horse battery staple') {
  const setup = testVault();
  const pending = await setup.vault.prepare(passphrase);
  await pending.commit();
  return { ...setup, passphrase, recoveryKey: pending.recoveryKey };
}

/**
 * A diary repository over a test vault's database, with its session's data key and chain-seal
 * key, as the app opens one. Not loaded yet. `now` drives the diary's clock.
 */
export function diaryOver(setup: { db: DaybookDatabase; session: VaultSession }, now?: () => Date): DiaryRepository {
  return new DiaryRepository(
    setup.db,
    () => setup.session.dataKey(),
    () => setup.session.chainKey(),
    now,
  );
}
