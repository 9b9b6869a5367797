// Recordings Daybook plays inline. Like pictures, they are recognised by their bytes and given a
// type from this list, never the type they declare: a blob: URL typed audio/* or video/* opens as
// a player (or a download), never as a page that could run script.
import type { ContentFormat } from './sniff';

export type MediaElement = 'audio' | 'video';

export interface PlayableMedia {
  element: MediaElement;
  /** The type the bytes are given for playing: always one of the fixed types below. */
  type: string;
}

/** Formats that are sometimes sound only and sometimes film, told apart by the declared type. */
const EITHER: Partial<Record<ContentFormat, { audio: string; video: string }>> = {
  mp4: { audio: 'audio/mp4', video: 'video/mp4' },
  '3gp': { audio: 'audio/3gpp', video: 'video/3gpp' },
  webm: { audio: 'audio/webm', video: 'video/webm' },
  ogg: { audio: 'audio/ogg', video: 'video/ogg' },
};

const AUDIO: Partial<Record<ContentFormat, string>> = {
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  wav: 'audio/wav',
  flac: 'audio/flac',
};

const VIDEO: Partial<Record<ContentFormat, string>> = {
  mov: 'video/quicktime',
};

/** Every type a played recording can be given. */
export const MEDIA_TYPES: ReadonlySet<string> = new Set([
  ...Object.values(EITHER).flatMap((pair) => [pair.audio, pair.video]),
  ...Object.values(AUDIO),
  ...Object.values(VIDEO),
]);

/**
 * How a recognised recording is played, or null when it is not one Daybook plays. The declared
 * type only chooses between a sound player and a video player for formats that can be either.
 */
export function playableMedia(format: ContentFormat | null, declaredType: string): PlayableMedia | null {
  if (!format) return null;
  const audio = AUDIO[format];
  if (audio) return { element: 'audio', type: audio };
  const video = VIDEO[format];
  if (video) return { element: 'video', type: video };
  const either = EITHER[format];
  if (!either) return null;
  return declaredType.trim().toLowerCase().startsWith('audio/')
    ? { element: 'audio', type: either.audio }
    : { element: 'video', type: either.video };
}
