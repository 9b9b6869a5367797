import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DOWNLOAD_TYPE, MEDIA_TYPES, prepareFile, redrawPicture, REDRAWN_TYPES, type PreparedFile } from '../../../src/core/files';
import { avif, bytes, fakeBrowserPictures, ftyp, HTML_PAGE, jpeg, png, REAL_PNG, SVG_WITH_SCRIPT, text } from './fixtures';

const blobOf = (data: Uint8Array, type = '') => new Blob([data as Uint8Array<ArrayBuffer>], { type });

/** Every Blob a prepared file offers. */
const blobsOf = (prepared: PreparedFile) => [prepared.download, ...(prepared.view.kind === 'none' ? [] : [prepared.view.blob])];

const SAFE_TYPES = new Set([DOWNLOAD_TYPE, ...REDRAWN_TYPES, ...MEDIA_TYPES]);

beforeEach(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('prepareFile: shown from the bytes, never the declared type', () => {
  it('redraws a real PNG into a new PNG, even when it came declared as SVG', async () => {
    const browser = fakeBrowserPictures();
    const prepared = await prepareFile(blobOf(REAL_PNG, 'image/svg+xml'), 'drawing.svg', 'image/svg+xml');
    expect(prepared.format).toBe('png');
    expect(prepared.view).toMatchObject({ kind: 'picture', width: 192, height: 192 });
    if (prepared.view.kind !== 'picture') throw new Error('not a picture');
    expect(prepared.view.blob.type).toBe('image/png');
    expect(await prepared.view.blob.text()).toBe('redrawn 192x192');
    // Decoded as what its bytes are, and the bitmap let go.
    expect(browser.decoded.map((blob) => blob.type)).toEqual(['image/png']);
    expect(browser.closed).toHaveLength(1);
    // The saved copy is the exact bytes, as octet-stream, named for what they are.
    expect(prepared.download.type).toBe(DOWNLOAD_TYPE);
    expect(new Uint8Array(await prepared.download.arrayBuffer())).toEqual(REAL_PNG);
    expect(prepared.downloadName).toBe('drawing.png');
  });

  it('never decodes an SVG: it is offered as a saved copy of text', async () => {
    const browser = fakeBrowserPictures();
    const prepared = await prepareFile(blobOf(SVG_WITH_SCRIPT, 'image/svg+xml'), 'cute-cat.svg', 'image/svg+xml');
    expect(prepared.view).toEqual({ kind: 'none', reason: 'not-picture' });
    expect(browser.decode).not.toHaveBeenCalled();
    expect(prepared.download.type).toBe(DOWNLOAD_TYPE);
    expect(prepared.downloadName).toBe('cute-cat.txt');
  });

  it('a web page named photo.png and declared image/png is not a picture', async () => {
    const browser = fakeBrowserPictures();
    const prepared = await prepareFile(blobOf(HTML_PAGE, 'image/png'), 'photo.png', 'image/png');
    expect(prepared.view).toEqual({ kind: 'none', reason: 'not-picture' });
    expect(browser.decode).not.toHaveBeenCalled();
    expect(prepared.downloadName).toBe('photo.txt');
  });

  it('documents are saved copies only, with their own wording', async () => {
    fakeBrowserPictures();
    const prepared = await prepareFile(blobOf(text('%PDF-1.7 ...')), 'letter.pdf', 'application/pdf');
    expect(prepared.view).toEqual({ kind: 'none', reason: 'not-shown' });
    expect(prepared.downloadName).toBe('letter.pdf');
    const unknown = await prepareFile(blobOf(bytes([0x4d, 0x5a, 0x90, 0, 3, 0])), 'game.exe', 'application/x-msdownload');
    expect(unknown.downloadName).toBe('game.bin');
  });

  it('HEIC photos are named as such but not shown', async () => {
    fakeBrowserPictures();
    const prepared = await prepareFile(blobOf(ftyp('heic', 'mif1', 'heic')), 'IMG_0001.HEIC', '');
    expect(prepared.view).toEqual({ kind: 'none', reason: 'not-picture' });
    expect(prepared.downloadName).toBe('IMG_0001.heic');
  });

  it('keeps photos as JPEG when redrawn, scaled to at most 4096 pixels a side', async () => {
    const browser = fakeBrowserPictures({ width: 8000, height: 5000 });
    const prepared = await prepareFile(blobOf(jpeg(8000, 5000)), 'photo.jpg', 'image/jpeg');
    expect(prepared.view).toMatchObject({ kind: 'picture', width: 4096, height: 2560 });
    if (prepared.view.kind !== 'picture') throw new Error('not a picture');
    expect(prepared.view.blob.type).toBe('image/jpeg');
    expect(browser.canvases).toEqual([{ width: 4096, height: 2560 }]);
  });

  it('refuses pictures over 40 megapixels by their header, without decoding', async () => {
    const browser = fakeBrowserPictures();
    const bomb = await prepareFile(blobOf(png(20_000, 20_000)), 'small-file.png', 'image/png');
    expect(bomb.view).toEqual({ kind: 'none', reason: 'picture-too-large' });
    expect(browser.decode).not.toHaveBeenCalled();
    expect(bomb.downloadName).toBe('small-file.png');
  });

  it('an AVIF with no size in its header is decoded only under the byte cap, then checked', async () => {
    const browser = fakeBrowserPictures({ width: 9000, height: 9000 });
    expect(await redrawPicture(blobOf(avif([])))).toEqual({ status: 'too-large' });
    expect(browser.decode).toHaveBeenCalledOnce();
    expect(browser.closed).toHaveLength(1);
    const large = new Blob([avif([]) as Uint8Array<ArrayBuffer>, new Uint8Array(17 * 1024 * 1024)]);
    expect(await redrawPicture(large)).toEqual({ status: 'unreadable' });
    expect(browser.decode).toHaveBeenCalledOnce();
    // With a size in its header, it is checked before decoding like any other.
    expect(await redrawPicture(blobOf(avif([[10_000, 10_000]])))).toEqual({ status: 'too-large' });
    expect(browser.decode).toHaveBeenCalledOnce();
  });

  it('a picture the browser cannot decode is said so, and still offered as a saved copy', async () => {
    const browser = fakeBrowserPictures();
    browser.decode.mockRejectedValueOnce(new DOMException('bad', 'InvalidStateError'));
    const prepared = await prepareFile(blobOf(png(10, 10)), 'broken.png', 'image/png');
    expect(prepared.view).toEqual({ kind: 'none', reason: 'picture-unreadable' });
    expect(prepared.downloadName).toBe('broken.png');
  });

  it('decodes photos upright, and still decodes where the browser does not know that option', async () => {
    const browser = fakeBrowserPictures();
    expect(await redrawPicture(blobOf(png(10, 10)))).toMatchObject({ status: 'redrawn' });
    expect(browser.decode.mock.calls[0]?.[1]).toEqual({ imageOrientation: 'from-image' });
    browser.decode.mockRejectedValueOnce(new TypeError("'from-image' is not a valid value for imageOrientation"));
    expect(await redrawPicture(blobOf(png(10, 10)))).toMatchObject({ status: 'redrawn' });
    expect(browser.decode.mock.calls.slice(1).map((call) => call[1])).toEqual([{ imageOrientation: 'from-image' }, undefined]);
  });

  it('without a decoder (no createImageBitmap), pictures are not shown rather than shown raw', async () => {
    const prepared = await prepareFile(blobOf(REAL_PNG), 'a.png', 'image/png');
    expect(prepared.view).toEqual({ kind: 'none', reason: 'picture-unreadable' });
  });

  it('plays recordings recognised by their bytes, typed from a fixed list', async () => {
    fakeBrowserPictures();
    const voice = await prepareFile(blobOf(ftyp('M4A ', 'M4A ', 'mp42')), 'voice.m4a', 'text/html');
    expect(voice.view).toMatchObject({ kind: 'media', element: 'audio' });
    expect(voice.view.kind === 'media' && voice.view.blob.type).toBe('audio/mp4');
    const film = await prepareFile(blobOf(ftyp('isom', 'iso2', 'mp41')), 'clip.mp4', 'application/xhtml+xml');
    expect(film.view.kind === 'media' && film.view.blob.type).toBe('video/mp4');
    const memo = await prepareFile(blobOf(ftyp('isom', 'iso2', 'mp41')), 'memo.mp4', 'audio/mp4');
    expect(memo.view).toMatchObject({ kind: 'media', element: 'audio' });
    // A web page declared as a recording is not played.
    const fake = await prepareFile(blobOf(HTML_PAGE, 'audio/mpeg'), 'voicemail.mp3', 'audio/mpeg');
    expect(fake.view).toEqual({ kind: 'none', reason: 'not-shown' });
    expect(fake.downloadName).toBe('voicemail.txt');
  });

  it('for any bytes, declared type and name: every Blob offered is a raster picture, a recording or octet-stream', async () => {
    fakeBrowserPictures();
    const declared = fc.constantFrom(
      '',
      'text/html',
      'image/svg+xml',
      'application/xhtml+xml',
      'image/png',
      'audio/mpeg',
      'video/mp4',
      'text/xml',
    );
    const prefixes = fc.constantFrom(
      new Uint8Array(),
      REAL_PNG.subarray(0, 33),
      HTML_PAGE,
      SVG_WITH_SCRIPT,
      ftyp('isom'),
      ftyp('avif'),
      jpeg(5, 5),
    );
    await fc.assert(
      fc.asyncProperty(
        prefixes,
        fc.uint8Array({ maxLength: 256 }),
        declared,
        fc.string({ maxLength: 30 }),
        async (prefix, rest, type, name) => {
          const prepared = await prepareFile(blobOf(bytes(prefix, rest), type), name, type);
          for (const blob of blobsOf(prepared)) expect(SAFE_TYPES).toContain(blob.type);
          expect(prepared.download.type).toBe(DOWNLOAD_TYPE);
        },
      ),
      { numRuns: 300 },
    );
  });
});
