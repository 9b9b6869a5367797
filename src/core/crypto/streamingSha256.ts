// SHA-256 over data that arrives in pieces (attachments, backup files): WebCrypto only hashes
// whole buffers. hash-wasm is loaded on first use, so it stays out of the app's first screen.

export interface StreamingSha256 {
  update(bytes: Uint8Array): void;
  /** Lowercase hex. */
  digestHex(): string;
}

export async function createStreamingSha256(): Promise<StreamingSha256> {
  const { createSHA256 } = await import('hash-wasm');
  const hasher = (await createSHA256()).init();
  return {
    update: (bytes) => {
      hasher.update(bytes);
    },
    digestHex: () => hasher.digest('hex'),
  };
}
