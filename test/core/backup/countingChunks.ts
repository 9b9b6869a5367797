// Test helper (not a test file): an attachment store whose chunk reader counts every chunk it
// decrypts and whether any reader is still open, so a test can see that cancelled work stopped.

import { vi } from 'vitest';
import type { AttachmentRef } from '../../../src/core/model/incident';
import type { AttachmentStore } from '../../../src/core/store/attachmentStore';
import type { Device } from './backupFixture';
import { incident, pattern } from './backupFixture';

export interface ChunkCounter {
  /** Chunks decrypted so far, over every file. */
  reads: number;
  /** Readers started and not yet closed (finished, failed or returned early). */
  open: number;
}

/**
 * `store` with a plaintextChunks that counts; `onRead(reads)` runs as each chunk comes out,
 * before the caller sees it (a test aborts there: "cancelled while chunk N was being read"), and
 * the chunk is handed over only once what it returns has settled (a test can hold it there).
 */
export function countingStore(store: AttachmentStore, onRead: (reads: number) => void | Promise<void> = () => undefined) {
  const counter: ChunkCounter = { reads: 0, open: 0 };
  const attachments = Object.create(store) as AttachmentStore;
  attachments.plaintextChunks = async function* (ref: AttachmentRef) {
    counter.open += 1;
    try {
      for await (const chunk of store.plaintextChunks(ref)) {
        counter.reads += 1;
        await onRead(counter.reads);
        yield chunk;
      }
    } finally {
      counter.open -= 1;
    }
  };
  return { attachments, counter };
}

/** Counts AES-GCM encryptions from now on (every record and chunk written is one). */
export function countEncryptions(): { count: () => number; restore: () => void } {
  const spy = vi.spyOn(crypto.subtle, 'encrypt');
  return { count: () => spy.mock.calls.length, restore: () => spy.mockRestore() };
}

/**
 * Three 3 KB recordings (three 1 KB chunks each, nine in all), on one incident, and a checklist
 * result: none is a picture, so every file goes out as it is.
 */
export async function writeThreeRecordings(device: Device): Promise<AttachmentRef[]> {
  const refs: AttachmentRef[] = [];
  for (const seed of [1, 2, 3]) {
    refs.push(await device.attachments.save(new Blob([pattern(3 * 1024, seed)], { type: 'audio/ogg' }), `recording-${seed}.ogg`));
  }
  await device.diary.add(incident('Voicemails left overnight', { attachments: refs, behaviours: ['contact-phone'] }));
  await device.diary.add(incident('Car outside again'));
  return refs;
}

/** The phases seen, in order, each once, and whether each phase's `done` only grew to its total. */
export function phasesOf(values: readonly { phase?: string; done: number; total: number }[]) {
  const phases: string[] = [];
  for (const value of values) if (phases.at(-1) !== value.phase) phases.push(value.phase ?? '');
  const monotone = phases.every((phase) => {
    const seen = values.filter((v) => v.phase === phase);
    const total = seen[0]?.total;
    return seen.every((v, i) => v.total === total && v.done <= v.total && (i === 0 || v.done >= (seen[i - 1]?.done ?? 0)));
  });
  const ends = phases.map((phase) => {
    const last = values.filter((v) => v.phase === phase).at(-1);
    return { phase, done: last?.done, total: last?.total };
  });
  return { phases, monotone, ends };
}
