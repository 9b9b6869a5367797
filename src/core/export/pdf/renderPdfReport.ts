// The PDF evidence report: a cover summary, the advocate's summary, then the chronological log. Everything is drawn
// with embedded fonts (DejaVu Sans, and a Noto font for each other script the text has), shaped
// by HarfBuzz and subset to the glyphs used, so the text prints as typed and can be copied and
// searched (see reportFont.ts).

import { PDFDocument } from 'pdf-lib';
import { drawAdvocateSummary, linkEntries } from './advocateSummarySection';
import { ImageEmbedder } from './attachments';
import { exhibitsOf } from '../exhibits';
import type { ReportContext } from './context';
import { coverageByVersion } from './context';
import { drawCover } from './cover';
import { makeFormats } from './formats';
import { drawIncidentLog } from './incidentLog';
import { ReportWriter, type FlowPosition } from './layout';
import { stampPageFrames } from './pageFrame';
import { settleTextLayers } from './drawLine';
import { embedFonts } from './embedFonts';
import { stringsIn } from './fontFamilies';
import { isRtlLocale } from './reportFont';
import type { ReportOptions, ReportTranslate } from './types';

const CREATOR = 'Daybook';
const PRODUCER = 'Daybook (pdf-lib)';

/** Labels repeat for every incident: each is looked up once. */
function memoised(t: ReportTranslate): ReportTranslate {
  const labels = new Map<string, string>();
  return (key, options) => {
    if (options) return t(key, options);
    let label = labels.get(key);
    if (label === undefined) {
      label = t(key);
      labels.set(key, label);
    }
    return label;
  };
}

export async function renderPdfReport(options: ReportOptions): Promise<Uint8Array> {
  const { document, verification, locale } = options;
  const t = memoised(options.t);
  const now = options.now ?? new Date();
  const formats = makeFormats(locale, options.timeZone);

  const pdf = await PDFDocument.create({ updateMetadata: false });
  const { fonts, embedded } = await embedFonts(pdf, options.fonts);
  // The cover says how many incidents hold characters no font has, before the log is drawn.
  const unprintableEntries = document.entries.filter((entry) => {
    for (const text of stringsIn(entry.revisions)) if (fonts.regular.unprintable(text).length > 0) return true;
    return false;
  }).length;
  const rtl = isRtlLocale(locale);
  const exhibits = exhibitsOf(document, options.exhibitInitials);
  const ctx: ReportContext = {
    document,
    verification,
    checks: coverageByVersion(verification),
    t,
    formats,
    locale,
    rtl,
    unprintableEntries,
    exhibits,
  };
  // Metadata carries no user text: a file's properties are easy to overlook when sharing it.
  pdf.setTitle(t('report:meta.title'), { showInWindowTitleBar: true });
  pdf.setCreator(CREATOR);
  pdf.setProducer(PRODUCER);
  pdf.setLanguage(locale);
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);

  const writer = new ReportWriter(pdf, fonts, rtl);
  drawCover(writer, ctx, now);
  const summaryLinks = drawAdvocateSummary(writer, ctx);
  const images = document.scope.attachmentsIncluded ? new ImageEmbedder(pdf, options.loadImage, exhibits) : null;
  // The summary's entry numbers link to where each entry starts, known once the log is drawn.
  const entryStarts = new Map<string, FlowPosition>();
  await drawIncidentLog(writer, ctx, images, options.onIncidentDrawn, (id, at) => entryStarts.set(id, at));
  linkEntries(pdf, summaryLinks, entryStarts);
  stampPageFrames(writer.pages, fonts, t, formats.moment(now.toISOString()), rtl);
  settleTextLayers(writer.pages);
  for (const font of embedded) await font.finish();
  return pdf.save();
}
