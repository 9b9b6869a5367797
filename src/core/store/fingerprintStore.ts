import type { TreeHead } from '../evidence';
import { isIsoTimestamp, isSha256Hex } from '../evidence';
import { bytesEqual } from '../crypto';
import type { DaybookDatabase, EncryptedRow } from './db';
import { EncryptedTable } from './encryptedTable';
import { padded } from './padding';
import { guardStorage } from './storageErrors';

/** How a fingerprint left the device. */
export type FingerprintShareMethod = 'share' | 'copy' | 'print';

/** A fingerprint (tree head) of the diary that the person gave to someone else. */
export interface SharedFingerprint {
  size: number;
  root: string;
  /** When it was first shared (toISOString form). */
  sharedAt: string;
  how: FingerprintShareMethod;
}

const ROW_ID = 'shared-fingerprints';
const METHODS: readonly string[] = ['share', 'copy', 'print'] satisfies FingerprintShareMethod[];
/** Attempts when another tab keeps changing the list between our read and our write. */
const ATTEMPTS = 5;

function parseFingerprint(value: unknown): SharedFingerprint | null {
  if (typeof value !== 'object' || value === null) return null;
  const { size, root, sharedAt, how } = value as Record<string, unknown>;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return null;
  if (!isSha256Hex(root) || !isIsoTimestamp(sharedAt) || typeof how !== 'string' || !METHODS.includes(how)) return null;
  return { size, root, sharedAt, how: how as FingerprintShareMethod };
}

function parseList(value: unknown): SharedFingerprint[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = parseFingerprint(item);
    return parsed ? [parsed] : [];
  });
}

/**
 * What the row holds: every fingerprint shared, when one was last shared (again or not), and until
 * when the person put off the invitation to share ("Not now").
 */
interface Shares {
  fingerprints: SharedFingerprint[];
  lastSharedAt: string | null;
  promptSnoozedUntil: string | null;
}

const none = (): Shares => ({ fingerprints: [], lastSharedAt: null, promptSnoozedUntil: null });

/** The later of two timestamps (toISOString form compares as text), either possibly none. */
function later(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null || a >= b ? a : b;
}

/** The row's value: `{ fingerprints, lastSharedAt }`, or (as first written) a bare list. */
function parseShares(value: unknown): Shares {
  if (typeof value !== 'object' || value === null) return none();
  const record: Record<string, unknown> = Array.isArray(value) ? { fingerprints: value } : (value as Record<string, unknown>);
  const fingerprints = parseList(record.fingerprints).sort(inChainOrder);
  const recorded = isIsoTimestamp(record.lastSharedAt) ? record.lastSharedAt : null;
  const promptSnoozedUntil = isIsoTimestamp(record.promptSnoozedUntil) ? record.promptSnoozedUntil : null;
  // Never earlier than a share in the list.
  const lastSharedAt = fingerprints.reduce<string | null>((last, f) => later(last, f.sharedAt), recorded);
  return { fingerprints, lastSharedAt, promptSnoozedUntil };
}

/** The row's value, padded so its length does not tell how many fingerprints were shared. */
function stored(shares: Shares): Shares & { pad: string } {
  return padded({ fingerprints: shares.fingerprints, lastSharedAt: shares.lastSharedAt, promptSnoozedUntil: shares.promptSnoozedUntil });
}

/** Oldest chain first: each is a prefix of the next (an export proves that). */
function inChainOrder(a: SharedFingerprint, b: SharedFingerprint): number {
  return a.size - b.size || (a.sharedAt < b.sharedAt ? -1 : a.sharedAt > b.sharedAt ? 1 : 0);
}

function sameRow(a: EncryptedRow | undefined, b: EncryptedRow | undefined): boolean {
  // Every encryption has a fresh IV, so an unchanged IV means an unchanged row.
  return a === undefined || b === undefined ? a === b : bytesEqual(a.iv, b.iv);
}

/**
 * The fingerprints the person has shared (given to a friend, a lawyer, the police), so an export
 * can prove each is an earlier state of this diary, and the monthly prompt knows when the last
 * one was. One encrypted row: even the dates say something about the person. The row is written,
 * empty, when the vault is created (ensureRow), and padded, so neither its existence nor its
 * length tells an onlooker that anything was shared.
 */
export class FingerprintStore {
  private readonly table: EncryptedTable<unknown>;

  constructor(
    private readonly db: DaybookDatabase,
    key: () => CryptoKey,
  ) {
    this.table = new EncryptedTable<unknown>(db, 'settings', key);
  }

  /** Writes the row with nothing shared, unless it exists. Returns whether it wrote it. */
  ensureRow(): Promise<boolean> {
    return this.table.putIfAbsent(ROW_ID, stored(none()));
  }

  /** Every fingerprint shared, in chain order (smallest size first). */
  async list(): Promise<SharedFingerprint[]> {
    return parseShares(await this.table.get(ROW_ID)).fingerprints;
  }

  /**
   * Records that `head` was shared at `at`. Sharing the same fingerprint again keeps the first
   * record (its date is the one that proves the most) but moves lastSharedAt on. Returns the
   * record kept.
   */
  async record(head: TreeHead, how: FingerprintShareMethod, at: Date): Promise<SharedFingerprint> {
    const entry = parseFingerprint({ size: head.size, root: head.root, sharedAt: at.toISOString(), how });
    if (!entry) throw new TypeError('not a tree head');
    let kept: SharedFingerprint = entry;
    await this.update((shares) => {
      const existing = shares.fingerprints.find((f) => f.size === entry.size && f.root === entry.root);
      kept = existing ?? entry;
      const lastSharedAt = later(shares.lastSharedAt, entry.sharedAt);
      if (existing && lastSharedAt === shares.lastSharedAt) return null;
      const fingerprints = existing ? shares.fingerprints : [...shares.fingerprints, entry].sort(inChainOrder);
      return { ...shares, fingerprints, lastSharedAt };
    });
    return kept;
  }

  /** Until when "Not now" puts off the invitation to share (toISOString form), or null. */
  async promptSnoozedUntil(): Promise<string | null> {
    return parseShares(await this.table.get(ROW_ID)).promptSnoozedUntil;
  }

  /** Puts off the invitation to share until `until`. */
  async snoozePrompt(until: Date): Promise<void> {
    const promptSnoozedUntil = until.toISOString();
    await this.update((shares) => (shares.promptSnoozedUntil === promptSnoozedUntil ? null : { ...shares, promptSnoozedUntil }));
  }

  /**
   * Reads the row, applies `change` (null: nothing to write), and writes the result only if no
   * other tab changed the row meanwhile; else tries again on what that tab wrote.
   */
  private async update(change: (shares: Shares) => Shares | null): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const before = await guardStorage('read', () => this.db.settings.get(ROW_ID));
      const next = change(before ? parseShares(await this.table.open(before)) : none());
      if (next === null) return;
      // Encrypted first; then written only if no other tab changed the row meanwhile.
      const row = await this.table.seal(ROW_ID, stored(next));
      const written = await guardStorage('write', () =>
        this.db.transaction('rw', this.db.settings, async () => {
          if (!sameRow(await this.db.settings.get(ROW_ID), before)) return false;
          await this.db.settings.put(row);
          return true;
        }),
      );
      if (written) return;
      if (attempt === ATTEMPTS) throw new Error('The list of shared fingerprints kept changing');
    }
  }

  /**
   * When a fingerprint was last shared, the same one again included, or null if never (for the
   * monthly prompt: sharing again puts it off as sharing a new one does).
   */
  async lastSharedAt(): Promise<string | null> {
    return parseShares(await this.table.get(ROW_ID)).lastSharedAt;
  }
}
