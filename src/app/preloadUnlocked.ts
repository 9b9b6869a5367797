import type { i18n as I18n } from 'i18next';
import { inIdleTurns } from '../core/workers/whenIdle';
import { DIARY_NAMESPACES, diaryScreenPreloads } from './diaryScreens';

let started: Promise<unknown> | null = null;

/**
 * Fetches and compiles what the unlocked diary's first screen needs (its route and the incident
 * screen its rows open, the diary's store code, its strings, the code unlock runs before the
 * diary shows) while the passphrase is typed and Argon2id runs, rather than one after the other
 * once the keys are open. Nothing is decrypted or shown: only code and strings every copy of
 * Daybook has. Called on the lock screen's keystrokes; a failure (offline before the first visit
 * was cached, say) is forgotten, and each piece loads on use as before.
 *
 * Each piece starts at its own idle moment, not in the key's handler: started together they
 * kept the page's thread for 120 to 150 ms, and a Quick exit pressed then waited for them. (The
 * code they fetch still runs on the page's thread when it arrives.) One exception to "a failure
 * is forgotten": i18next does not ask again for strings it failed to load until a reload.
 */
export function preloadUnlocked(i18n: I18n): void {
  started ??= inIdleTurns([
    // The diary's route, and the screen a row opens: the first tap on an incident need not wait
    // for its code.
    ...diaryScreenPreloads,
    () => i18n.loadNamespaces(DIARY_NAMESPACES),
    () => import('../core/store/diaryRepository'),
    () => import('../core/vault/featureStores'),
    // Unlock writes any missing fixed row, and the diary's opening reads the protected settings,
    // before the first rows show: neither need wait for its code to be fetched then.
    () => import('../core/vault/fixedRows'),
    () => import('../core/store/protectedSettingsStore'),
  ]).catch(() => {
    started = null;
  });
  inIdleTurns([prewarmChainCheck, prewarmRowOpening]).catch(() => undefined);
}

/**
 * Starts the worker that checks the diary's chain after it loads, so its code is compiled before
 * then rather than while the first incident is opened. It checks nothing until it is given the
 * chain. On every keystroke, not once: each check uses its warm worker up, so a lock screen after
 * a lock warms another (one at most is kept; see prewarmTask).
 */
function prewarmChainCheck(): void {
  import('../core/evidence/verifyChainInWorker').then(
    ({ prewarmVerifyChain }) => prewarmVerifyChain(),
    () => undefined,
  );
}

/**
 * Starts the worker that decrypts the diary's records once the first page shows, and loads the
 * same task's code for the page, which opens a small diary itself
 * (core/store/diary/openRowsInWorker.ts), so the load need not wait for either. As above, on
 * every keystroke: a load uses its warm worker up, or sets it aside.
 */
function prewarmRowOpening(): void {
  import('../core/store/diary/openRowsInWorker').then(
    ({ prewarmOpenRows }) => prewarmOpenRows(),
    () => undefined,
  );
}
