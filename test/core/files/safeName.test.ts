import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeDownloadName } from '../../../src/core/files';

/** Characters no saved name may hold: controls, bidi and other invisible format characters, separators, reserved ones. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}/\\:*?"<>|\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c]/u;
const utf8Length = (text: string) => new TextEncoder().encode(text).length;

describe('safeDownloadName', () => {
  it('keeps an ordinary name, with the extension of its content', () => {
    expect(safeDownloadName('doorstep.png', 'png')).toBe('doorstep.png');
    expect(safeDownloadName('Llythyr gan yr heddlu.pdf', 'pdf')).toBe('Llythyr gan yr heddlu.pdf');
    expect(safeDownloadName('IMG_0042.JPEG', 'jpg')).toBe('IMG_0042.jpeg');
    expect(safeDownloadName('voice note', 'm4a')).toBe('voice note.m4a');
  });

  it('sets the extension from the content, never keeping a misleading one', () => {
    expect(safeDownloadName('photo.png', 'txt')).toBe('photo.txt'); // a web page named as a picture
    expect(safeDownloadName('picture.svg.png', 'png')).toBe('picture_svg.png');
    expect(safeDownloadName('invoice.pdf.exe', null)).toBe('invoice_pdf.bin');
    expect(safeDownloadName('drawing.svg', 'txt')).toBe('drawing.txt');
    expect(safeDownloadName('no extension', null)).toBe('no extension.bin');
    expect(safeDownloadName('report.final.v2.pdf', 'pdf')).toBe('report_final_v2.pdf');
  });

  it('removes bidi overrides that would disguise the real extension', () => {
    // Shown as "photoexe.png" by a right-to-left override; really "photo\u202Egnp.exe".
    expect(safeDownloadName('photo\u202Egnp.exe', null)).toBe('photognp.bin');
    expect(safeDownloadName('a\u2066b\u2069c\u200Fd\u200Ee\u061Cf\u202Ag\u202Bh\u202Ci\u202Dj\u2067k\u2068l.txt', 'txt')).toBe(
      'abcdefghijkl.txt',
    );
  });

  it('removes control characters and path separators', () => {
    expect(safeDownloadName('../../etc/passwd', 'txt')).toBe('etc_passwd.txt');
    expect(safeDownloadName('C:\\Users\\me\\evil.png', 'png')).toBe('C_Users_me_evil.png');
    expect(safeDownloadName('line\nbreak\r\u0000\u0007\u0085\u009b.txt', 'txt')).toBe('linebreak.txt');
    expect(safeDownloadName('a<b>c:d"e|f?g*h.txt', 'txt')).toBe('a_b_c_d_e_f_g_h.txt');
    expect(safeDownloadName('fake\u2215slash\uff0fwide.png', 'png')).toBe('fake_slash_wide.png');
  });

  it('trims dots and spaces, refuses device names and empty names, and caps the length', () => {
    expect(safeDownloadName('  .hidden.  ', 'txt')).toBe('hidden.txt');
    expect(safeDownloadName('...', null)).toBe('file.bin');
    expect(safeDownloadName('', 'png')).toBe('file.png');
    expect(safeDownloadName('\u202E\u202E', 'png')).toBe('file.png');
    expect(safeDownloadName('CON.txt', 'txt')).toBe('file-CON.txt');
    expect(safeDownloadName('lpt1', null)).toBe('file-lpt1.bin');
    const long = safeDownloadName('ŵ'.repeat(500) + '.png', 'png');
    expect(utf8Length(long)).toBeLessThanOrEqual(200);
    expect(long.endsWith('ŵ.png')).toBe(true);
    expect(safeDownloadName('😀'.repeat(100), 'png')).toMatch(/^(😀)+\.png$/u);
  });

  it('takes only a plain extension from the caller', () => {
    expect(safeDownloadName('a', '../exe')).toBe('a.bin');
    expect(safeDownloadName('a', 'PNG')).toBe('a.bin');
  });

  it("for any name: never throws; no forbidden character; one dot, before the content's extension; within 255 bytes", () => {
    const names = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme-composite', maxLength: 100 }),
      fc
        .array(
          fc.constantFrom(
            '.',
            ' ',
            '/',
            '\\',
            '\u202E',
            '\u2066',
            '\u200F',
            '\0',
            '\n',
            'a',
            'ŵ',
            'svg',
            'png',
            'CON',
            '\uD800',
            '\uDC00',
            '\u0085',
          ),
          { maxLength: 40 },
        )
        .map((parts) => parts.join('')),
    );
    const extensions = fc.constantFrom(null, 'png', 'jpg', 'txt', 'bin', 'pdf', 'mp4', 'Exe', '', 'a/b');
    fc.assert(
      fc.property(names, extensions, (name, extension) => {
        const safe = safeDownloadName(name, extension);
        expect(safe).not.toMatch(FORBIDDEN);
        expect(safe.split('.')).toHaveLength(2);
        const [stem = '', ext = ''] = safe.split('.');
        expect(ext).toMatch(/^[a-z0-9]{1,8}$/);
        if (extension && /^[a-z0-9]{1,8}$/.test(extension) && extension !== 'jpg' && extension !== 'mp4') expect(ext).toBe(extension);
        if (!extension || !/^[a-z0-9]{1,8}$/.test(extension)) expect(ext).toBe('bin');
        expect(stem).not.toMatch(/^[\s._-]|[\s._]$/u);
        expect(stem.length).toBeGreaterThan(0);
        expect(stem).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i);
        expect(utf8Length(safe)).toBeLessThanOrEqual(255);
        expect(() => encodeURIComponent(safe)).not.toThrow(); // no lone surrogates
      }),
      { numRuns: 3000 },
    );
  });
});
