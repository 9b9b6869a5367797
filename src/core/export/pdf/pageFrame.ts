// The running header and footer, stamped on every page once layout is done, so "Page x of y"
// knows y.

import { drawLine } from './drawLine';
import { COLOURS, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH } from './layout';
import { isRtlParagraph, type ReportFonts } from './reportFont';
import type { ReportTranslate } from './types';
import type { PDFPage } from 'pdf-lib';

const SIZE = 8;

export function stampPageFrames(pages: readonly PDFPage[], fonts: ReportFonts, t: ReportTranslate, generated: string): void {
  const font = fonts.regular;
  const line = (text: string) => {
    const printable = font.printable(text).replace(/\n/g, ' ');
    return font.shape(printable, isRtlParagraph(printable));
  };
  const header = line(t('report:header'));
  const footer = line(t('report:footer.generated', { moment: generated }));
  const style = { size: SIZE, color: COLOURS.muted };
  pages.forEach((page, index) => {
    const number = line(t('report:footer.page', { page: index + 1, total: pages.length }));
    drawLine(page, header, MARGIN_X, PAGE_HEIGHT - 36, style);
    drawLine(page, footer, MARGIN_X, 32, style);
    drawLine(page, number, PAGE_WIDTH - MARGIN_X - number.width * SIZE, 32, style);
  });
}
