// Verifies a chain in its own worker, so the page (Quick exit above all) stays responsive while
// a large diary is checked after unlock. In-process where there are no workers (tests).

import { prewarmTask, runTask, TaskFailedError, type WorkerTask } from '../workers/runTask';
import { whenQuiet } from '../workers/whenIdle';
import type { ChainVerification, VerifyOptions } from './chain';
import { GENESIS_HASH } from './chainLink';
import { wireContent } from './fieldCommitments';
import type { RecordToVerify, VerifyChainAnswer, VerifyChainAsk, VerifyChainInput, VerifyChainQuietAsk } from './verifyChainTask';
import { VERIFY_SLICE } from './verifySlice';

const verifyChainWorker: WorkerTask<VerifyChainInput, ChainVerification, never, VerifyChainAsk, VerifyChainAnswer> = {
  name: 'verify-chain',
  // Written out literally here: Vite only bundles workers from this exact pattern.
  spawn: () => new Worker(new URL('./verifyChain.worker.ts', import.meta.url), { type: 'module', name: 'verify-chain' }),
  inProcess: async () => (await import('./verifyChainTask')).verifyChainTask,
};

/**
 * Starts the verify-chain worker now (while the passphrase is typed), so its code is fetched and
 * compiled before the check after unlock needs it. It verifies nothing until it is given a chain.
 */
export function prewarmVerifyChain(): void {
  prewarmTask(verifyChainWorker);
}

/**
 * The longest a whole check waits for quiet (no tap or key for 300 ms) before its copies and its
 * go-on answers; after it, each waits only for an idle moment.
 */
const QUIET_BUDGET_MS = 5_000;

export interface VerifyInWorkerOptions {
  /** Aborting (a lock) stops the sending and terminates the worker: TaskCancelledError. */
  signal?: AbortSignal;
  /** Records per slice sent (VERIFY_SLICE unless given). */
  slice?: number;
  options?: VerifyOptions;
}

/** Whether the worker asks only whether to go on: exactly `{ quiet: true }`. */
function isQuietAsk(question: VerifyChainAsk): question is VerifyChainQuietAsk {
  if (typeof question !== 'object' || question === null) return false;
  const keys = Object.keys(question);
  return keys.length === 1 && keys[0] === 'quiet' && (question as { quiet?: unknown }).quiet === true;
}

/**
 * As verifyChain over `records` (each link, with the body hashed into it where it still exists),
 * in a worker. The worker asks for the records a slice at a time, so the page copies one slice
 * per turn rather than the whole diary in one task; it builds no list of links or map of bodies
 * of its own, and lets go of `records` once the last slice is sent. The array must not change
 * meanwhile (the diary's arrays never do: a write makes a new one). Rejects with
 * TaskCancelledError once `signal` aborts, and answers no question after.
 */
export function verifyChainInWorker(
  records: readonly RecordToVerify[],
  { signal, slice, options }: VerifyInWorkerOptions = {},
): Promise<ChainVerification> {
  let held: readonly RecordToVerify[] | null = records;
  const total = records.length;
  const most = slice ?? VERIFY_SLICE;
  let next = 0;
  const input: VerifyChainInput = { total, ...(slice === undefined ? {} : { slice }), ...(options ? { options } : {}) };
  // What the verdict must match, taken now: nothing below holds `records` but `held`.
  const head = records.at(-1)?.link.hash ?? GENESIS_HASH;
  // Copies wait for quiet for at most this long in all; after it, only for idle moments.
  const quietUntil = performance.now() + QUIET_BUDGET_MS;
  const answer = async (question: VerifyChainAsk): Promise<VerifyChainAnswer> => {
    // The check runs behind the diary: each copy, and each go-on between batches of links, waits
    // for a moment the page is idle and not just tapped (within the budget above), so opening an
    // incident or typing is not queued behind it, and the worker stops soon after a tap (see
    // VERIFY_WORK_BETWEEN_PAUSES_MS) until the screen it opens has rendered.
    await whenQuiet({ signal, until: quietUntil });
    if (isQuietAsk(question)) return null;
    if (held === null) throw new TaskFailedError('the chain was sent already');
    const { from, count } = question;
    // The worker's question is checked like any message from outside: the next slice in order,
    // never more than a slice, never past the end.
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(count) || from !== next || count < 1 || count > most || from + count > total) {
      throw new TaskFailedError('the worker asked for records out of order');
    }
    // Only what the check reads: no origin, no other field of the page's records is copied. Salts
    // packed in memory go as stored: a structured clone keeps no class.
    const part = held.slice(from, from + count).map(({ link, content }) => ({ link, content: wireContent(content ?? null) }));
    next = from + count;
    if (next === total) held = null;
    return { records: part };
  };
  const run = runTask(verifyChainWorker, input, { signal, answer }).then((result) => {
    // A verdict that does not fit what was sent is no verdict: the check fails, and is retried.
    const fits = result.ok
      ? next === total && result.length === total && result.head === head
      : result.brokenAt >= 0 && result.brokenAt <= total;
    if (!fits) throw new TaskFailedError('the worker answered for another chain');
    return result;
  });
  // Whatever the outcome (a stop before the last slice included), the page holds nothing of the input.
  void run.then(
    () => (held = null),
    () => (held = null),
  );
  return run;
}
