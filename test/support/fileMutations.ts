// Random damage to a file's bytes for property tests of importers: flip a bit, cut it short,
// splice bytes in or out, duplicate a range, overwrite a range.

import fc from 'fast-check';
import { joinParts } from '../core/export/encryptedFile/helpers';

export type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'cut'; at: number }
  | { op: 'splice'; at: number; remove: number; insert: Uint8Array }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'overwrite'; at: number; insert: Uint8Array };

/** Positions anywhere, or (half the time) after the header, among the frames that matter most. */
export function mutationArb(length: number, headerLength: number): fc.Arbitrary<Mutation> {
  const at = fc.oneof(fc.integer({ min: 0, max: length }), fc.integer({ min: headerLength, max: length }));
  return fc.oneof(
    fc.record({ op: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ op: fc.constant('cut' as const), at }),
    fc.record({
      op: fc.constant('splice' as const),
      at,
      remove: fc.integer({ min: 0, max: 200 }),
      insert: fc.uint8Array({ minLength: 0, maxLength: 32 }),
    }),
    fc.record({ op: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 600 }), to: at }),
    fc.record({ op: fc.constant('overwrite' as const), at, insert: fc.uint8Array({ minLength: 1, maxLength: 32 }) }),
  );
}

export function mutate(bytes: Uint8Array<ArrayBuffer>, m: Mutation): Uint8Array<ArrayBuffer> {
  const at = Math.min(m.at, bytes.length);
  switch (m.op) {
    case 'flip': {
      const copy = new Uint8Array(bytes);
      const i = Math.min(at, bytes.length - 1);
      copy[i] = (copy[i] ?? 0) ^ (1 << m.bit);
      return copy;
    }
    case 'cut':
      return bytes.slice(0, at);
    case 'splice':
      return joinParts([bytes.subarray(0, at), m.insert, bytes.subarray(at + m.remove)]);
    case 'duplicate': {
      const to = Math.min(m.to, bytes.length);
      return joinParts([bytes.subarray(0, to), bytes.subarray(at, at + m.length), bytes.subarray(to)]);
    }
    case 'overwrite': {
      const copy = new Uint8Array(bytes);
      copy.set(m.insert.subarray(0, Math.max(0, bytes.length - at)), at);
      return copy;
    }
  }
}
