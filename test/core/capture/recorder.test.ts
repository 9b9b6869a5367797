// The recorder controller (issue 17 point 4) over a fake MediaRecorder and the real streaming
// sealer on fake-indexeddb: pieces sealed as they come, Stop writes the last piece and marks the
// item stopped, the microphone is let go on stop, quick exit and failure, a refused permission
// or a browser with no usable type is a typed state with nothing written.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isCapturing, stopCapturing } from '../../../src/core/capture/activity';
import {
  CaptureRecorder,
  STOP_GRACE_MS,
  TIMESLICE_MS,
  type MediaRecorderLike,
  type RecorderDeps,
  type StreamSealerLike,
} from '../../../src/core/capture/recorder';
import { captureFileName, pickMediaType } from '../../../src/core/capture/support';
import { InboxStore, isInterrupted } from '../../../src/core/inbox/inbox';
import { openInboxStream } from '../../../src/core/inbox/lockedInbox';
import type { DaybookDatabase } from '../../../src/core/store/db';
import { provisionInbox } from '../../../src/core/vault/featureStores';
import { createdVault } from '../../support/vault';

let db: DaybookDatabase;
let inbox: InboxStore;

beforeAll(async () => {
  const setup = await createdVault();
  db = setup.db;
  inbox = new InboxStore(setup.db, () => setup.session.dataKey());
  await provisionInbox(setup.vault, inbox);
});

class FakeTrack {
  stopped = false;
  stop() {
    this.stopped = true;
  }
}

class FakeRecorder implements MediaRecorderLike {
  state: 'inactive' | 'recording' | 'paused' = 'inactive';
  timeslice = 0;
  pending: Uint8Array[] = [];
  ondataavailable: ((data: Blob) => void) | null = null;
  onstop: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly mimeType: string) {}
  start(timeslice: number) {
    this.state = 'recording';
    this.timeslice = timeslice;
  }
  /** What the browser hands over each timeslice. */
  emit(bytes: Uint8Array) {
    this.ondataavailable?.(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  }
  stop() {
    if (this.state === 'inactive') throw new Error('InvalidStateError');
    this.state = 'inactive';
    // As the browser does: the rest of the data, then stop, after this call returns.
    queueMicrotask(() => {
      for (const bytes of this.pending.splice(0)) this.emit(bytes);
      this.onstop?.();
    });
  }
}

function setUp(
  options: {
    supported?: (type: string) => boolean;
    media?: () => Promise<unknown>;
    sealer?: (s: StreamSealerLike) => StreamSealerLike;
  } = {},
) {
  const tracks = [new FakeTrack(), new FakeTrack()];
  const made: FakeRecorder[] = [];
  let clock = 0;
  const getUserMedia = vi.fn(async () => {
    await options.media?.();
    return { getTracks: () => tracks } as unknown as MediaStream;
  });
  const deps: RecorderDeps = {
    getUserMedia,
    isTypeSupported: options.supported ?? (() => true),
    createRecorder: (_stream, type) => {
      const recorder = new FakeRecorder(type);
      made.push(recorder);
      return recorder;
    },
    openStream: async (start) => {
      const opened = await openInboxStream(db.name, start);
      return { ...opened, sealer: options.sealer ? options.sealer(opened.sealer) : opened.sealer };
    },
    now: () => (clock += 250),
    clock: () => new Date('2026-12-03T14:05:00.000Z'),
  };
  return { recorder: new CaptureRecorder(deps), tracks, made, getUserMedia };
}

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i + seed) & 0xff);
/** The value, which the test has just written. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('the recorder', () => {
  it('picks the first type the browser can write, and names the file from it', () => {
    expect(pickMediaType('audio', (t) => t !== 'audio/webm;codecs=opus' && t !== 'audio/webm')).toBe('audio/mp4');
    expect(pickMediaType('audio', () => false)).toBeNull();
    expect(
      pickMediaType('video', () => {
        throw new Error('no');
      }),
    ).toBeNull();
    expect(captureFileName('recording', 'audio/mp4', new Date(2026, 11, 3, 9, 4, 5))).toBe('recording-2026-12-03_09-04-05.m4a');
  });

  it('records audio in one-second pieces sealed as they come; Stop keeps the last piece and lets the microphone go', async () => {
    const { recorder, tracks, made } = setUp();
    await recorder.start('audio');
    const state = recorder.getState();
    expect(state).toMatchObject({ status: 'recording', kind: 'audio' });
    expect(isCapturing()).toBe(true);
    const media = must(made[0]);
    expect(media.mimeType).toBe('audio/webm;codecs=opus');
    expect(media.timeslice).toBe(TIMESLICE_MS);
    const itemId = state.status === 'recording' ? state.itemId : '';
    media.emit(bytes(300, 1));
    media.emit(new Uint8Array(0));
    media.emit(bytes(500, 2));
    await vi.waitFor(() => expect(recorder.getState()).toMatchObject({ bytes: 800 }));
    // Written already, before Stop: a crash now would keep these 800 bytes.
    expect((await inbox.read(itemId)).meta).toMatchObject({ size: 800, state: 'recording' });
    media.pending.push(bytes(40, 3));
    recorder.stop();
    expect(tracks.every((track) => track.stopped)).toBe(true);
    await vi.waitFor(() => expect(recorder.getState().status).toBe('saved'));
    expect(recorder.getState()).toMatchObject({ status: 'saved', itemId, bytes: 840, reason: 'stopped' });
    expect(isCapturing()).toBe(false);
    const { meta, bytes: stored } = await inbox.read(itemId);
    expect(meta).toMatchObject({ via: 'recording', type: 'audio/webm', state: 'stopped', size: 840, endedAt: '2026-12-03T14:05:00.000Z' });
    expect(meta.name).toMatch(/^recording-.*\.webm$/);
    expect(await bytesOf(stored)).toEqual(Uint8Array.from([...bytes(300, 1), ...bytes(500, 2), ...bytes(40, 3)]));
  });

  it('quick exit stops the recording and keeps what was recorded', async () => {
    const { recorder, tracks, made } = setUp();
    await recorder.start('video');
    must(made[0]).emit(bytes(100, 4));
    must(made[0]).pending.push(bytes(20, 5));
    stopCapturing();
    expect(tracks.every((track) => track.stopped)).toBe(true);
    await vi.waitFor(() => expect(recorder.getState().status).toBe('saved'));
    expect(recorder.getState()).toMatchObject({ kind: 'video', bytes: 120 });
    expect(must(made[0]).mimeType).toBe('video/webm;codecs=vp8,opus');
  });

  it('a refused permission is its own state, with nothing written', async () => {
    const before = await db.inbox.count();
    const { recorder } = setUp({ media: () => Promise.reject(Object.assign(new Error('no'), { name: 'NotAllowedError' })) });
    await recorder.start('audio');
    expect(recorder.getState()).toMatchObject({ status: 'failed', code: 'capture/denied', itemId: null });
    expect(await db.inbox.count()).toBe(before);
    expect(isCapturing()).toBe(false);
  });

  it('no device is its own state', async () => {
    const { recorder } = setUp({ media: () => Promise.reject(Object.assign(new Error('no'), { name: 'NotFoundError' })) });
    await recorder.start('audio');
    expect(recorder.getState()).toMatchObject({ status: 'failed', code: 'capture/no-device' });
  });

  it('a browser that can write none of the types never asks for the microphone', async () => {
    const { recorder, getUserMedia } = setUp({ supported: () => false });
    await recorder.start('audio');
    expect(recorder.getState()).toMatchObject({ status: 'failed', code: 'capture/unsupported' });
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('a recorder error lets the microphone go and leaves what was stored, listed as interrupted', async () => {
    const { recorder, tracks, made } = setUp();
    await recorder.start('audio');
    must(made[0]).emit(bytes(64, 6));
    await vi.waitFor(() => expect(recorder.getState()).toMatchObject({ bytes: 64 }));
    must(made[0]).onerror?.();
    expect(recorder.getState()).toMatchObject({ status: 'failed', code: 'capture/failed', bytes: 64 });
    expect(tracks.every((track) => track.stopped)).toBe(true);
    const state = recorder.getState();
    const item = (await inbox.list()).find((listed) => state.status === 'failed' && listed.id === state.itemId);
    expect(item && isInterrupted(item)).toBe(true);
    expect(isCapturing()).toBe(false);
  });

  it('a failed write stops the recording and lets the microphone go', async () => {
    const { recorder, tracks, made } = setUp({
      sealer: (real) => ({
        id: real.id,
        size: real.size,
        fits: () => true,
        append: () => Promise.reject(new Error('QuotaExceededError')),
        finish: (d, e) => real.finish(d, e),
        close: () => real.close(),
      }),
    });
    await recorder.start('audio');
    must(made[0]).emit(bytes(10, 7));
    await vi.waitFor(() => expect(recorder.getState()).toMatchObject({ status: 'failed', code: 'capture/failed' }));
    expect(tracks.every((track) => track.stopped)).toBe(true);
  });

  it('stops by itself when the item is full, keeping what fits', async () => {
    let allowed = 2;
    const { recorder, tracks, made } = setUp({
      sealer: (real) => ({
        get id() {
          return real.id;
        },
        get size() {
          return real.size;
        },
        fits: () => allowed-- > 0,
        append: (b, d) => real.append(b, d),
        finish: (d, e) => real.finish(d, e),
        close: () => real.close(),
      }),
    });
    await recorder.start('audio');
    for (let i = 0; i < 4; i++) must(made[0]).emit(bytes(10, i));
    await vi.waitFor(() => expect(recorder.getState().status).toBe('saved'));
    expect(recorder.getState()).toMatchObject({ reason: 'limit', bytes: 20 });
    expect(tracks.every((track) => track.stopped)).toBe(true);
  });

  it('a browser that never says it stopped still gets the item marked stopped, after a grace period', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let finished = false;
      const { recorder, made } = setUp({
        sealer: (real) => ({
          id: real.id,
          size: 0,
          fits: () => true,
          append: () => Promise.resolve(),
          finish: () => {
            finished = true;
            return Promise.resolve();
          },
          close: () => real.close(),
        }),
      });
      await recorder.start('audio');
      const media = must(made[0]);
      media.stop = () => {
        media.state = 'inactive'; // and never a stop event
      };
      recorder.stop();
      expect(recorder.getState().status).toBe('stopping');
      await vi.advanceTimersByTimeAsync(STOP_GRACE_MS);
      expect(finished).toBe(true);
      expect(recorder.getState()).toMatchObject({ status: 'saved', reason: 'stopped' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('once a piece is dropped because the item is full, no later piece is written after the hole', async () => {
    const limit = 25;
    const { recorder, made } = setUp({
      sealer: (real) => ({
        get id() {
          return real.id;
        },
        get size() {
          return real.size;
        },
        fits: (n) => real.size + n <= limit,
        append: (b, d) => real.append(b, d),
        finish: (d, e) => real.finish(d, e),
        close: () => real.close(),
      }),
    });
    await recorder.start('audio');
    const media = must(made[0]);
    const state = recorder.getState();
    const itemId = state.status === 'recording' ? state.itemId : '';
    media.emit(bytes(10, 1));
    media.emit(bytes(10, 2));
    // Does not fit (30 > 25): dropped, and the recording stops.
    media.emit(bytes(10, 3));
    // The browser's last piece after stop is small enough to fit, but comes after the hole.
    media.pending.push(bytes(2, 4));
    await vi.waitFor(() => expect(recorder.getState().status).toBe('saved'));
    expect(recorder.getState()).toMatchObject({ reason: 'limit', bytes: 20 });
    const { meta, bytes: stored } = await inbox.read(itemId);
    expect(meta).toMatchObject({ state: 'stopped', size: 20 });
    expect(await bytesOf(stored)).toEqual(Uint8Array.from([...bytes(10, 1), ...bytes(10, 2)]));
  });

  it('Stop during the permission prompt, then Start again: the first stream, when it comes, is let go', async () => {
    const firstTracks = [new FakeTrack()];
    const secondTracks = [new FakeTrack()];
    let grantFirst: (stream: MediaStream) => void = () => undefined;
    const made: FakeRecorder[] = [];
    let call = 0;
    const deps: RecorderDeps = {
      getUserMedia: () => {
        call += 1;
        if (call === 1) return new Promise<MediaStream>((resolve) => (grantFirst = resolve));
        return Promise.resolve({ getTracks: () => secondTracks } as unknown as MediaStream);
      },
      isTypeSupported: () => true,
      createRecorder: (_stream, type) => {
        const recorder = new FakeRecorder(type);
        made.push(recorder);
        return recorder;
      },
      openStream: (start) => openInboxStream(db.name, start),
      now: () => 0,
      clock: () => new Date('2026-12-03T14:05:00.000Z'),
    };
    const recorder = new CaptureRecorder(deps);
    const first = recorder.start('audio');
    expect(recorder.getState().status).toBe('starting');
    recorder.stop();
    // Nothing was recorded, so nothing failed: the screen is as before Start, not "could not be saved".
    expect(recorder.getState()).toEqual({ status: 'idle' });
    await recorder.start('audio');
    expect(recorder.getState()).toMatchObject({ status: 'recording' });
    // The first permission prompt is answered only now.
    grantFirst({ getTracks: () => firstTracks } as unknown as MediaStream);
    await first;
    expect(firstTracks.every((track) => track.stopped)).toBe(true);
    expect(secondTracks.some((track) => track.stopped)).toBe(false);
    const state = recorder.getState();
    expect(state.status === 'recording' && state.stream.getTracks()).toBe(secondTracks);
    expect(made).toHaveLength(1);
    recorder.stop();
    expect(secondTracks.every((track) => track.stopped)).toBe(true);
    await vi.waitFor(() => expect(recorder.getState().status).toBe('saved'));
  });

  it('the stop event and the grace timer together seal the item once, and it is reported saved', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let finishes = 0;
      let releaseWrite: () => void = () => undefined;
      const { recorder, made } = setUp({
        sealer: (real) => ({
          get id() {
            return real.id;
          },
          get size() {
            return real.size;
          },
          fits: () => true,
          // A slow write: Stop's finish waits on it past the grace period.
          append: async (b, d) => {
            await new Promise<void>((resolve) => (releaseWrite = resolve));
            return real.append(b, d);
          },
          finish: (d, e) => {
            finishes += 1;
            // As the real sealer after it has been finished once.
            if (finishes > 1) return Promise.reject(Object.assign(new Error('closed'), { code: 'inbox/stream-closed' }));
            return real.finish(d, e);
          },
          close: () => real.close(),
        }),
      });
      await recorder.start('audio');
      must(made[0]).emit(bytes(16, 9));
      recorder.stop();
      // The stop event has come (finish is waiting on the write); then the grace timer fires too.
      await vi.advanceTimersByTimeAsync(STOP_GRACE_MS);
      releaseWrite();
      await vi.waitFor(() => expect(['saved', 'failed']).toContain(recorder.getState().status));
      await vi.advanceTimersByTimeAsync(10);
      expect(finishes).toBe(1);
      expect(recorder.getState()).toMatchObject({ status: 'saved', bytes: 16, reason: 'stopped' });
    } finally {
      vi.useRealTimers();
    }
  });
});
