// Stopping a long job between its steps (a backup, an evidence package): the checks each step
// makes, so a Stop leaves nothing more read, decrypted or encrypted.

import { TaskCancelledError } from './runTask';

/** Throws TaskCancelledError once `signal` is aborted. */
export function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TaskCancelledError();
}

/** The chunks, pulled only while not cancelled: a cancelled file has no further chunk decrypted. */
export async function* whileRunning(chunks: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  stopIfCancelled(signal);
  for await (const chunk of chunks) {
    yield chunk;
    stopIfCancelled(signal);
  }
}
