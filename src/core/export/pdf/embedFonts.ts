// The report's fonts, ready to lay out and draw with (see reportFont.ts).

import type { PDFDocument } from 'pdf-lib';
import { EmbeddedFont } from './embeddedFont';
import { FONT_FAMILIES } from './fontFamilies';
import { ReportFont, type ReportFonts, type StyleFont } from './reportFont';
import { loadHarfBuzz } from './shaping';
import type { ReportFontFiles } from './types';

/**
 * Every font given, each embedded (subset) only if something is drawn with it. Call finish() on
 * each of `embedded` once drawing is done, before saving.
 */
export async function embedFonts(pdf: PDFDocument, files: ReportFontFiles): Promise<{ fonts: ReportFonts; embedded: EmbeddedFont[] }> {
  const hb = await loadHarfBuzz();
  const embedded: EmbeddedFont[] = [];
  const embed = (bytes: Uint8Array, name: string) => {
    const font = new EmbeddedFont(pdf, bytes, hb, name);
    embedded.push(font);
    return font;
  };
  const regular: StyleFont[] = [{ family: 'base', font: embed(files.regular, 'F') }];
  const bold: StyleFont[] = [{ family: 'base', font: embed(files.bold, 'FB') }];
  for (const family of FONT_FAMILIES) {
    const given = files.families?.[family];
    if (!given) continue;
    const font = embed(given.regular, `F-${family}`);
    regular.push({ family, font });
    bold.push({ family, font: given.bold ? embed(given.bold, `FB-${family}`) : font });
  }
  return { fonts: { regular: new ReportFont(regular), bold: new ReportFont(bold) }, embedded };
}
