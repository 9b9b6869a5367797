// The key-derivation task: what the KDF worker runs (and what runs in-process under Vitest).

import type { TaskFunction } from '../workers/protocol';
import { argon2idBytes, type Argon2idCost } from './argon2id';

export interface KdfTaskInput {
  /** The NFC-normalised passphrase as UTF-8, moved (not copied) into the worker. */
  password: Uint8Array;
  salt: Uint8Array;
  cost: Argon2idCost;
  hashLength: number;
}

/** Argon2id of the input; zeroes its copy of the password whatever happens. */
export const deriveKdfBytes: TaskFunction<KdfTaskInput, Uint8Array> = async ({ password, salt, cost, hashLength }) => {
  try {
    return await argon2idBytes(password, salt, cost, hashLength);
  } finally {
    password.fill(0);
  }
};
