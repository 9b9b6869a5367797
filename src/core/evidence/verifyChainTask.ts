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

/** The worker's question: the `count` records from place `from` of the chain. */
export interface VerifyChainAsk {
  from: number;
  count: number;
}

/** The page's answer: exactly those records, in chain order. */
export interface VerifyChainSlice {
  records: readonly RecordToVerify[];
}

export class VerifyInputError extends Error {
  override readonly name = 'VerifyInputError';
}

/**
 * Asks for every record, a slice at a time, then verifies the chain exactly as verifyChain does
 * on the links and the bodies by contentKey (a later body for the same key replacing an earlier
 * one, as building the map on the page did). A slice of the wrong length rejects: the check never
 * speaks of a chain it was not wholly given.
 */
export const verifyChainTask: TaskFunction<VerifyChainInput, ChainVerification, never, VerifyChainAsk, VerifyChainSlice> = async (
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
    const { records } = await context.ask({ from, count });
    context.signal.throwIfAborted();
    if (records.length !== count) throw new VerifyInputError(`asked for ${count} records from ${from}, given ${records.length}`);
    for (const { link, content } of records) {
      links.push(link);
      if (content) contents.set(contentKey(link.entryId, link.revision), content);
    }
  }
  return verifyChain(links, contents, options);
};
