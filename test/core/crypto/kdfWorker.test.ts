import { afterEach, describe, expect, it, vi } from 'vitest';
import { KdfUnavailableError } from '../../../src/core/crypto/errors';
import { deriveKeyEncryptionKey, newKdfParams } from '../../../src/core/crypto/kdf';
import { deriveKdfBytes } from '../../../src/core/crypto/kdfTask';
import { serveTaskOn, type TaskEndpoint } from '../../../src/core/workers/serveTask';
import { FAST_COST } from './helpers';

/**
 * Stands in for the browser's module Worker: whatever script it is given, it serves the KDF task
 * on the far end of a MessageChannel, so messages are structured-cloned and buffers really move.
 */
class KdfChannelWorker {
  static spawned = 0;
  private readonly port: MessagePort;
  constructor() {
    KdfChannelWorker.spawned++;
    const { port1, port2 } = new MessageChannel();
    port1.start();
    port2.start();
    serveTaskOn(port2 as unknown as TaskEndpoint, deriveKdfBytes, { transfer: (bytes) => [bytes.buffer as ArrayBuffer] });
    this.port = port1;
  }
  postMessage(message: unknown, transfer: Transferable[]) {
    this.port.postMessage(message, transfer);
  }
  addEventListener(type: string, listener: (event: Event) => void) {
    if (type === 'message') this.port.addEventListener('message', listener);
  }
  terminate() {
    this.port.close();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function keyHex(key: CryptoKey): Promise<string> {
  return Buffer.from(await crypto.subtle.exportKey('raw', key)).toString('hex');
}

describe('Argon2id through the worker path', () => {
  it('derives the same key as in-process, in a worker of its own, and moves the passphrase bytes there', async () => {
    const params = newKdfParams(FAST_COST);
    const here = await deriveKeyEncryptionKey('correct horse battery', params);
    vi.stubGlobal('Worker', KdfChannelWorker);
    const before = KdfChannelWorker.spawned;
    const there = await deriveKeyEncryptionKey('correct horse battery', params);
    expect(KdfChannelWorker.spawned).toBe(before + 1);
    // Same key: a wrap made with one unwraps with the other.
    const data = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    const iv = new Uint8Array(12);
    const wrapped = await crypto.subtle.wrapKey('raw', data, here, { name: 'AES-GCM', iv });
    const unwrapped = await crypto.subtle.unwrapKey('raw', wrapped, there, { name: 'AES-GCM', iv }, 'AES-GCM', true, ['encrypt']);
    expect(await keyHex(unwrapped)).toBe(await keyHex(data));
  });

  it('a refusal in the worker arrives as a KdfUnavailableError (translated as such, not as a wrong passphrase)', async () => {
    vi.stubGlobal('Worker', KdfChannelWorker);
    vi.stubGlobal('WebAssembly', undefined);
    const error = await deriveKeyEncryptionKey('correct horse battery', newKdfParams(FAST_COST)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KdfUnavailableError);
    expect(error).toMatchObject({ code: 'crypto/kdf-unavailable', message: 'Argon2id cannot run here: WebAssembly is missing.' });
  });
});
