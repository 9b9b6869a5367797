import { describe, expect, it } from 'vitest';
import { MEDIA_TYPES, playableMedia } from '../../../src/core/files';

describe('playableMedia', () => {
  it('types recordings from a fixed list, using the declared type only to pick the player', () => {
    expect(playableMedia('mp3', 'text/html')).toEqual({ element: 'audio', type: 'audio/mpeg' });
    expect(playableMedia('mov', '')).toEqual({ element: 'video', type: 'video/quicktime' });
    expect(playableMedia('webm', 'audio/webm;codecs=opus')).toEqual({ element: 'audio', type: 'audio/webm' });
    expect(playableMedia('webm', 'image/svg+xml')).toEqual({ element: 'video', type: 'video/webm' });
  });

  it('does not play pictures, documents, unknown bytes or containers browsers do not play', () => {
    for (const format of ['png', 'pdf', 'txt', 'zip', 'mkv', 'amr', 'heic', null] as const)
      expect(playableMedia(format, 'audio/mpeg')).toBeNull();
  });

  it('offers only audio/* and video/* types', () => {
    for (const type of MEDIA_TYPES) expect(type).toMatch(/^(audio|video)\/[a-z0-9.+-]+$/);
  });
});
