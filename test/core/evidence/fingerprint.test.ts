import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fingerprintMatches, formatFingerprint, parseFingerprint } from '../../../src/core/evidence/fingerprint';

const ROOT = '24e822a6d8b1faf8222154073f538b02094a8df3bb8abd16c8d88f939a710990';
const HEAD = { size: 7, root: ROOT };

describe('fingerprints', () => {
  it('shows the size and the first 32 hex digits of the root, upper case, in groups of four', () => {
    expect(formatFingerprint(HEAD)).toBe('7 · 24E8 22A6 D8B1 FAF8 2221 5407 3F53 8B02');
  });

  it('reads back what it shows, and matches only that head', () => {
    const parsed = parseFingerprint(formatFingerprint(HEAD));
    expect(parsed).toEqual({ size: 7, rootPrefix: ROOT.slice(0, 32) });
    if (parsed === null) throw new Error('unparsed');
    expect(fingerprintMatches(parsed, HEAD)).toBe(true);
    expect(fingerprintMatches(parsed, { size: 8, root: ROOT })).toBe(false);
    expect(fingerprintMatches(parsed, { size: 7, root: `${ROOT.slice(0, 31)}0${ROOT.slice(32)}` })).toBe(false);
    // Only the digits shown are compared.
    expect(fingerprintMatches(parsed, { size: 7, root: `${ROOT.slice(0, 32)}${'0'.repeat(32)}` })).toBe(true);
  });

  it('accepts any separators and any case', () => {
    for (const text of [
      '7 · 24e8 22a6 d8b1 faf8 2221 5407 3f53 8b02',
      '7: 24E8-22A6-D8B1-FAF8-2221-5407-3F53-8B02',
      '  7 24E822A6D8B1FAF822215407 3F538B02 ',
      '7/24e822a6.d8b1faf8.22215407.3f538b02',
      '７ · 24E8 22A6 D8B1 FAF8 2221 5407 3F53 8B02', // full-width digit from a phone keyboard
      `7 ${ROOT}`, // the whole root
    ]) {
      const parsed = parseFingerprint(text);
      expect(parsed, text).not.toBeNull();
      if (parsed !== null) expect(fingerprintMatches(parsed, HEAD), text).toBe(true);
    }
  });

  it('refuses text without a size, with a wrong letter, or with digits missing or extra', () => {
    for (const text of [
      '24E8 22A6 D8B1 FAF8 2221 5407 3F53 8B02',
      '· 24E8 22A6 D8B1 FAF8 2221 5407 3F53 8B02',
      '724E822A6D8B1FAF8222154073F538B02',
      '7 · 24E8 22A6 D8B1 FAF8 2221 5407 3F53 8BO2',
      '7 · 24E8 22A6 D8B1 FAF8 2221 5407 3F53 8B0',
      '7 · 24E8 22A6 D8B1 FAF8 2221 5407 3F53 8B02 1',
      '1 234 · 24E8 22A6 D8B1 FAF8 2221 5407 3F53 8B02',
      '99999999999999999 · 24E8 22A6 D8B1 FAF8 2221 5407 3F53 8B02',
      '',
    ]) {
      expect(parseFingerprint(text), text).toBeNull();
    }
  });

  it('round-trips any tree head', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.stringMatching(/^[0-9a-f]{64}$/), (size, root) => {
        const parsed = parseFingerprint(formatFingerprint({ size, root }));
        expect(parsed).toEqual({ size, rootPrefix: root.slice(0, 32) });
      }),
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const parsed = parseFingerprint(text);
        expect(parsed === null || /^[0-9a-f]{32}([0-9a-f]{32})?$/.test(parsed.rootPrefix)).toBe(true);
      }),
    );
  });
});
