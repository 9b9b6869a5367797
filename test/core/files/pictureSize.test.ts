import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PICTURE_PIXELS, pictureSize, withinPixelCap, type PictureFormat } from '../../../src/core/files';
import { avif, bytes, gif, jpeg, png, REAL_PNG, webp } from './fixtures';

describe('picture sizes from headers, before decoding', () => {
  it('reads PNG, JPEG, GIF, WebP and AVIF headers', () => {
    expect(pictureSize(REAL_PNG, 'png')).toEqual({ width: 192, height: 192 });
    expect(pictureSize(png(8000, 6000), 'png')).toEqual({ width: 8000, height: 6000 });
    expect(pictureSize(jpeg(4032, 3024), 'jpeg')).toEqual({ width: 4032, height: 3024 });
    expect(pictureSize(gif(320, 200), 'gif')).toEqual({ width: 320, height: 200 });
    expect(pictureSize(webp('VP8 ', 1000, 700), 'webp')).toEqual({ width: 1000, height: 700 });
    expect(pictureSize(webp('VP8L', 16384, 3), 'webp')).toEqual({ width: 16384, height: 3 });
    expect(pictureSize(webp('VP8X', 16_777_216, 2), 'webp')).toEqual({ width: 16_777_216, height: 2 });
    expect(pictureSize(avif([[1920, 1080]]), 'avif')).toEqual({ width: 1920, height: 1080 });
  });

  it('finds a JPEG frame header after large metadata', () => {
    expect(pictureSize(jpeg(640, 480, 200_000), 'jpeg')).toEqual({ width: 640, height: 480 });
  });

  it('counts a GIF frame that reaches beyond its logical screen', () => {
    expect(pictureSize(gif(10, 10, { left: 5, top: 0, width: 60_000, height: 60_000 }), 'gif')).toEqual({ width: 60_005, height: 60_000 });
  });

  it("takes the largest of an AVIF grid's image sizes, and none when it has none", () => {
    expect(
      pictureSize(
        avif([
          [512, 512],
          [8192, 8192],
          [512, 512],
        ]),
        'avif',
      ),
    ).toEqual({ width: 8192, height: 8192 });
    expect(pictureSize(avif([]), 'avif')).toBeNull();
  });

  it('gives no size for headers cut short, a JPEG without a frame, or a zero height', () => {
    expect(pictureSize(png(10, 10).subarray(0, 20), 'png')).toBeNull();
    expect(pictureSize(bytes([0xff, 0xd8, 0xff, 0xda, 0, 2]), 'jpeg')).toBeNull();
    expect(pictureSize(jpeg(100, 0), 'jpeg')).toBeNull();
    expect(pictureSize(gif(0, 10), 'gif')).toBeNull();
  });

  it('caps at 40 megapixels', () => {
    expect(MAX_PICTURE_PIXELS).toBe(40_000_000);
    expect(withinPixelCap({ width: 8000, height: 5000 })).toBe(true);
    expect(withinPixelCap({ width: 8000, height: 5001 })).toBe(false);
    expect(withinPixelCap({ width: 0, height: 5 })).toBe(false);
    // 34 bytes that claim 4 billion by 4 billion pixels.
    const bomb = pictureSize(png(0xffffffff, 0xffffffff), 'png');
    expect(bomb && withinPixelCap(bomb)).toBe(false);
  });

  it('never throws on any bytes, and any size it gives is positive', () => {
    const formats: PictureFormat[] = ['png', 'jpeg', 'gif', 'webp', 'avif'];
    const prefixes = [
      REAL_PNG.subarray(0, 16),
      jpeg(1, 1).subarray(0, 2),
      gif(1, 1).subarray(0, 6),
      webp('VP8X', 1, 1).subarray(0, 16),
      avif([]).subarray(0, 20),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...formats),
        fc.constantFrom(new Uint8Array(), ...prefixes),
        fc.uint8Array({ maxLength: 512 }),
        (format, prefix, rest) => {
          const size = pictureSize(bytes(prefix, rest), format);
          if (size) {
            expect(size.width).toBeGreaterThan(0);
            expect(size.height).toBeGreaterThan(0);
            expect(Number.isInteger(size.width) && Number.isInteger(size.height)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
