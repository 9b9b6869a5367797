import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectPictureMetadata, readPictureMetadata } from '../../../src/core/files/pictureMetadata';
import { bytes, gif, jpeg, png, REAL_PNG, text } from './fixtures';
import { exifTiff, heifWithExif, jpegWithExif, pngChunk, pngWith, webpWith, xmpPacket } from './metadataFixtures';

const ascii = (value: string) => text(value);

describe('readPictureMetadata', () => {
  it('finds a GPS position and the camera in a JPEG’s EXIF', async () => {
    const found = await readPictureMetadata(jpegWithExif());
    expect(found).toEqual({ format: 'jpeg', location: true, camera: true, kinds: ['exif'], incomplete: false });
  });

  it('tells camera alone from location', async () => {
    expect(await readPictureMetadata(jpegWithExif(exifTiff({ gps: false })))).toMatchObject({ location: false, camera: true });
    expect(await readPictureMetadata(jpegWithExif(exifTiff({ camera: false })))).toMatchObject({ location: true, camera: false });
    expect(await readPictureMetadata(jpegWithExif(exifTiff({ gps: false, camera: false })))).toMatchObject({
      location: false,
      camera: false,
      kinds: ['exif'],
      incomplete: false,
    });
  });

  it('reads little-endian EXIF as well', async () => {
    // The same directories, byte-swapped field by field, are what most phones write.
    const le = littleEndian(exifTiff());
    expect(await readPictureMetadata(jpegWithExif(le))).toMatchObject({ location: true, camera: true, incomplete: false });
  });

  it('finds XMP GPS in a JPEG', async () => {
    const found = await readPictureMetadata(jpegWithExif(exifTiff({ gps: false, camera: false }), xmpPacket()));
    expect(found).toMatchObject({ location: true, kinds: ['exif', 'xmp'] });
  });

  it('finds EXIF after the picture (a second picture, a maker’s trailer)', async () => {
    const trailer = bytes(jpeg(4, 4, 0), jpegWithExif());
    expect(await readPictureMetadata(trailer)).toMatchObject({ format: 'jpeg', location: true });
  });

  it('finds IPTC place names in a JPEG’s Photoshop block', async () => {
    const iptc = bytes([0x1c, 2, 90, 0, 6], ascii('London'));
    const resource = bytes(ascii('8BIM'), [0x04, 0x04], [0, 0], [0, 0, 0, iptc.length], iptc);
    const app13 = bytes(ascii('Photoshop 3.0\0'), resource);
    const file = bytes([0xff, 0xd8, 0xff, 0xed, (app13.length + 2) >> 8, (app13.length + 2) & 0xff], app13, jpeg(4, 4, 0).subarray(2));
    expect(await readPictureMetadata(file)).toMatchObject({ location: true, kinds: ['iptc'] });
  });

  it('finds eXIf, XMP in iTXt, compressed XMP and ImageMagick raw profiles in a PNG', async () => {
    expect(await readPictureMetadata(pngWith(pngChunk('eXIf', exifTiff())))).toMatchObject({ format: 'png', location: true, camera: true });
    const itxt = bytes(ascii('XML:com.adobe.xmp\0'), [0, 0, 0, 0], ascii(xmpPacket()));
    expect(await readPictureMetadata(pngWith(pngChunk('iTXt', itxt)))).toMatchObject({ location: true, kinds: ['xmp'] });
    const compressed = bytes(ascii('XML:com.adobe.xmp\0'), [1, 0, 0, 0], deflateSync(ascii(xmpPacket())));
    expect(await readPictureMetadata(pngWith(pngChunk('iTXt', compressed)))).toMatchObject({ location: true, incomplete: false });
    const tiff = bytes(ascii('Exif\0\0'), exifTiff());
    const hex = Array.from(tiff, (b) => b.toString(16).padStart(2, '0')).join('');
    const raw = `\nexif\n${String(tiff.length).padStart(8)}\n${hex.replace(/(.{72})/g, '$1\n')}\n`;
    const ztxt = bytes(ascii('Raw profile type exif\0'), [0], deflateSync(ascii(raw)));
    expect(await readPictureMetadata(pngWith(pngChunk('zTXt', ztxt)))).toMatchObject({ location: true, camera: true, kinds: ['exif'] });
  });

  it('finds EXIF and XMP chunks in a WebP', async () => {
    expect(await readPictureMetadata(webpWith(['EXIF', exifTiff()]))).toMatchObject({ format: 'webp', location: true, camera: true });
    expect(await readPictureMetadata(webpWith(['EXIF', bytes(ascii('Exif\0\0'), exifTiff())]))).toMatchObject({ location: true });
    expect(await readPictureMetadata(webpWith(['XMP ', ascii(xmpPacket())]))).toMatchObject({ location: true, kinds: ['xmp'] });
  });

  it('finds XMP in a GIF', async () => {
    const withXmp = bytes(gif(4, 4), [0x21, 0xff, 11], ascii('XMP DataXMP'), ascii(xmpPacket()), [0x3b]);
    expect(await readPictureMetadata(withXmp)).toMatchObject({ format: 'gif', location: true });
  });

  it('finds the Exif item of an AVIF and a HEIC through iinf and iloc', async () => {
    // A TIFF without the "Exif\0\0" marker, so only the item structure leads to it.
    const bare = exifTiff();
    for (const brand of ['avif', 'heic'] as const) {
      const file = heifWithExif(brand, bare);
      expect(await readPictureMetadata(file)).toEqual({ format: brand, location: true, camera: true, kinds: ['exif'], incomplete: false });
    }
  });

  it('finds nothing in pictures without metadata', async () => {
    for (const file of [png(4, 4), jpeg(4, 4, 0), gif(4, 4), REAL_PNG]) {
      const found = await readPictureMetadata(file);
      expect(found).toMatchObject({ location: false, camera: false, incomplete: false });
    }
    expect((await readPictureMetadata(ascii('hello'))).format).toBeNull();
  });

  it('says incomplete when a GPS directory points outside the block', async () => {
    const tiff = exifTiff();
    const cut = tiff.subarray(0, tiff.length - 60);
    const found = await readPictureMetadata(jpegWithExif(cut));
    expect(found.incomplete || found.location).toBe(true);
  });

  it('never throws on random bytes, and its work grows only with their length', async () => {
    const prefixes = [
      [],
      [0xff, 0xd8, 0xff, 0xe1],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      Array.from(ascii('RIFF\0\0\0\0WEBPVP8X')),
      Array.from(heifWithExif('avif').subarray(0, 40)),
      Array.from(ascii('GIF89a')),
      Array.from(ascii('Exif\0\0MM\0*')),
    ];
    const structured = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      fc.tuple(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 4096 })).map(([p, rest]) => bytes(p, rest)),
      // Real structures with bytes changed at random: deeper paths than noise reaches.
      fc
        .tuple(
          fc.constantFrom(jpegWithExif(), pngWith(pngChunk('eXIf', exifTiff())), webpWith(['EXIF', exifTiff()]), heifWithExif('heic')),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 16 }),
        )
        .map(([file, changes]) => {
          const copy = new Uint8Array(file);
          for (const [at, value] of changes) copy[at % copy.length] = value;
          return copy;
        }),
    );
    await fc.assert(
      fc.asyncProperty(structured, async (input) => {
        const { metadata, steps } = await inspectPictureMetadata(input);
        expect(typeof metadata.location).toBe('boolean');
        expect(typeof metadata.camera).toBe('boolean');
        expect(typeof metadata.incomplete).toBe('boolean');
        // Linear in the input, plus fixed caps per block (TIFF directories, items).
        expect(steps).toBeLessThan(20 * input.length + 2_000_000);
      }),
      { numRuns: 400 },
    );
  });

  it('stays within its caps on hostile structures', async () => {
    // 30,000 empty XMP packets: the search stops at its cap and says so.
    const packets = ascii('<x:xmpmeta></x:xmpmeta>'.repeat(30_000));
    const { metadata, steps } = await inspectPictureMetadata(packets);
    expect(metadata.incomplete).toBe(true);
    expect(steps).toBeLessThan(20 * packets.length + 2_000_000);
    // A GPS pointer to itself, and an IFD0 whose next IFD is itself.
    const loop = bytes(ascii('Exif\0\0MM\0*'), [0, 0, 0, 8], [0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0, 8]);
    expect((await inspectPictureMetadata(loop)).steps).toBeLessThan(10_000);
  });
});

/** Turns the big-endian fixture TIFF into the little-endian form, entry by entry. */
function littleEndian(tiff: Uint8Array): Uint8Array {
  const out = new Uint8Array(tiff);
  const view = new DataView(out.buffer);
  const src = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  out[0] = 0x49;
  out[1] = 0x49;
  view.setUint16(2, 42, true);
  view.setUint32(4, src.getUint32(4), true);
  const swapIfd = (at: number): number[] => {
    const count = src.getUint16(at);
    view.setUint16(at, count, true);
    const pointers: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = at + 2 + i * 12;
      const tag = src.getUint16(e);
      const type = src.getUint16(e + 2);
      const n = src.getUint32(e + 4);
      view.setUint16(e, tag, true);
      view.setUint16(e + 2, type, true);
      view.setUint32(e + 4, n, true);
      const size = ({ 2: 1, 3: 2, 4: 4, 5: 8 } as Record<number, number>)[type] ?? 1;
      if (size * n > 4 || type === 4) view.setUint32(e + 8, src.getUint32(e + 8), true);
      else if (type === 3) view.setUint16(e + 8, src.getUint16(e + 8), true);
      if (size * n > 4 && type === 5) {
        const off = src.getUint32(e + 8);
        for (let k = 0; k < n * 2; k++) view.setUint32(off + k * 4, src.getUint32(off + k * 4), true);
      }
      if (tag === 0x8769 || tag === 0x8825) pointers.push(src.getUint32(e + 8));
    }
    view.setUint32(at + 2 + count * 12, src.getUint32(at + 2 + count * 12), true);
    return pointers;
  };
  for (const pointer of swapIfd(8)) swapIfd(pointer);
  return out;
}
