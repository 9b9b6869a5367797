import type { VaultKeys } from '../crypto';
import { forgetRetiringKeys, registerRetiringKeys } from '../crypto/retiringKeys';
import type { OpenedKeys } from '../crypto/vaultKeys';

/**
 * The unlocked state lives only here, in memory: the non-extractable data key and the diary's
 * seal key beside it. Locking drops both, tells every listener to drop decrypted data, and
 * tells every other open tab to lock too.
 */
type LockListener = () => void;

const CHANNEL_NAME = 'daybook-vault';

export class VaultSession {
  private keys: VaultKeys | null = null;
  private retiring: VaultKeys | null = null;
  private readonly lockListeners = new Set<LockListener>();
  private readonly channel: BroadcastChannel | null;

  constructor(channelName: string = CHANNEL_NAME) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      if ((event.data as { type?: string } | null)?.type === 'lock') this.dropKey();
    });
  }

  get unlocked(): boolean {
    return this.keys !== null;
  }

  /** The data key; throws when locked so no code path can silently work on a locked vault. */
  dataKey(): CryptoKey {
    if (!this.keys) throw new VaultLockedError();
    return this.keys.dataKey;
  }

  /** The key that seals the diary's head (see crypto/chainKey.ts); throws when locked. */
  chainKey(): CryptoKey {
    if (!this.keys) throw new VaultLockedError();
    return this.keys.chainKey;
  }

  /**
   * Both keys come from the same unwrap, so they always belong to the same vault. While the data
   * key is being replaced, `keys.retiring` (the previous keys) opens rows not yet re-encrypted:
   * every write uses the new key, every read falls back (crypto/retiringKeys.ts).
   */
  open(keys: OpenedKeys): void {
    if (this.keys) forgetRetiringKeys(this.keys.dataKey);
    this.keys = { dataKey: keys.dataKey, chainKey: keys.chainKey };
    this.retiring = keys.retiring ? { dataKey: keys.retiring.dataKey, chainKey: keys.retiring.chainKey } : null;
    if (this.retiring) registerRetiringKeys(keys.dataKey, this.retiring);
  }

  /** The previous keys while the data key is being replaced (undefined otherwise); throws when locked. */
  retiringKeys(): VaultKeys | undefined {
    if (!this.keys) throw new VaultLockedError();
    return this.retiring ?? undefined;
  }

  /** The data key's replacement is over: the previous key is dropped, only the current one opens rows. */
  forgetRetiring(): void {
    if (this.keys) forgetRetiringKeys(this.keys.dataKey);
    this.retiring = null;
  }

  /** Locks this tab and every other open tab of the app. */
  lock(): void {
    this.channel?.postMessage({ type: 'lock' });
    this.dropKey();
  }

  /**
   * Locks every other open tab of the app, not this one: before the data key is replaced, so no
   * tab goes on writing with the previous key (unlocking again gives it both).
   */
  lockOtherTabs(): void {
    this.channel?.postMessage({ type: 'lock' });
  }

  onLock(listener: LockListener): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  close(): void {
    this.channel?.close();
  }

  private dropKey(): void {
    const wasUnlocked = this.keys !== null;
    if (this.keys) forgetRetiringKeys(this.keys.dataKey);
    this.keys = null;
    this.retiring = null;
    if (!wasUnlocked) return;
    for (const listener of this.lockListeners) {
      try {
        listener();
      } catch {
        // Every listener must get its chance to drop data.
      }
    }
  }
}

export class VaultLockedError extends Error {
  readonly code = 'vault-locked';
  constructor() {
    super('The vault is locked');
    this.name = 'VaultLockedError';
  }
}
