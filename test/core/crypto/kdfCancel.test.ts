import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveKeyEncryptionKey, newKdfParams } from '../../../src/core/crypto/kdf';
import { TaskCancelledError } from '../../../src/core/workers/runTask';
import { ControlledKdfWorker } from '../../support/controlledKdfWorker';
import { FAST_COST } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('stopping a key derivation', () => {
  it('an already aborted signal: TaskCancelledError, in-process and with workers alike', async () => {
    const params = newKdfParams(FAST_COST);
    await expect(deriveKeyEncryptionKey('correct horse battery', params, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      TaskCancelledError,
    );
    vi.stubGlobal('Worker', ControlledKdfWorker);
    await expect(deriveKeyEncryptionKey('correct horse battery', params, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      TaskCancelledError,
    );
  });

  it('aborted while Argon2id runs: the worker is terminated and no key comes', async () => {
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const deriving = deriveKeyEncryptionKey('correct horse battery', newKdfParams(FAST_COST), { signal: controller.signal });
    const worker = await ControlledKdfWorker.nextRun();
    controller.abort();
    await expect(deriving).rejects.toBeInstanceOf(TaskCancelledError);
    expect(worker.terminated).toBe(true);
  });

  it('aborted the moment Argon2id answers: still no key', async () => {
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const deriving = deriveKeyEncryptionKey('correct horse battery', newKdfParams(FAST_COST), { signal: controller.signal });
    const worker = await ControlledKdfWorker.nextRun();
    await worker.answer(() => controller.abort());
    await expect(deriving).rejects.toBeInstanceOf(TaskCancelledError);
  });

  it('never aborted: the key comes as without a signal', async () => {
    const params = newKdfParams(FAST_COST);
    const key = await deriveKeyEncryptionKey('correct horse battery', params, { signal: new AbortController().signal });
    expect(key.usages.sort()).toEqual(['unwrapKey', 'wrapKey']);
  });
});
