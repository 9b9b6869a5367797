// Re-encrypting under a new data key as a worker task (core/workers): the worker decrypts and
// encrypts (rekey.ts) and asks the page for every read and write, which the page does over
// IndexedDB (rekeyIo.ts). Workers here never touch the database themselves.

import type { TaskFunction } from '../workers/protocol';
import { runRekey, type RekeyIo, type RekeyKeys, type RekeyProgress, type RekeyResult } from './rekey';

export interface RekeyTaskInput {
  /** Both keys' CryptoKeys, cloned into the worker (non-extractable ones clone as they are). */
  keys: RekeyKeys;
  batchSize?: number;
}

/** One storage call the worker asks the page to make: a RekeyIo method and its arguments. */
export type RekeyQuestion = { [Op in keyof RekeyIo]: { op: Op; args: Parameters<RekeyIo[Op]> } }[keyof RekeyIo];

/** The page's side: makes the storage call asked for and returns its result. */
export function answerRekeyQuestion(io: RekeyIo, question: RekeyQuestion): Promise<unknown> {
  const method = io[question.op] as (...args: unknown[]) => Promise<unknown>;
  return method(...question.args);
}

export const rekeyTask: TaskFunction<RekeyTaskInput, RekeyResult, RekeyProgress, RekeyQuestion, unknown> = (input, context) => {
  // Each method of the storage side becomes a question to the page; the answer is its result.
  const io = new Proxy({} as RekeyIo, {
    get:
      (_target, op: keyof RekeyIo) =>
      (...args: unknown[]) =>
        context.ask({ op, args } as RekeyQuestion),
  });
  return runRekey(input.keys, io, { batchSize: input.batchSize, onProgress: (progress) => context.progress(progress) });
};
