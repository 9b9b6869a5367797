// The chain-verification task: what the verify-chain worker runs (and what runs in-process
// under Vitest). Hashing every link and body of a large diary takes seconds on a slow phone.
//
// The page does not hand the whole chain over at once: copying 50,000 links and bodies into the
// worker (structured clone) is one task of a second and more on a slow phone, during which a tap
// waits. The worker asks for the records a slice at a time instead (ask/answer, see
// core/workers), so the page copies one slice per turn, and builds the links and the bodies by
// key (verifyChain's `contents`) itself.

import type { TaskFunction } from '../workers/protocol';
import { verifyChain, type ChainVerification, type VerifyOptions } from './chain';
import { contentKey, type ChainLink } from './chainLink';
import { VERIFY_SLICE } from './verifySlice';

export { VERIFY_SLICE } from './verifySlice';

/** One record of the chain as the page holds it: its link, and the body hashed into it where it still exists. */
export interface RecordToVerify {
  link: ChainLink;
  /** The revision's salted content (v1 or v2); null (or undefined) once erased, or for a tombstone. */
  content?: unknown;
}

export interface VerifyChainInput {
  /** How many records the chain has: the worker asks for them, `slice` at a time, in chain order. */
  total: number;
  /** Records per question; VERIFY_SLICE unless given. */
  slice?: number;
  options?: VerifyOptions;
}

/** The worker's question for the `count` records from place `from` of the chain. */
export interface VerifyChainRecordsAsk {
  from: number;
  count: number;
}

/** The worker's question, between batches of links, whether it may go on: answered once the page is quiet. */
export interface VerifyChainQuietAsk {
  quiet: true;
}

export type VerifyChainAsk = VerifyChainRecordsAsk | VerifyChainQuietAsk;

/** The page's answer to a question for records: exactly those records, in chain order. */
export interface VerifyChainSlice {
  records: readonly RecordToVerify[];
}

/** The page's answer: the records asked for, or null to a question whether to go on. */
export type VerifyChainAnswer = VerifyChainSlice | null;

/**
 * Links the worker verifies in a batch, and the least time it works between two questions
 * whether to go on. After a tap the worker goes on for up to about that long, one batch and a
 * message more, then waits until the page is quiet (within verifyChainInWorker's budget); a
 * quiet page costs the check a round trip and the wait for an idle moment each time.
 */
export const VERIFY_BATCH_IN_WORKER = 64;
export const VERIFY_WORK_BETWEEN_PAUSES_MS = 15;

export class VerifyInputError extends Error {
  override readonly name = 'VerifyInputError';
}

/**
 * Asks for every record, a slice at a time, then verifies the chain exactly as verifyChain does
 * (asking between batches of links whether to go on)
 * on the links and the bodies by contentKey (a later body for the same key replacing an earlier
 * one, as building the map on the page did). A slice of the wrong length rejects: the check never
 * speaks of a chain it was not wholly given.
 */
export const verifyChainTask: TaskFunction<VerifyChainInput, ChainVerification, never, VerifyChainAsk, VerifyChainAnswer> = async (
  { total, slice = VERIFY_SLICE, options },
  context,
) => {
  if (!Number.isSafeInteger(total) || total < 0 || !Number.isSafeInteger(slice) || slice < 1) {
    throw new VerifyInputError('total and slice must be whole numbers');
  }
  const links: ChainLink[] = [];
  const contents = new Map<string, unknown>();
  for (let from = 0; from < total; from += slice) {
    context.signal.throwIfAborted();
    const count = Math.min(slice, total - from);
    const answer = await context.ask({ from, count });
    context.signal.throwIfAborted();
    if (answer === null || answer.records.length !== count)
      throw new VerifyInputError(`asked for ${count} records from ${from}, given ${answer?.records.length ?? 'none'}`);
    const { records } = answer;
    for (const { link, content } of records) {
      links.push(link);
      if (content) contents.set(contentKey(link.entryId, link.revision), content);
    }
  }
  // Between batches, once it has worked a while, the page is asked whether to go on: it answers
  // once it has been quiet, so the check mostly leaves the cores to the screen a tap is opening.
  let workingSince = performance.now();
  const pause = async () => {
    if (performance.now() - workingSince < VERIFY_WORK_BETWEEN_PAUSES_MS) return;
    await context.ask({ quiet: true });
    context.signal.throwIfAborted();
    workingSince = performance.now();
  };
  return verifyChain(links, contents, options, { pause, batch: VERIFY_BATCH_IN_WORKER });
};
