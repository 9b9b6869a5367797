// The single source of randomness for the crypto core: the platform CSPRNG.

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  // getRandomValues fills at most 65536 bytes per call; every use here is far smaller.
  return crypto.getRandomValues(new Uint8Array(length));
}
