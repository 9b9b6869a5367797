// The recorder (issue 17 point 4): MediaRecorder over the microphone (or camera and microphone),
// streamed into the sealed inbox as it records (core/inbox/stream.ts), a chunk about every
// second, so a crash or a closed page loses at most about the last second. It lives outside
// every screen (one per tab, made on first use) and writes with the inbox's public key alone,
// so it goes on recording while the diary locks, where the browser lets it. The microphone and
// camera are let go (track.stop()) on stop, on quick exit (activity.ts) and on any failure.
// Nothing recorded is kept unencrypted: each piece is sealed as it arrives and then dropped.

import { InboxError } from '../inbox/errors';
import { readBytes } from '../store/attachments/readBytes';
import type { StreamStart } from '../inbox/stream';
import { setCapturing } from './activity';
import { bareType, captureFileName, pickMediaType, type CaptureKind } from './support';

/** About how much a crash can lose: the recorder hands over what it has this often. */
export const TIMESLICE_MS = 1000;
/** How long Stop waits for the browser's last piece before it marks the item stopped without it. */
export const STOP_GRACE_MS = 3000;

export type CaptureErrorCode = 'capture/unsupported' | 'capture/denied' | 'capture/no-device' | 'capture/no-key' | 'capture/failed';

export type RecorderState =
  | { status: 'idle' }
  | { status: 'starting'; kind: CaptureKind }
  | { status: 'recording'; kind: CaptureKind; itemId: string; bytes: number; stream: MediaStream }
  | { status: 'stopping'; kind: CaptureKind; itemId: string; bytes: number }
  /** `limit`: stopped because the item was full (core/inbox MAX_INBOX_ITEM_BYTES). */
  | { status: 'saved'; kind: CaptureKind; itemId: string; bytes: number; durationMs: number; reason: 'stopped' | 'limit' }
  /** `itemId`: what was stored before the failure stays in the inbox, as an interrupted recording. */
  | { status: 'failed'; kind: CaptureKind; code: CaptureErrorCode; itemId: string | null; bytes: number };

/** The part of MediaRecorder used here (the browser's is adapted in browserRecorderDeps). */
export interface MediaRecorderLike {
  readonly mimeType: string;
  readonly state: 'inactive' | 'recording' | 'paused';
  ondataavailable: ((data: Blob) => void) | null;
  onstop: (() => void) | null;
  onerror: (() => void) | null;
  start(timeslice: number): void;
  stop(): void;
}

/** The part of core/inbox/stream.ts InboxStreamSealer used here. */
export interface StreamSealerLike {
  readonly id: string;
  readonly size: number;
  fits(bytes: number): boolean;
  append(bytes: Uint8Array, durationMs: number): Promise<void>;
  finish(durationMs: number, endedAt: Date): Promise<void>;
  close(): void;
}

export interface RecorderDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  isTypeSupported(type: string): boolean;
  createRecorder(stream: MediaStream, type: string, kind: CaptureKind): MediaRecorderLike;
  /** Starts a sealed stream in the inbox; `close` lets its database connection go. */
  openStream(start: StreamStart): Promise<{ sealer: StreamSealerLike; close: () => void }>;
  /** A monotonic clock in milliseconds (performance.now): elapsed time ignores clock changes. */
  now(): number;
  /** The device clock, for the times recorded in the item. */
  clock(): Date;
}

type Listener = () => void;

function codeOfMediaError(error: unknown): CaptureErrorCode {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'capture/denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError' || name === 'DevicesNotFoundError')
    return 'capture/no-device';
  return 'capture/failed';
}

function release(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) {
    try {
      track.stop();
    } catch {
      // Every other track is still let go.
    }
  }
}

/** One recorder: start(), stop(), and its state for the screens (subscribe, getState). */
export class CaptureRecorder {
  private state: RecorderState = { status: 'idle' };
  private readonly listeners = new Set<Listener>();
  private stream: MediaStream | null = null;
  private media: MediaRecorderLike | null = null;
  private sealer: StreamSealerLike | null = null;
  private closeDb: (() => void) | null = null;
  private writes: Promise<void> = Promise.resolve();
  private startedAt = 0;
  private stoppedAt: number | null = null;
  private reason: 'stopped' | 'limit' = 'stopped';
  private kind: CaptureKind = 'audio';
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  /** Which start() is current: anything a superseded one gets back late is let go, never kept. */
  private run = 0;
  /** A piece was dropped because the item was full: nothing after it is written (no gap in the file). */
  private full = false;
  /** finish() has begun for this recording: the stop event and the grace timer must not both seal it. */
  private finishing = false;

  constructor(private readonly deps: RecorderDeps) {}

  getState = (): RecorderState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Milliseconds recorded so far (0 unless recording or stopping). */
  elapsedMs(): number {
    if (this.state.status !== 'recording' && this.state.status !== 'stopping') return 0;
    return Math.max(0, (this.stoppedAt ?? this.deps.now()) - this.startedAt);
  }

  /** Whether a recording is starting, running or being saved. */
  busy(): boolean {
    return this.state.status === 'starting' || this.state.status === 'recording' || this.state.status === 'stopping';
  }

  /** Asks for the microphone (and camera for video) and starts recording into the inbox. */
  async start(kind: CaptureKind): Promise<void> {
    if (this.busy()) return;
    const run = ++this.run;
    this.kind = kind;
    this.reason = 'stopped';
    this.stoppedAt = null;
    this.full = false;
    this.finishing = false;
    this.writes = Promise.resolve();
    const type = pickMediaType(kind, (candidate) => this.deps.isTypeSupported(candidate));
    if (type === null) return this.fail('capture/unsupported');
    this.set({ status: 'starting', kind });
    let stream: MediaStream;
    try {
      stream = await this.deps.getUserMedia(kind === 'audio' ? { audio: true } : { audio: true, video: { facingMode: 'environment' } });
    } catch (error) {
      if (run === this.run) this.fail(codeOfMediaError(error));
      return;
    }
    // Stopped while the permission prompt was open, and perhaps started again since: this
    // stream belongs to no recording, so the microphone it holds is let go at once.
    if (run !== this.run) return release(stream);
    this.stream = stream;
    if (this.state.status !== 'starting') return this.cleanUp();
    const receivedAt = this.deps.clock();
    let sealer: StreamSealerLike;
    try {
      const opened = await this.deps.openStream({
        via: 'recording',
        name: captureFileName(kind === 'audio' ? 'recording' : 'video', type, receivedAt),
        type: bareType(type),
        receivedAt,
      });
      if (run !== this.run) {
        // Superseded while the inbox was opening: this run's stream was let go by stop().
        opened.sealer.close();
        opened.close();
        return;
      }
      sealer = opened.sealer;
      this.sealer = sealer;
      this.closeDb = opened.close;
    } catch (error) {
      if (run === this.run) this.fail(error instanceof InboxError && error.code === 'inbox/no-key' ? 'capture/no-key' : 'capture/failed');
      return;
    }
    // Stopped (quick exit) while the inbox was opening: let go of what was opened since.
    if (this.state.status !== 'starting') {
      sealer.close();
      return this.cleanUp();
    }
    try {
      this.media = this.deps.createRecorder(stream, type, kind);
    } catch {
      return this.fail('capture/unsupported');
    }
    const media = this.media;
    media.ondataavailable = (data) => this.take(sealer, data);
    media.onstop = () => void this.finish(sealer);
    media.onerror = () => {
      if (run === this.run) this.fail('capture/failed');
    };
    // A track that ends by itself (the device unplugged, permission withdrawn) stops the recording.
    for (const track of stream.getTracks()) {
      track.addEventListener?.('ended', () => {
        if (run === this.run) this.stop();
      });
    }
    try {
      media.start(TIMESLICE_MS);
    } catch {
      return this.fail('capture/failed');
    }
    this.startedAt = this.deps.now();
    this.set({ status: 'recording', kind, itemId: sealer.id, bytes: sealer.size, stream });
    setCapturing(() => this.stop());
  }

  /** Stops recording; what the recorder still holds is written, then the item is marked stopped. */
  stop(): void {
    if (this.state.status === 'starting') {
      // Nothing recorded yet (the permission prompt, or the inbox opening): no failure to report.
      // The run is left behind, so a stream or inbox that arrives for it is let go at once.
      this.run += 1;
      this.cleanUp();
      this.set({ status: 'idle' });
      return;
    }
    if (this.state.status !== 'recording') return;
    this.stoppedAt = this.deps.now();
    this.set({ status: 'stopping', kind: this.kind, itemId: this.state.itemId, bytes: this.state.bytes });
    const media = this.media;
    const sealer = this.sealer;
    try {
      if (media?.state !== 'inactive') media?.stop();
    } catch {
      // Stopping the tracks below ends it as well.
    }
    release(this.stream);
    this.stream = null;
    // A browser that never says it stopped must not leave the recording "stopping" for ever:
    // what was written is then marked stopped without the last piece.
    this.stopTimer = setTimeout(() => {
      if (this.state.status !== 'stopping' || this.media !== media || !media || !sealer) return;
      media.ondataavailable = null;
      media.onstop = null;
      void this.finish(sealer);
    }, STOP_GRACE_MS);
  }

  /** One piece from the recorder: sealed and written after the ones before it. */
  private take(sealer: StreamSealerLike, data: Blob): void {
    this.writes = this.writes.then(async () => {
      // Once a piece is dropped nothing later is written: a smaller last piece would fit, but
      // would be spliced onto the file after a hole, under a hash and duration that hide it.
      if (this.full || data.size === 0 || this.state.status === 'failed') return;
      if (!sealer.fits(data.size)) {
        // The item is full: what fits is kept, and the recording stops there.
        this.full = true;
        this.reason = 'limit';
        this.stop();
        return;
      }
      const bytes = await readBytes(data);
      try {
        await sealer.append(bytes, (this.stoppedAt ?? this.deps.now()) - this.startedAt);
      } finally {
        bytes.fill(0);
      }
      if (this.state.status === 'recording' || this.state.status === 'stopping') this.set({ ...this.state, bytes: sealer.size });
    });
    this.writes.catch(() => {
      if (this.sealer === sealer) this.fail('capture/failed');
    });
  }

  private async finish(sealer: StreamSealerLike): Promise<void> {
    // The stop event and the grace timer can both get here; the second would find the item sealed.
    if (this.finishing || this.sealer !== sealer) return;
    this.finishing = true;
    try {
      await this.writes;
      const durationMs = (this.stoppedAt ?? this.deps.now()) - this.startedAt;
      await sealer.finish(durationMs, this.deps.clock());
      if (this.state.status !== 'stopping' && this.state.status !== 'recording') return;
      this.set({
        status: 'saved',
        kind: this.kind,
        itemId: sealer.id,
        bytes: sealer.size,
        durationMs: Math.round(durationMs),
        reason: this.reason,
      });
      this.cleanUp();
    } catch {
      if (this.sealer === sealer) this.fail('capture/failed');
    }
  }

  /** Ends everything at once: the devices let go, nothing more written; what is stored stays (interrupted). */
  private fail(code: CaptureErrorCode): void {
    if (this.state.status === 'failed' || this.state.status === 'saved') return;
    const media = this.media;
    if (media) {
      media.ondataavailable = null;
      media.onstop = null;
      media.onerror = null;
      try {
        if (media.state !== 'inactive') media.stop();
      } catch {
        // The tracks are stopped below.
      }
    }
    release(this.stream);
    this.sealer?.close();
    this.set({ status: 'failed', kind: this.kind, code, itemId: this.sealer?.id ?? null, bytes: this.sealer?.size ?? 0 });
    this.cleanUp();
  }

  private cleanUp(): void {
    if (this.stopTimer !== null) clearTimeout(this.stopTimer);
    this.stopTimer = null;
    release(this.stream);
    this.stream = null;
    this.media = null;
    this.sealer = null;
    this.closeDb?.();
    this.closeDb = null;
    setCapturing(null);
  }

  private set(state: RecorderState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** The browser's MediaRecorder, adapted to MediaRecorderLike. */
function browserRecorder(stream: MediaStream, type: string, kind: CaptureKind): MediaRecorderLike {
  // Bit rates kept modest so an item's 100 MB last: about 3 hours of sound, 12 minutes of video.
  const media = new MediaRecorder(stream, {
    mimeType: type,
    audioBitsPerSecond: 64_000,
    ...(kind === 'video' ? { videoBitsPerSecond: 1_000_000 } : {}),
  });
  const adapted: MediaRecorderLike = {
    get mimeType() {
      return media.mimeType;
    },
    get state() {
      return media.state;
    },
    ondataavailable: null,
    onstop: null,
    onerror: null,
    start: (timeslice) => media.start(timeslice),
    stop: () => media.stop(),
  };
  media.addEventListener('dataavailable', (event) => adapted.ondataavailable?.(event.data));
  media.addEventListener('stop', () => adapted.onstop?.());
  media.addEventListener('error', () => adapted.onerror?.());
  return adapted;
}

/** The browser's devices and this device's diary (its inbox, by the database's name). */
export function browserRecorderDeps(databaseName: string): RecorderDeps {
  return {
    getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
    isTypeSupported: (type) => typeof MediaRecorder === 'function' && MediaRecorder.isTypeSupported(type),
    createRecorder: browserRecorder,
    openStream: async (start) => (await import('../inbox/lockedInbox')).openInboxStream(databaseName, start),
    now: () => performance.now(),
    clock: () => new Date(),
  };
}

let shared: CaptureRecorder | null = null;

/** This tab's recorder, made on first use. */
export function tabRecorder(databaseName: string): CaptureRecorder {
  shared ??= new CaptureRecorder(browserRecorderDeps(databaseName));
  return shared;
}
