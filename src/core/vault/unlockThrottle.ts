/**
 * A growing wait after repeated wrong passphrases, kept in the database so a reload does not
 * reset it. It slows guessing on the device itself; offline guessing is slowed by Argon2id.
 */
export interface FailureRecord {
  count: number;
  lastAt: number;
}

const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 2_000;
const MAX_WAIT_MS = 5 * 60_000;

/** How long after the last failure the next attempt is allowed. */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_MS);
}

/** Milliseconds still to wait before another attempt (0 when allowed now). */
export function remainingWait(record: FailureRecord | undefined, now: number): number {
  if (!record) return 0;
  return Math.max(0, record.lastAt + waitAfter(record.count) - now);
}
