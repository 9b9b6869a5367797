// The chain-verification task: what the verify-chain worker runs (and what runs in-process
// under Vitest). Hashing every link and body of a large diary takes seconds on a slow phone.

import type { TaskFunction } from '../workers/protocol';
import { verifyChain, type ChainVerification, type VerifyOptions } from './chain';
import type { ChainLink } from './chainLink';

export interface VerifyChainInput {
  links: readonly ChainLink[];
  /** As verifyChain's `contents`: contentKey(entryId, revision) to the body that was hashed. */
  contents?: ReadonlyMap<string, unknown>;
  options?: VerifyOptions;
}

export const verifyChainTask: TaskFunction<VerifyChainInput, ChainVerification> = ({ links, contents, options }) =>
  verifyChain(links, contents, options);
