// Verifies a chain in its own worker, so the page (Quick exit above all) stays responsive while
// a large diary is checked after unlock. In-process where there are no workers (tests).

import { runTask, type WorkerTask } from '../workers/runTask';
import type { ChainVerification } from './chain';
import type { VerifyChainInput } from './verifyChainTask';

const verifyChainWorker: WorkerTask<VerifyChainInput, ChainVerification> = {
  name: 'verify-chain',
  // Written out literally here: Vite only bundles workers from this exact pattern.
  spawn: () => new Worker(new URL('./verifyChain.worker.ts', import.meta.url), { type: 'module', name: 'verify-chain' }),
  inProcess: async () => (await import('./verifyChainTask')).verifyChainTask,
};

/** As verifyChain, in a worker. Rejects with TaskCancelledError once `signal` aborts. */
export function verifyChainInWorker(input: VerifyChainInput, signal?: AbortSignal): Promise<ChainVerification> {
  return runTask(verifyChainWorker, input, { signal });
}
