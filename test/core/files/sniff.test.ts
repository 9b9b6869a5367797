import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extensionFor, sniffContent, sniffPicture, type ContentFormat } from '../../../src/core/files';
import { avif, bytes, ftyp, gif, HTML_PAGE, jpeg, png, REAL_PNG, SVG_WITH_SCRIPT, text, webp, zip } from './fixtures';

const CONTENT_FORMATS: readonly ContentFormat[] = [
  'png',
  'jpeg',
  'gif',
  'webp',
  'avif',
  'heic',
  'pdf',
  'rtf',
  'txt',
  'zip',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  'mp4',
  'mov',
  'm4a',
  '3gp',
  'webm',
  'mkv',
  'ogg',
  'mp3',
  'aac',
  'wav',
  'flac',
  'amr',
];

describe('sniffPicture: raster pictures by their bytes', () => {
  it('recognises PNG, JPEG, GIF, WebP (lossy, lossless, extended) and AVIF', () => {
    expect(sniffPicture(REAL_PNG)).toBe('png');
    expect(sniffPicture(png(4, 4))).toBe('png');
    expect(sniffPicture(jpeg(4, 4))).toBe('jpeg');
    expect(sniffPicture(gif(4, 4))).toBe('gif');
    expect(sniffPicture(webp('VP8 ', 4, 4))).toBe('webp');
    expect(sniffPicture(webp('VP8L', 4, 4))).toBe('webp');
    expect(sniffPicture(webp('VP8X', 4, 4))).toBe('webp');
    expect(sniffPicture(avif([[4, 4]]))).toBe('avif');
    // The AVIF brand may be a compatible one after a generic major brand; image sequences too.
    expect(sniffPicture(avif([[4, 4]], ['mif1', 'miaf', 'avif']))).toBe('avif');
    expect(sniffPicture(avif([[4, 4]], ['avis', 'msf1']))).toBe('avif');
  });

  it('refuses SVG, HTML, HEIC, MP4, a RIFF that is not WebP, and anything cut short', () => {
    expect(sniffPicture(SVG_WITH_SCRIPT)).toBeNull();
    expect(sniffPicture(HTML_PAGE)).toBeNull();
    expect(sniffPicture(text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffPicture(ftyp('heic', 'mif1', 'heic'))).toBeNull();
    expect(sniffPicture(ftyp('isom', 'iso2', 'mp41'))).toBeNull();
    expect(sniffPicture(bytes(text('RIFF'), [0, 0, 0, 0], text('WAVEfmt ')))).toBeNull();
    expect(sniffPicture(bytes(text('RIFF'), [0, 0, 0, 0], text('WEBPJUNK')))).toBeNull();
    expect(sniffPicture(REAL_PNG.subarray(0, 7))).toBeNull();
    expect(sniffPicture(new Uint8Array())).toBeNull();
  });

  it('is decided by the first bytes only: an HTML page with a PNG signature later is not a PNG', () => {
    expect(sniffPicture(bytes(text('<html>'), REAL_PNG))).toBeNull();
    // ...while a real PNG with script-like text appended stays a PNG (it is redrawn, never rendered).
    expect(sniffPicture(bytes(REAL_PNG, HTML_PAGE))).toBe('png');
  });

  it('never throws, and recognises only what starts with a known signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (data) => {
        const format = sniffPicture(data);
        expect([null, 'png', 'jpeg', 'gif', 'webp', 'avif']).toContain(format);
        if (format === 'png') expect(Array.from(data.subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
        if (format === 'jpeg') expect(Array.from(data.subarray(0, 3))).toEqual([0xff, 0xd8, 0xff]);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on signatures followed by garbage, or on mangled box sizes', () => {
    const prefixes = [REAL_PNG.subarray(0, 8), jpeg(1, 1).subarray(0, 3), text('GIF89a'), text('RIFF\0\0\0\0WEBP'), ftyp('avif')];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 256 }), (prefix, rest) => {
        expect(() => sniffPicture(bytes(prefix, rest))).not.toThrow();
        expect(() => sniffContent(bytes(prefix, rest))).not.toThrow();
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 1, maxLength: 8 }), (sizes) => {
        const mangled = bytes(
          ...Array.from(sizes, (size) => [size >>> 24, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff, 0x66, 0x74, 0x79, 0x70]),
        );
        expect(() => sniffContent(mangled)).not.toThrow();
      }),
    );
  });
});

describe('sniffContent: what a saved copy is called', () => {
  it('names documents, archives and office files by their bytes', () => {
    expect(sniffContent(text('%PDF-1.7\n%\xe2\xe3'))).toBe('pdf');
    expect(sniffContent(text('{\\rtf1\\ansi hello}'))).toBe('rtf');
    const docx = zip([
      ['[Content_Types].xml', '<Types/>'],
      ['_rels/.rels', '<r/>'],
      ['word/document.xml', '<w/>'],
    ]);
    expect(sniffContent(docx)).toBe('docx');
    expect(
      sniffContent(
        zip([
          ['[Content_Types].xml', ''],
          ['xl/workbook.xml', ''],
        ]),
      ),
    ).toBe('xlsx');
    expect(
      sniffContent(
        zip([
          ['[Content_Types].xml', ''],
          ['ppt/presentation.xml', ''],
        ]),
      ),
    ).toBe('pptx');
    // A document with macros is saved as a plain archive, so an office app does not open it as a document.
    expect(
      sniffContent(
        zip([
          ['[Content_Types].xml', ''],
          ['word/document.xml', ''],
          ['word/vbaProject.bin', ''],
        ]),
      ),
    ).toBe('zip');
    expect(
      sniffContent(
        zip([
          ['mimetype', 'application/vnd.oasis.opendocument.text'],
          ['content.xml', ''],
        ]),
      ),
    ).toBe('odt');
    expect(sniffContent(zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']]))).toBe('ods');
    expect(sniffContent(zip([['mimetype', 'application/epub+zip']]))).toBe('zip');
    expect(sniffContent(zip([['notes.txt', 'hello']]))).toBe('zip');
  });

  it("reads a large ZIP's list of files from the end it is given", () => {
    const docx = zip([
      ['[Content_Types].xml', ''],
      ['word/document.xml', 'x'.repeat(5000)],
    ]);
    expect(sniffContent(docx.subarray(0, 100), docx.subarray(docx.length - 200))).toBe('docx');
    expect(sniffContent(docx.subarray(0, 100), docx.subarray(docx.length - 20))).toBe('zip');
  });

  it('names recordings by their container', () => {
    expect(sniffContent(ftyp('isom', 'iso2', 'mp41'))).toBe('mp4');
    expect(sniffContent(ftyp('qt  ', 'qt  '))).toBe('mov');
    expect(sniffContent(ftyp('M4A ', 'M4A ', 'mp42'))).toBe('m4a');
    expect(sniffContent(ftyp('3gp4', '3gp4'))).toBe('3gp');
    expect(sniffContent(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(sniffContent(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], text('webm')))).toBe('webm');
    expect(sniffContent(bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], text('matroska')))).toBe('mkv');
    expect(sniffContent(text('OggS\0\x02'))).toBe('ogg');
    expect(sniffContent(text('fLaC\0\0\0\x22'))).toBe('flac');
    expect(sniffContent(text('#!AMR\n'))).toBe('amr');
    expect(sniffContent(bytes(text('RIFF'), [0, 0, 0, 0], text('WAVEfmt ')))).toBe('wav');
    expect(sniffContent(bytes(text('ID3'), [4, 0, 0, 0, 0, 0, 0]))).toBe('mp3');
    expect(sniffContent(bytes([0xff, 0xfb, 0x90, 0x64, 0, 0]))).toBe('mp3');
    expect(sniffContent(bytes([0xff, 0xf1, 0x50, 0x80, 0, 0]))).toBe('aac');
  });

  it('calls text text, whatever it says: web pages and SVG are saved as .txt', () => {
    expect(sniffContent(text('Notes from Tuesday\r\n\tHe was there again. Ŵyn, café.'))).toBe('txt');
    expect(sniffContent(HTML_PAGE)).toBe('txt');
    expect(sniffContent(SVG_WITH_SCRIPT)).toBe('txt');
    expect(sniffContent(bytes([0xff, 0xfe], text('h\0i\0')))).toBe('txt');
    // A multi-byte character cut at the end of the sample is not taken for bad text...
    const welsh = text('a' + 'ŵ'.repeat(40_000));
    expect(sniffContent(welsh, welsh)).toBe('txt');
    expect(sniffContent(welsh.subarray(0, 64 * 1024 - 2))).toBeNull(); // a whole file ending mid-character
    // ...but control characters and invalid UTF-8 are binary.
    expect(sniffContent(text('abc\0def'))).toBeNull();
    expect(sniffContent(bytes([0x61, 0xc3, 0x28]))).toBeNull();
    expect(sniffContent(text('MZ\x90\0\x03'))).toBeNull();
    expect(sniffContent(new Uint8Array())).toBeNull();
  });

  it('gives every format an extension of plain letters and digits, and .bin to the unknown', () => {
    for (const format of CONTENT_FORMATS) expect(extensionFor(format)).toMatch(/^[a-z0-9]{2,4}$/);
    expect(extensionFor('jpeg')).toBe('jpg');
    expect(extensionFor(null)).toBe('bin');
  });

  it('never throws on any bytes, and answers only formats it knows', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), fc.uint8Array({ maxLength: 256 }), (head, tail) => {
        const format = sniffContent(head, tail);
        if (format !== null) expect(CONTENT_FORMATS).toContain(format);
      }),
      { numRuns: 2000 },
    );
  });
});
