import type { VaultKeys } from '../crypto';

/**
 * The unlocked state lives only here, in memory: the non-extractable data key and the diary's
 * seal key beside it. Locking drops both, tells every listener to drop decrypted data, and
 * tells every other open tab to lock too.
 */
type LockListener = () => void;

const CHANNEL_NAME = 'daybook-vault';

export class VaultSession {
  private keys: VaultKeys | null = null;
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

  /** Both keys come from the same unwrap, so they always belong to the same vault. */
  open(keys: VaultKeys): void {
    this.keys = { dataKey: keys.dataKey, chainKey: keys.chainKey };
  }

  /** Locks this tab and every other open tab of the app. */
  lock(): void {
    this.channel?.postMessage({ type: 'lock' });
    this.dropKey();
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
    this.keys = null;
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
