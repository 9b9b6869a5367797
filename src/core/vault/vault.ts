import {
  changePassphrase,
  createVault,
  replaceRecoveryKey,
  resetPassphraseWithRecoveryKey,
  unlockKeysWithPassphrase,
  unlockWithPassphrase,
  assertSupportedVaultHeader,
  WrongPassphraseError,
  type KdfCost,
  type OpenedVault,
  type VaultHeader,
} from '../crypto';
import type { DaybookDatabase, MetaRow } from '../store/db';
import { LazyDatabase, peekMetaRow } from '../store/lazyDatabase';
import { beginKeyReplacement, type CancelOptions } from '../crypto/vaultKeys';
import { taskCancelled } from '../crypto/kdf';
import type { KeyReplacementRunOptions } from './keyReplacement';
import { guardStorage } from '../store/storageErrors';
import { remainingWait, type FailureRecord } from './unlockThrottle';
import { VaultLockedError, type VaultSession } from './session';
import { markUnlockStep } from '../perf/unlockMarks';

// As store/db.ts VAULT_HEADER_KEY, written out: that module (and Dexie) is not on the first screen.
const HEADER_KEY = 'vaultHeader';
const FAILURES_KEY = 'unlockFailures';

export type VaultStatus = 'none' | 'locked' | 'unlocked';

/** What the app shows: the vault's status, or that it is still being read, or that storage failed. */
export type VaultState = VaultStatus | 'loading' | 'unavailable';

export interface PendingVault {
  /** Shown to the user once; never stored. */
  recoveryKey: string;
  /**
   * Stores the vault and opens it. `fill` (starting from a backup) runs with the vault open but
   * before it announces itself unlocked, so no screen moves on until it has finished.
   */
  commit: (fill?: () => Promise<void>) => Promise<void>;
}

/**
 * Where a replacement of the data key stands (docs/vault-format.md): none this session, running
 * (rows and file chunks looked at, of all stored), paused by a lock (the next unlock carries on),
 * failed (storage refused: the next unlock tries again), or done (`unreadable`: rows that opened
 * under neither key, damaged before, left as they were).
 */
export type KeyReplacementState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'paused' }
  | { phase: 'failed' }
  | { phase: 'done'; unreadable: number };

/** A replacement of the data key made in memory: nothing is stored until `commit`. */
export interface PendingKeyReplacement {
  /** The new recovery key (the previous one cannot open the new data key). Shown once; never stored. */
  recoveryKey: string;
  /**
   * Stores the new header, switches this tab to the new key, locks every other tab, and starts
   * re-encrypting (followed through subscribeKeyReplacement). Resolves once the header is stored.
   */
  commit: () => Promise<void>;
}

/** An unlock's or a recovery's options: Stop (`signal`), and word of the moment Stop stops counting. */
export interface OpenOptions extends CancelOptions {
  /**
   * Called once, synchronously, at the moment after which aborting `signal` has no effect (the
   * keys are open and the attempt will carry on to the end), so a screen can take Stop away
   * then rather than offer one that does nothing. Never called for an attempt that is stopped,
   * throttled or refused (wrong passphrase or recovery key).
   */
  onKeysOpened?: () => void;
}

/** The header changed between preparing a change and storing it (another tab, say): nothing was stored. */
export class VaultHeaderChangedError extends Error {
  readonly code = 'vault/header-changed';
  constructor() {
    super('The vault header changed meanwhile');
    this.name = 'VaultHeaderChangedError';
  }
}

/** Thrown when an unlock is attempted before the wait after repeated failures is over. */
export class UnlockThrottledError extends Error {
  readonly code = 'unlock-throttled';
  constructor(readonly waitMs: number) {
    super('Too many attempts');
    this.name = 'UnlockThrottledError';
  }
}

/**
 * The vault: creating it, unlocking and locking, and changing its keys. A passphrase change or a
 * new recovery key only rewraps the data key; replacing the data key (prepareKeyReplacement)
 * re-encrypts every row.
 */
export class Vault {
  private state: VaultState = 'loading';
  private readonly listeners = new Set<() => void>();
  private reading = false;
  private sealed = false;
  /** While the header this session opened predates sealing: the header, and its relabelled copy to come. */
  private unsealedHeader: { header: VaultHeader; markSealed: () => Promise<VaultHeader> } | null = null;
  private replacement: KeyReplacementState = { phase: 'idle' };
  private replacing: Promise<void> | null = null;
  private readonly replacementListeners = new Set<() => void>();
  /** Batch size, pauses and (in tests) a hook before each write of a data-key replacement. */
  keyReplacementOptions: Pick<KeyReplacementRunOptions, 'batchSize' | 'pause' | 'beforeWrite'> = {};
  /** The database once loaded (at once when given one), and the load under way. */
  private loaded: DaybookDatabase | null;
  private loading: Promise<DaybookDatabase> | null = null;

  constructor(
    private readonly source: DaybookDatabase | LazyDatabase,
    readonly session: VaultSession,
    private readonly now: () => number = () => Date.now(),
    private readonly kdfCost?: KdfCost,
  ) {
    this.loaded = source instanceof LazyDatabase ? null : source;
    // Locking here, in another tab, by quick exit or auto-lock: every subscriber hears of it.
    session.onLock(() => {
      this.sealed = false;
      this.unsealedHeader = null;
      this.announce('locked');
    });
  }

  /**
   * The database, for the stores of an unlocked vault. Setting up, unlocking and recovering load
   * it, so it is there whenever the vault is open; asked for before then, it throws.
   */
  get db(): DaybookDatabase {
    if (!this.loaded) throw new Error('The database loads when the vault is set up, unlocked or recovered');
    return this.loaded;
  }

  /** The database, loading Dexie's code on first use. */
  private database(): Promise<DaybookDatabase> {
    if (this.loaded) return Promise.resolve(this.loaded);
    const source = this.source as LazyDatabase;
    this.loading ??= source.load().then(
      (db) => (this.loaded = db),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  /** A meta row, read without loading Dexie while it is not loaded yet (the locked screens). */
  private readMeta(key: string): Promise<MetaRow | undefined> {
    const { loaded, source } = this;
    return guardStorage('read', () => (loaded ? loaded.meta.get(key) : peekMetaRow((source as LazyDatabase).name, key)));
  }

  /**
   * Whether the header this session opened says the diary is sealed (its passphrase wrap's label:
   * see crypto/vaultKeys.ts). The diary then takes a missing seal row as one removed.
   */
  get diarySealed(): boolean {
    return this.sealed;
  }

  /** Opens the session with keys from `header`'s passphrase wrap, noting what its label says. */
  private openWith(header: VaultHeader, opened: OpenedVault): void {
    this.session.open(opened);
    this.sealed = opened.diarySealed;
    this.unsealedHeader = opened.markSealed ? { header: opened.upgraded ?? header, markSealed: opened.markSealed } : null;
  }

  /**
   * A header whose passphrase wrap was format 1 is stored again in format 2 (same data key,
   * label and KDF parameters: crypto/vaultKeys.ts), only over the header just opened, in one
   * transaction. A failure is not the unlock's: the next unlock tries again.
   */
  private async storeUpgraded(header: VaultHeader, opened: OpenedVault): Promise<void> {
    const upgraded = opened.upgraded;
    if (!upgraded) return;
    try {
      const [db, { storeHeaderOver }] = await Promise.all([this.database(), import('./keyReplacement')]);
      await storeHeaderOver(db, HEADER_KEY, header, upgraded);
    } catch {
      // Left as it was; it still opens.
    }
  }

  /**
   * Subscribes to the vault's state (for React's useSyncExternalStore). Every action that opens,
   * locks or erases the vault announces the new state itself: callers never re-read it.
   */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.readStateEarly();
    return () => this.listeners.delete(listener);
  };

  /**
   * Starts the first read of the state (is there a vault on this device?) before anything
   * subscribes, so the start-up's database read overlaps the loading of the first screen.
   */
  readStateEarly(): void {
    if (this.state === 'loading' && !this.reading) void this.readState();
  }

  /** The state last read or announced ('loading' until the first read finishes). */
  readonly getState = (): VaultState => this.state;

  private async readState(): Promise<void> {
    this.reading = true;
    try {
      this.announce(await this.status());
    } catch {
      this.announce('unavailable');
    } finally {
      this.reading = false;
    }
  }

  /**
   * After opening the session and awaiting more work: a lock meanwhile (another tab, quick
   * exit) has dropped the key, and the vault must not claim to be open without it.
   */
  private announceSession(): void {
    this.announce(this.session.unlocked ? 'unlocked' : 'locked');
  }

  private announce(state: VaultState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }

  async status(): Promise<VaultStatus> {
    if (this.session.unlocked) return 'unlocked';
    return (await this.header()) ? 'locked' : 'none';
  }

  private async header(): Promise<VaultHeader | undefined> {
    const row = await this.readMeta(HEADER_KEY);
    if (!row) return undefined;
    assertSupportedVaultHeader(row.value);
    return row.value;
  }

  private async requireHeader(): Promise<VaultHeader> {
    const header = await this.header();
    if (!header) throw new Error('No vault on this device');
    return header;
  }

  private async saveHeader(header: VaultHeader): Promise<void> {
    const db = await this.database();
    // Dexie resolves a write once its transaction has committed, so the vault is stored
    // before the app moves on. Never at a lower version than the one stored (sealedHeader.ts).
    const { putHeader } = await import('./sealedHeader');
    await putHeader(db, HEADER_KEY, header);
  }

  /**
   * Prepares a new vault in memory. Nothing is stored until the user confirms they have kept
   * the recovery key (commit), so an interrupted set-up never leaves a vault nobody can recover.
   */
  async prepare(passphrase: string, options: CancelOptions = {}): Promise<PendingVault> {
    await this.database();
    if (await this.header()) throw new Error('A vault already exists on this device');
    // Stopped (options.signal): TaskCancelledError, and nothing to commit.
    const { header, dataKey, chainKey, recoveryKey } = await createVault(passphrase, this.kdfCost, options);
    return {
      recoveryKey,
      commit: async (fill) => {
        if (await this.header()) throw new Error('A vault already exists on this device');
        // The header says the diary is sealed, so it is stored with the empty diary's seal.
        const { storeNewVault } = await import('./sealedHeader');
        await storeNewVault(this.db, HEADER_KEY, header, { dataKey, chainKey });
        this.openWith(header, { dataKey, chainKey, diarySealed: true });
        try {
          await this.ensureFixedRows();
          await fill?.();
        } finally {
          this.announceSession();
        }
      },
    };
  }

  /**
   * Loads the database's code now (while the passphrase is typed), so that an unlock's first
   * step is not parsing Dexie on the page. Only a head start: a failure shows again at unlock.
   */
  preloadDatabase(): void {
    this.database().catch(() => undefined);
  }

  /** Milliseconds before another unlock attempt is allowed. */
  async unlockWait(): Promise<number> {
    const row = await this.readMeta(FAILURES_KEY);
    return remainingWait(row?.value as FailureRecord | undefined, this.now());
  }

  /**
   * Opens the vault with the passphrase. Aborting `options.signal` before the keys are opened
   * rejects with TaskCancelledError (the Argon2id worker is terminated) and changes nothing: no
   * failed attempt is counted, the count so far is not cleared, the vault stays locked. The same
   * answer comes whatever the passphrase, so a stopped attempt tells nobody whether it was right,
   * and needs no counting.
   *
   * Stop has no effect after the synchronous check just before openWith: from there the session
   * holds the keys, and clearing the failed attempts, upgrading the header and writing the fixed
   * rows (hundreds of milliseconds on a phone) run to the end whatever the signal says. Locking
   * again on a late Stop is no answer: by then the failures are being cleared, which would tell
   * an onlooker the passphrase was right. `options.onKeysOpened` is called at that point instead.
   */
  async unlock(passphrase: string, options: OpenOptions = {}): Promise<void> {
    const { signal, onKeysOpened } = options;
    await this.database();
    const wait = await this.unlockWait();
    if (wait > 0) throw new UnlockThrottledError(wait);
    const header = await this.requireHeader();
    let opened: OpenedVault;
    try {
      opened = await unlockKeysWithPassphrase(header, passphrase, signal ? { signal } : {});
      // Checked with no await before openWith: a stop cannot slip in between. The last point
      // at which Stop counts.
      if (signal?.aborted) throw await taskCancelled();
      this.openWith(header, opened);
      markUnlockStep('keys-open');
    } catch (error) {
      // Stopped, whatever the outcome was to be (right, wrong, or failing): nothing recorded.
      if (signal?.aborted) throw await taskCancelled();
      if (error instanceof WrongPassphraseError) await this.recordFailure();
      throw error;
    }
    try {
      // Still no await since the check: the screen hears before a later Stop could be pressed.
      onKeysOpened?.();
      await guardStorage('write', () => this.db.meta.delete(FAILURES_KEY));
      await this.storeUpgraded(header, opened);
      markUnlockStep('header-stored');
      await this.ensureFixedRows();
      markUnlockStep('fixed-rows');
    } finally {
      this.announceSession();
    }
    // A replacement of the data key left unfinished (a reload, a closed tab) carries on now.
    if (opened.retiring) void this.resumeKeyReplacement();
  }

  /**
   * Writes whichever settings row with a fixed id is missing (see fixedRows.ts), with the keys
   * just opened: at creation, and at every unlock for a vault from before they were written at
   * creation. Its code loads only now. A failure is not the unlock's: the next unlock tries again.
   */
  private async ensureFixedRows(): Promise<void> {
    try {
      const { ensureFixedRows } = await import('./fixedRows');
      await ensureFixedRows(
        this.db,
        () => this.session.dataKey(),
        () => this.session.chainKey(),
        this.sealed,
      );
    } catch {
      // Locked meanwhile, or storage refused: the rows only keep an onlooker from learning
      // anything, and nothing else waits on them.
    }
  }

  /**
   * The diary calls this once a load leaves its seal row stored. A header from before sealing is
   * then relabelled sealed with the key this unlock derived (no Argon2), and stored only over the
   * header this session opened and only while the seal row is there (sealedHeader.ts). Tried
   * once a session; a failure leaves the header as it was, for the next unlock to try again.
   */
  async markDiarySealed(): Promise<void> {
    const unsealed = this.unsealedHeader;
    if (!unsealed) return;
    this.unsealedHeader = null;
    const [sealed, { storeSealedHeader }] = await Promise.all([unsealed.markSealed(), import('./sealedHeader')]);
    if ((await storeSealedHeader(this.db, HEADER_KEY, unsealed.header, sealed)) && this.session.unlocked) this.sealed = true;
  }

  /**
   * The diary calls this before it first packs records (core/store/diary/packs.ts): the header is
   * moved to version 2, which a version of Daybook from before packs refuses to unlock, and every
   * other open tab is told to lock (one still running such a version would otherwise go on
   * writing rows where packs now hold the places). True when packing may go ahead.
   */
  async allowDiaryPacks(): Promise<boolean> {
    if (!this.session.unlocked) return false;
    const { moveHeaderToPacks } = await import('./packsHeader');
    const moved = await moveHeaderToPacks(this.db, HEADER_KEY).catch(() => 'none' as const);
    if (moved === 'moved') this.session.lockOtherTabs();
    return moved !== 'none' && this.session.unlocked;
  }

  /** Whether the diary's seal row is stored (code loaded only when asked). */
  private async hasSealRow(): Promise<boolean> {
    const [db, { hasSealRow }] = await Promise.all([this.database(), import('./sealedHeader')]);
    return hasSealRow(db);
  }

  /**
   * Checks the passphrase against the stored header and changes nothing else: no key, no header,
   * no announced state. Asked before something that cannot be undone (a restore that deletes).
   * It counts towards the same wait as unlocking (UnlockThrottledError), so it is no faster a
   * way to guess; the right passphrase clears the count, as an unlock does.
   */
  async confirmPassphrase(passphrase: string): Promise<void> {
    await this.database();
    const wait = await this.unlockWait();
    if (wait > 0) throw new UnlockThrottledError(wait);
    try {
      await unlockWithPassphrase(await this.requireHeader(), passphrase);
    } catch (error) {
      if (error instanceof WrongPassphraseError) await this.recordFailure();
      throw error;
    }
    await guardStorage('write', () => this.db.meta.delete(FAILURES_KEY));
  }

  private async recordFailure(): Promise<void> {
    await this.database();
    await guardStorage('write', () =>
      this.db.transaction('rw', this.db.meta, async () => {
        const previous = (await this.db.meta.get(FAILURES_KEY))?.value as FailureRecord | undefined;
        const record: FailureRecord = { count: (previous?.count ?? 0) + 1, lastAt: this.now() };
        await this.db.meta.put({ key: FAILURES_KEY, value: record });
      }),
    );
  }

  /**
   * Forgotten passphrase: the recovery key opens the vault and a new passphrase is set.
   *
   * The recovery wrap cannot say whether the diary is sealed (relabelling it would need the
   * recovery key at every unlock), so the new passphrase wrap says so only if the seal row is
   * stored now; otherwise it is relabelled as a header from before sealing is, once the diary's
   * first load has sealed it. Meanwhile the diary goes by its seal row alone. What that leaves:
   * someone who removes the seal row (and the newest rows) and then gets the person to recover
   * makes the diary "sealed from now" again, with no warning of what was removed.
   */
  async recover(recoveryKey: string, newPassphrase: string, options: OpenOptions = {}): Promise<void> {
    const { signal, onKeysOpened } = options;
    await this.database();
    const current = await this.requireHeader();
    const diarySealed = await this.hasSealRow();
    // The new passphrase wrap's cost is the default (this.kdfCost only in tests), never the
    // stored one: nothing vouches for it once the passphrase wrap has failed to open.
    const { header, ...opened } = await resetPassphraseWithRecoveryKey(current, recoveryKey, newPassphrase, this.kdfCost, {
      diarySealed,
      ...(signal ? { signal } : {}),
    });
    // Stopped before anything is stored (TaskCancelledError): the old passphrase still opens it.
    // This check is the last point at which Stop counts: from here the new header is stored
    // and the vault opened whatever the signal says, and onKeysOpened tells the screen so
    // (synchronously, before saveHeader's first await).
    if (signal?.aborted) throw await taskCancelled();
    onKeysOpened?.();
    await this.saveHeader(header);
    await guardStorage('write', () => this.db.meta.delete(FAILURES_KEY));
    this.openWith(header, opened);
    await this.ensureFixedRows();
    this.announceSession();
    if (opened.retiring) void this.resumeKeyReplacement();
  }

  /**
   * The new passphrase wrap says the diary is sealed if the old one did or the seal row is stored
   * (a header from before sealing whose relabelling has not happened yet).
   */
  async changePassphrase(current: string, next: string, options: CancelOptions = {}): Promise<void> {
    const header = await this.requireHeader();
    const diarySealed = this.sealed || (await this.hasSealRow());
    const changed = await changePassphrase(header, current, next, this.kdfCost, { diarySealed, ...options });
    // Stopped (TaskCancelledError): nothing stored, the current passphrase stays.
    if (options.signal?.aborted) throw await taskCancelled();
    await this.saveHeader(changed);
    // The header this session opened is gone: its relabelling would no longer apply.
    this.unsealedHeader = null;
    if (diarySealed && this.session.unlocked) this.sealed = true;
  }

  /**
   * A new recovery key replaces the old one, which stops working. Aborting `options.signal`
   * during Argon2id stores nothing (TaskCancelledError).
   */
  async newRecoveryKey(passphrase: string, options: CancelOptions = {}): Promise<string> {
    const { header, recoveryKey } = await replaceRecoveryKey(await this.requireHeader(), passphrase, options);
    // Stopped just after Argon2id: nothing is stored, as if stopped before.
    if (options.signal?.aborted) throw await taskCancelled();
    await this.saveHeader(header);
    return recoveryKey;
  }

  /**
   * Prepares replacing the data key (docs/vault-format.md) in memory: a new data key under the
   * passphrase (`newPassphrase` if given, else the current one under a new salt) and a new
   * recovery key, the previous key retiring beside it. Nothing is stored until `commit`, so the
   * new recovery key can be shown and kept first. KeyReplacementUnfinishedError while an earlier
   * replacement is unfinished; WrongPassphraseError for a wrong `passphrase`.
   */
  async prepareKeyReplacement(passphrase: string, newPassphrase?: string, options: CancelOptions = {}): Promise<PendingKeyReplacement> {
    const header = await this.requireHeader();
    const diarySealed = this.sealed || (await this.hasSealRow());
    // Stopped (options.signal): TaskCancelledError, and nothing to commit.
    const replacement = await beginKeyReplacement(header, passphrase, {
      diarySealed,
      ...(newPassphrase === undefined ? {} : { newPassphrase }),
      ...(this.kdfCost ? { cost: this.kdfCost } : {}),
      ...options,
    });
    return {
      recoveryKey: replacement.recoveryKey,
      commit: async () => {
        const [db, { storeHeaderOver }] = await Promise.all([this.database(), import('./keyReplacement')]);
        if (!(await storeHeaderOver(db, HEADER_KEY, header, replacement.header))) throw new VaultHeaderChangedError();
        // Other tabs hold only the previous key: they lock, and unlocking gives them both.
        this.session.lockOtherTabs();
        if (!this.session.unlocked) return; // locked meanwhile: the next unlock carries on
        this.session.open({ ...replacement.keys, retiring: replacement.retiring });
        this.unsealedHeader = null;
        if (replacement.diarySealed) this.sealed = true;
        void this.resumeKeyReplacement();
      },
    };
  }

  /** Where a replacement of the data key stands (for React's useSyncExternalStore). */
  readonly getKeyReplacement = (): KeyReplacementState => this.replacement;

  readonly subscribeKeyReplacement = (listener: () => void): (() => void) => {
    this.replacementListeners.add(listener);
    return () => this.replacementListeners.delete(listener);
  };

  /** Re-encrypts what is left under the previous key, then drops it; one run at a time. Never rejects. */
  resumeKeyReplacement(): Promise<void> {
    this.replacing ??= this.runKeyReplacement().finally(() => {
      this.replacing = null;
    });
    return this.replacing;
  }

  private async runKeyReplacement(): Promise<void> {
    const session = this.session;
    const keys = () => {
      const previous = session.retiringKeys();
      if (!previous) throw new VaultLockedError();
      return { current: { dataKey: session.dataKey(), chainKey: session.chainKey() }, previous };
    };
    try {
      keys();
    } catch {
      return; // nothing to replace in this session
    }
    this.setReplacement({ phase: 'running', done: 0, total: 0 });
    try {
      const [db, { completeKeyReplacement }] = await Promise.all([this.database(), import('./keyReplacement')]);
      const result = await completeKeyReplacement(db, HEADER_KEY, keys, {
        ...this.keyReplacementOptions,
        onProgress: ({ done, total }) => this.setReplacement({ phase: 'running', done, total }),
      });
      session.forgetRetiring();
      this.setReplacement({ phase: 'done', unreadable: result.unreadable });
    } catch (error) {
      this.setReplacement(error instanceof VaultLockedError || !session.unlocked ? { phase: 'paused' } : { phase: 'failed' });
    }
  }

  private setReplacement(state: KeyReplacementState): void {
    this.replacement = state;
    for (const listener of [...this.replacementListeners]) listener();
  }

  lock(): void {
    this.session.lock();
    // The session announces a lock only when it held a key; the state follows it either way.
    if (this.state === 'unlocked') this.announce('locked');
  }

  /** Deletes the whole database. Irreversible: the UI asks twice. */
  async erase(): Promise<void> {
    this.session.lock();
    await this.database();
    this.db.close();
    try {
      await guardStorage('write', () => this.db.delete());
      await this.db.open();
    } finally {
      // Whatever storage now holds: 'none' after a clean erase, or 'unavailable'.
      await this.readState();
    }
  }
}
