// Stopping while an encrypted file's key is derived: the Argon2id worker, which holds the
// passphrase's bytes, ends at once, and no writer is made.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { EncryptedFileWriter } from '../../../../src/core/export/encryptedFile';
import { TaskCancelledError } from '../../../../src/core/workers/runTask';
import { ControlledKdfWorker } from '../../../support/controlledKdfWorker';
import { expectRejection, FAST_COST } from '../../crypto/helpers';
import { PASSPHRASE, readAll } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('stopping EncryptedFileWriter.create', () => {
  it('while Argon2id runs: the KDF worker is terminated and it rejects with TaskCancelledError', async () => {
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const creating = EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST, signal: controller.signal });
    const worker = await ControlledKdfWorker.nextRun();
    expect(worker.terminated).toBe(false);
    controller.abort();
    await expectRejection(creating, TaskCancelledError);
    expect(worker.terminated).toBe(true);
  });

  it('just after Argon2id has finished: TaskCancelledError, no writer', async () => {
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const creating = EncryptedFileWriter.create({
      kind: 'evidence-package',
      passphrase: PASSPHRASE,
      kdfCost: FAST_COST,
      signal: controller.signal,
    });
    const worker = await ControlledKdfWorker.nextRun();
    await worker.answer(() => controller.abort());
    await expectRejection(creating, TaskCancelledError);
  });

  it('already stopped: no worker is started', async () => {
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const spawned = vi.fn();
    void ControlledKdfWorker.nextRun().then(spawned);
    await expectRejection(
      EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST, signal: AbortSignal.abort() }),
      TaskCancelledError,
    );
    expect(spawned).not.toHaveBeenCalled();
  });

  it('not stopped: the signal changes nothing, and the file reads back', async () => {
    vi.stubGlobal('Worker', ControlledKdfWorker);
    const controller = new AbortController();
    const creating = EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST, signal: controller.signal });
    await (await ControlledKdfWorker.nextRun()).answer();
    const writer = await creating;
    await writer.add({ meta: { n: 1 } });
    const file = await writer.finish();
    vi.unstubAllGlobals();
    expect(await readAll(file)).toEqual([{ meta: { n: 1 } }]);
  });
});
