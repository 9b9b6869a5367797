// Public API of the PDF report.

export { renderPdfReport } from './renderPdfReport';
export type { EmbeddableImage, ReportOptions, ReportTranslate } from './types';
