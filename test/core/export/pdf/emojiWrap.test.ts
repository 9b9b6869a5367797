import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedFonts } from '../../../../src/core/export/pdf/embedFonts';
import { wrapText } from '../../../../src/core/export/pdf/wrapText';
import { fontFiles } from './scriptFonts';

describe('a line of words and emoji', () => {
  it('is as wide on the page as wrapText measured it, so it never runs off the page', async () => {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const { fonts } = await embedFonts(pdf, fontFiles(['emoji']));
    const font = fonts.regular;
    const size = 10;
    const measure = (text: string) => font.width(text, size);
    const sentence = 'He sent 😂 😂 then 👍 and 🔪 🔪 🔪 and said he would come back at 23:10 with 😡 😡 😡 😡 and 🔥 again tonight';
    const maxWidth = 200;
    const lines = wrapText(sentence, maxWidth, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      // The width drawn (the whole line shaped at once) is what wrapText added up, word by word.
      const summed = line.split(' ').reduce((total, word, i) => total + measure(word) + (i > 0 ? measure(' ') : 0), 0);
      expect(measure(line)).toBeCloseTo(summed, 1);
      expect(measure(line)).toBeLessThanOrEqual(maxWidth + 0.01);
    }
  });
});
