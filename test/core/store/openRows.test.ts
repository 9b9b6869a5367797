import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecryptionError, encryptRecord } from '../../../src/core/crypto';
import { registerRetiringKeys } from '../../../src/core/crypto/retiringKeys';
import { openRows, openRowsWorker, WORKER_FROM_ROWS } from '../../../src/core/store/diary/openRows';
import { openRowsTask } from '../../../src/core/store/diary/openRowsTask';
import type { TaskFunction } from '../../../src/core/workers/protocol';
import type { TaskWorker } from '../../../src/core/workers/runTask';
import { serveTaskOn, type TaskEndpoint } from '../../../src/core/workers/serveTask';
import type { EncryptedRow } from '../../../src/core/store/db';
import type { RevisionRecord } from '../../../src/core/store/diary/types';

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** A stand-in record: the task only decrypts and parses, so any JSON shows the order. */
const recordAt = (seq: number) => ({ link: { seq }, content: null }) as unknown as RevisionRecord;

async function rowsUnder(key: CryptoKey, count: number, table = 'revisions'): Promise<EncryptedRow[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, seq) => {
      const id = String(seq).padStart(12, '0');
      return { id, ...(await encryptRecord(key, table, id, recordAt(seq))) };
    }),
  );
}

const onPage = vi.fn(() => Promise.reject(new Error('the page path is not used for a large diary')));

describe('decrypting the diary’s rows in batches (the worker task, in-process under Vitest)', () => {
  it('returns every record in the order of the rows, across batches', async () => {
    const key = await newKey();
    const count = WORKER_FROM_ROWS * 2 + 37;
    const records = await openRows(key, await rowsUnder(key, count), onPage);
    expect(records.map((record) => record.link.seq)).toEqual(Array.from({ length: count }, (_, seq) => seq));
    expect(onPage).not.toHaveBeenCalled();
  });

  it('rejects the whole read with DecryptionError when one row was altered, moved or is under another key', async () => {
    const key = await newKey();
    const rows = await rowsUnder(key, WORKER_FROM_ROWS + 5);
    const altered = rows.map((row, at) => (at === 700 ? { ...row, data: row.data.map((b, i) => (i === 3 ? b ^ 1 : b)) } : row));
    await expect(openRows(key, altered, onPage)).rejects.toBeInstanceOf(DecryptionError);
    const moved = rows.map((row, at) => (at === 10 ? { ...row, id: rows[11]?.id ?? '' } : row));
    await expect(openRows(key, moved, onPage)).rejects.toBeInstanceOf(DecryptionError);
    const other = await rowsUnder(await newKey(), WORKER_FROM_ROWS);
    await expect(openRows(key, other, onPage)).rejects.toBeInstanceOf(DecryptionError);
    const otherTable = await rowsUnder(key, WORKER_FROM_ROWS, 'drafts');
    await expect(openRows(key, otherTable, onPage)).rejects.toBeInstanceOf(DecryptionError);
  });

  it('while the data key is being replaced, opens rows still under the previous key', async () => {
    const previous = await newKey();
    const current = await newKey();
    const chainKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    const old = await rowsUnder(previous, WORKER_FROM_ROWS);
    const fresh = await rowsUnder(current, WORKER_FROM_ROWS);
    const mixed = old.map((row, at) => (at % 2 === 0 ? row : (fresh[at] as EncryptedRow)));
    await expect(openRows(current, mixed, onPage)).rejects.toBeInstanceOf(DecryptionError);
    registerRetiringKeys(current, { dataKey: previous, chainKey });
    const records = await openRows(current, mixed, onPage);
    expect(records.map((record) => record.link.seq)).toEqual(Array.from({ length: WORKER_FROM_ROWS }, (_, seq) => seq));
  });

  it('a small diary is read on the page, without a worker', async () => {
    const key = await newKey();
    const rows = await rowsUnder(key, 3);
    const open = vi.fn(async (row: EncryptedRow) => recordAt(Number(row.id)));
    expect((await openRows(key, rows, open)).map((record) => record.link.seq)).toEqual([0, 1, 2]);
    expect(open).toHaveBeenCalledTimes(3);
  });
});

/** A stand-in for a module worker: the task served on the other end of a MessageChannel, as in a browser. */
class ChannelWorker implements TaskWorker {
  readonly port: MessagePort;
  constructor(task: TaskFunction<never, unknown, unknown, unknown, unknown>) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.start();
    port2.start();
    serveTaskOn(port2 as unknown as TaskEndpoint, task);
  }
  postMessage(message: unknown, transfer: Transferable[]): void {
    this.port.postMessage(message, transfer);
  }
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void {
    if (type !== 'error') this.port.addEventListener(type, listener);
  }
  terminate(): void {
    this.port.close();
  }
}

describe('decrypting the diary’s rows through the worker protocol', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('every batch reaches the page, in order (messages, not in-process calls)', async () => {
    vi.stubGlobal('Worker', function Worker() {});
    const worker = {
      ...openRowsWorker,
      spawn: () => new ChannelWorker(openRowsTask as TaskFunction<never, unknown, unknown, unknown, unknown>),
    };
    const key = await newKey();
    const count = WORKER_FROM_ROWS * 3 + 11;
    const records = await openRows(key, await rowsUnder(key, count), onPage, worker);
    expect(records.map((record) => record.link.seq)).toEqual(Array.from({ length: count }, (_, seq) => seq));
  });

  it('a row that does not decrypt comes back as DecryptionError', async () => {
    vi.stubGlobal('Worker', function Worker() {});
    const worker = {
      ...openRowsWorker,
      spawn: () => new ChannelWorker(openRowsTask as TaskFunction<never, unknown, unknown, unknown, unknown>),
    };
    const key = await newKey();
    const rows = await rowsUnder(key, WORKER_FROM_ROWS * 2);
    const moved = rows.map((row, at) => (at === 1500 ? { ...row, id: 'elsewhere' } : row));
    await expect(openRows(key, moved, onPage, worker)).rejects.toBeInstanceOf(DecryptionError);
  });
});
