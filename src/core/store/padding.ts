// Rows of the settings table with fixed ids are padded before they are encrypted: AES-GCM keeps
// the length of what it encrypts, and a longer row would say that a backup was made, a
// fingerprint shared or a finding recorded even though nobody can read it.

/** Plaintext lengths are rounded up to a multiple of this many bytes. */
export const PAD_BUCKET = 1024;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * `value` with a `pad` of spaces that brings its JSON to a multiple of `bucket` bytes. Readers
 * ignore `pad`. A value past one bucket takes the next: only its rough size shows.
 */
export function padded<T extends object>(value: T, bucket = PAD_BUCKET): T & { pad: string } {
  const bare = utf8Length(JSON.stringify({ ...value, pad: '' }));
  const target = Math.max(bucket, Math.ceil(bare / bucket) * bucket);
  return { ...value, pad: ' '.repeat(target - bare) };
}
