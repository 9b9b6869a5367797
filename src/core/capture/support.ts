// What this browser can record in, checked before any button is shown: a browser without
// getUserMedia, MediaRecorder or a type it can write gets words, never a broken button.

export type CaptureKind = 'audio' | 'video';

/** Tried in order; the first the browser can write is used. */
export const MEDIA_TYPES: Record<CaptureKind, readonly string[]> = {
  audio: ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus', 'audio/ogg'],
  video: ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm', 'video/mp4'],
};

/** The first of MEDIA_TYPES[kind] the browser can record, or null. */
export function pickMediaType(kind: CaptureKind, isTypeSupported: (type: string) => boolean): string | null {
  for (const type of MEDIA_TYPES[kind]) {
    try {
      if (isTypeSupported(type)) return type;
    } catch {
      // A browser that throws here cannot record in it.
    }
  }
  return null;
}

/** The media type without its parameters ("audio/webm;codecs=opus" -> "audio/webm"), lowercase. */
export function bareType(type: string): string {
  return (type.split(';')[0] ?? '').trim().toLowerCase();
}

const EXTENSIONS: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'video/webm': 'webm',
  'video/mp4': 'mp4',
  'image/jpeg': 'jpg',
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A file name for something captured at `at` (device clock, local time): "recording-2026-12-03_19-04-05.webm". */
export function captureFileName(prefix: 'recording' | 'video' | 'photo', type: string, at: Date): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}_${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  const extension = EXTENSIONS[bareType(type)];
  return extension ? `${prefix}-${stamp}.${extension}` : `${prefix}-${stamp}`;
}

/** What the browser offers: recording audio or video, and a camera for photos. */
export interface CaptureSupport {
  audio: boolean;
  video: boolean;
  photo: boolean;
}

export function captureSupport(): CaptureSupport {
  const media = typeof navigator === 'object' && typeof navigator.mediaDevices?.getUserMedia === 'function';
  const recorder = typeof MediaRecorder === 'function' && typeof MediaRecorder.isTypeSupported === 'function';
  const check = (type: string) => MediaRecorder.isTypeSupported(type);
  return {
    audio: media && recorder && pickMediaType('audio', check) !== null,
    video: media && recorder && pickMediaType('video', check) !== null,
    photo: media && typeof HTMLCanvasElement === 'function',
  };
}
