// The running header and footer, stamped on every page once layout is done, so "Page x of y"
// knows y. In a right-to-left report they are mirrored: header and generation time on the right,
// the page number on the left.

import { drawLine } from './drawLine';
import { COLOURS, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH } from './layout';
import type { ReportFonts, ShapedLine } from './reportFont';
import type { ReportTranslate } from './types';
import type { PDFPage } from 'pdf-lib';

const SIZE = 8;

export function stampPageFrames(pages: readonly PDFPage[], fonts: ReportFonts, t: ReportTranslate, generated: string, rtl = false): void {
  const font = fonts.regular;
  const line = (text: string) => font.shape(font.printable(text).replace(/\n/g, ' '), rtl);
  const start = (shaped: ShapedLine) => (rtl ? PAGE_WIDTH - MARGIN_X - shaped.width * SIZE : MARGIN_X);
  const end = (shaped: ShapedLine) => (rtl ? MARGIN_X : PAGE_WIDTH - MARGIN_X - shaped.width * SIZE);
  const header = line(t('report:header'));
  const footer = line(t('report:footer.generated', { moment: generated }));
  const style = { size: SIZE, color: COLOURS.muted };
  pages.forEach((page, index) => {
    const number = line(t('report:footer.page', { page: index + 1, total: pages.length }));
    drawLine(page, header, start(header), PAGE_HEIGHT - 36, style);
    drawLine(page, footer, start(footer), 32, style);
    drawLine(page, number, end(number), 32, style);
  });
}
