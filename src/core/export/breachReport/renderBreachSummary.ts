// The breach summary as a PDF: drawn with the main report's machinery (its fonts per script,
// HarfBuzz shaping, right to left for Arabic and Urdu, subsetting and text layer; see
// core/export/pdf), so every script prints as it does there. One page as a rule; a longer
// summary flows onto further pages, each marked "continued", and nothing is cut.

import { PDFDocument } from 'pdf-lib';
import { describeWhen } from '../../model/describeWhen';
import type { AttachmentRef, ToldSomeone, Witness } from '../../model/incident';
import { settleTextLayers } from '../pdf/drawLine';
import { embedFonts } from '../pdf/embedFonts';
import { describeSize, makeFormats, type Formats } from '../pdf/formats';
import { COLOURS, ReportWriter, type Segment } from '../pdf/layout';
import { stampPageFrames } from '../pdf/pageFrame';
import { codePointName } from '../pdf/printableText';
import { isRtlLocale } from '../pdf/reportFont';
import type { ReportFontFiles, ReportTranslate } from '../pdf/types';
import type { BreachSummary } from './breachSummary';

export interface BreachSummaryPdfOptions {
  summary: BreachSummary;
  fonts: ReportFontFiles;
  t: ReportTranslate;
  /** BCP 47 tag of the report's language (the app's): dates, numbers, direction. */
  locale: string;
  /** IANA time zone for recorded moments; default: the runtime's. */
  timeZone?: string;
}

const CREATOR = 'Daybook';
const PRODUCER = 'Daybook (pdf-lib)';
/** Each file's details sit under the "Attached files" caption, as in the main report. */
const INDENT = 10;

/** A writer that marks every page after the first as a continuation. */
class SummaryWriter extends ReportWriter {
  /** Set once the writer exists (the first page is drawn before any field of a subclass is). */
  continued = '';

  override newPage(): void {
    super.newPage();
    if (this.pages.length > 1 && this.continued !== '') {
      this.text(this.continued, { bold: true, size: 9, color: COLOURS.muted });
      this.gap(6);
    }
  }
}

interface Drawing {
  w: SummaryWriter;
  t: ReportTranslate;
  formats: Formats;
}

/** The person's own text in its own direction, or a visible "Not recorded". */
function own(d: Drawing, text: string): Segment[] {
  return text.trim() === '' ? [notRecorded(d)] : [{ text, style: { dir: 'auto' } }];
}

function notRecorded(d: Drawing): Segment {
  return { text: d.t('breachReport:pdf.notRecorded'), style: { color: COLOURS.muted } };
}

function drawOrder(d: Drawing, summary: BreachSummary): void {
  const { w, t, formats } = d;
  const { order } = summary;
  w.heading(t('breachReport:pdf.order.title'), 12);
  w.field(t('breachReport:pdf.order.kind'), [{ text: t(`orders:kinds.${order.kind}`) }]);
  if (order.title.trim() !== '') w.field(t('breachReport:pdf.order.name'), own(d, order.title));
  w.field(t('breachReport:pdf.order.court'), own(d, order.court));
  w.field(t('breachReport:pdf.order.madeOn'), order.madeOn ? [{ text: formats.date(order.madeOn) }] : [notRecorded(d)]);
  w.field(t('breachReport:pdf.order.servedOn'), order.servedOn ? [{ text: formats.date(order.servedOn) }] : [notRecorded(d)]);
  w.field(t('breachReport:pdf.order.expiresOn'), [
    { text: order.expiresOn ? formats.date(order.expiresOn) : t('breachReport:pdf.order.noExpiry') },
  ]);
}

function drawConditions(d: Drawing, summary: BreachSummary): void {
  const { w, t } = d;
  w.heading(t('breachReport:pdf.conditions.title', { count: summary.conditions.length }), 12);
  if (summary.conditions.length === 0) w.text(t('breachReport:pdf.notRecorded'), { color: COLOURS.muted, indent: INDENT });
  summary.conditions.forEach((condition, index) => {
    if (index > 0) w.gap(4);
    if (condition.text === null) {
      w.text(t('breachReport:pdf.conditions.removed'), { bold: true, color: COLOURS.alert, indent: INDENT });
      if (condition.lastKnownText !== undefined && condition.lastKnownText.trim() !== '') {
        w.text(t('breachReport:pdf.conditions.lastWording'), { size: 9.5, indent: INDENT });
        w.text(condition.lastKnownText, { indent: INDENT, dir: 'auto' });
      }
    } else if (condition.text.trim() === '') {
      w.text(t('breachReport:pdf.notRecorded'), { color: COLOURS.muted, indent: INDENT });
    } else {
      // Quoted in full, in the person's words and their own direction.
      w.text(condition.text, { indent: INDENT, dir: 'auto' });
    }
  });
}

function witnessSegment(d: Drawing, witness: Witness): Segment | null {
  const name = witness.name.trim();
  const contact = witness.contact.trim();
  if (name && contact) return { text: d.t('breachReport:pdf.breach.witness', { name, contact }) };
  // A name or contact alone is the person's own text, in its own direction.
  return name || contact ? { text: name || contact, style: { dir: 'auto' } } : null;
}

function drawBreach(d: Drawing, summary: BreachSummary): void {
  const { w, t, formats } = d;
  const { breach } = summary;
  w.heading(t('breachReport:pdf.breach.title'), 12);
  w.field(t('breachReport:pdf.breach.when'), [{ text: describeWhen(breach.when, t, formats.date) }]);
  w.field(t('breachReport:pdf.breach.where'), own(d, breach.where));
  w.field(t('breachReport:pdf.breach.whatHappened'), own(d, breach.whatHappened));
  w.field(t('breachReport:pdf.breach.whoDidIt'), own(d, breach.whoDidIt));
  const witnesses = breach.witnesses.map((witness) => witnessSegment(d, witness)).filter((s): s is Segment => s !== null);
  w.field(t('breachReport:pdf.breach.witnesses'), witnesses.length > 0 ? witnesses : [notRecorded(d)]);
  w.field(t('breachReport:pdf.breach.reported'), [
    { text: t(breach.reported ? 'breachReport:pdf.breach.yes' : 'breachReport:pdf.breach.no') },
  ]);
  if (breach.policeReference !== undefined) w.field(t('breachReport:pdf.breach.policeReference'), own(d, breach.policeReference));
  if (breach.officer !== undefined) w.field(t('breachReport:pdf.breach.officer'), own(d, breach.officer));
}

function toldText(d: Drawing, told: ToldSomeone): string {
  const { t, formats } = d;
  const how = t(`breachReport:pdf.told.how.${told.how}`);
  const who = told.who.trim() || t('breachReport:pdf.notRecorded');
  if (!told.date) return t('breachReport:pdf.told.entry', { who, how });
  const date = formats.date(told.date);
  const when = told.time ? t('breachReport:pdf.told.dateTime', { date, time: told.time }) : date;
  return t('breachReport:pdf.told.entryWhen', { who, how, when });
}

function drawTold(d: Drawing, summary: BreachSummary): void {
  if (summary.told.length === 0) return;
  const { w, t } = d;
  w.heading(t('breachReport:pdf.told.title'), 12);
  for (const told of summary.told) w.text(toldText(d, told), { indent: INDENT, dir: 'auto' });
}

/** A file as the main report lists it (its wording, from the report namespace). */
function drawFile(d: Drawing, ref: AttachmentRef): void {
  const { w, t, formats } = d;
  const detail = { size: 9, indent: INDENT };
  w.ensure(60);
  w.gap(3);
  const name = ref.name.trim();
  w.text(name || t('report:attachments.unnamed'), { bold: true, size: 10, indent: INDENT, ...(name ? { dir: 'auto' as const } : {}) });
  w.text(t('report:attachments.type', { type: ref.type || t('report:attachments.unknownType') }), detail);
  w.text(t('report:attachments.size', { size: describeSize(ref.size, t, formats) }), detail);
  w.text(t('report:attachments.sha256', { hash: ref.sha256 }), detail);
  if (ref.receivedAt) {
    w.text(t(`report:attachments.received.${ref.receivedVia ?? 'any'}`, { moment: formats.moment(ref.receivedAt) }), detail);
  }
  if (ref.interrupted) w.text(t('report:attachments.interrupted'), detail);
}

function drawEvidence(d: Drawing, summary: BreachSummary): void {
  const { w, t } = d;
  const { files, elsewhere } = summary.evidence;
  w.heading(t('breachReport:pdf.evidence.title'), 12);
  if (files.length === 0) {
    w.field(t('breachReport:pdf.evidence.files'), [{ text: t('breachReport:pdf.evidence.noFiles'), style: { color: COLOURS.muted } }]);
  } else {
    w.label(t('breachReport:pdf.evidence.files'));
    for (const ref of files) drawFile(d, ref);
    w.gap(4);
  }
  w.field(t('breachReport:pdf.evidence.elsewhere'), own(d, elsewhere));
}

export async function renderBreachSummaryPdf(options: BreachSummaryPdfOptions): Promise<Uint8Array> {
  const { summary, t, locale } = options;
  const formats = makeFormats(locale, options.timeZone);
  const madeAt = new Date(summary.madeAt);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const { fonts, embedded } = await embedFonts(pdf, options.fonts);
  const rtl = isRtlLocale(locale);
  // Metadata carries no user text: a file's properties are easy to overlook when sharing it.
  pdf.setTitle(t('breachReport:pdf.metaTitle'), { showInWindowTitleBar: true });
  pdf.setCreator(CREATOR);
  pdf.setProducer(PRODUCER);
  pdf.setLanguage(locale);
  pdf.setCreationDate(madeAt);
  pdf.setModificationDate(madeAt);

  const w = new SummaryWriter(pdf, fonts, rtl);
  w.continued = t('breachReport:pdf.continued');
  const d: Drawing = { w, t, formats };
  w.text(t('breachReport:pdf.title'), { bold: true, size: 16 });
  w.gap(4);
  w.text(t('breachReport:pdf.madeWith', { moment: formats.moment(summary.madeAt) }), { size: 9, color: COLOURS.muted });
  drawOrder(d, summary);
  drawConditions(d, summary);
  drawBreach(d, summary);
  drawTold(d, summary);
  drawEvidence(d, summary);
  const missing = w.takeUnprintable();
  if (missing.length > 0) {
    w.gap(8);
    w.text(t('breachReport:pdf.unprintable', { count: missing.length, codePoints: missing.map(codePointName).join(' ') }), {
      size: 9,
      color: COLOURS.alert,
    });
  }
  // The running header is the summary's own; the footer (generated, page x of y) is the report's.
  const frameT: ReportTranslate = (key, values) => (key === 'report:header' ? t('breachReport:pdf.header') : t(key, values));
  stampPageFrames(w.pages, fonts, frameT, formats.moment(summary.madeAt), rtl);
  settleTextLayers(w.pages);
  for (const font of embedded) await font.finish();
  return pdf.save();
}
