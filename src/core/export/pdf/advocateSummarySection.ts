// The advocate's summary, on its own page after the cover: for each fact an advocate asks about,
// how many of the report's incidents record it and which entries they are, each entry number a
// link to where that entry starts in the log. It counts what the report shows and nothing else
// (see advocateSummary.ts), and says plainly that it is not a risk assessment.

import { PDFArray, PDFName, PDFNull, PDFNumber, type PDFDocument } from 'pdf-lib';
import { advocateSummary, namedEntries, type SummaryFact } from '../advocateSummary';
import { exportVerified } from '../verifyExport';
import type { ReportContext } from './context';
import { COLOURS, type FlowPosition, type PlacedItem, type ReportWriter, type Segment } from './layout';

/** Whether the person chose part of the diary, so the counts are of that part only. */
function isSelection(ctx: ReportContext): boolean {
  const { scope } = ctx.document;
  return scope.pickedIncidents || Boolean(scope.from) || Boolean(scope.to) || scope.behaviours.length > 0;
}

function factLabel(ctx: ReportContext, fact: SummaryFact['fact']): string {
  switch (fact) {
    case 'reported-to-police':
    case 'witnesses-named':
    case 'files-attached':
      return ctx.t(`advocate:facts.${fact}`);
    default:
      return ctx.t(`diary:behaviours.${fact}`);
  }
}

function drawFact(w: ReportWriter, ctx: ReportContext, fact: SummaryFact): PlacedItem<string>[] {
  const { t, formats } = ctx;
  const label = factLabel(ctx, fact.fact);
  // Left out of every entry: there is nothing to count, and no 0 that could read as "none".
  if (fact.entries.length === 0 && fact.leftOut.length > 0) {
    w.field(label, [{ text: t('advocate:leftOut', { count: fact.leftOut.length }), style: { color: COLOURS.muted } }]);
    return [];
  }
  const count: Segment = { text: formats.number(fact.entries.length), style: { bold: true } };
  const separator = t('advocate:separator');
  const { shown, more } = namedEntries(fact);
  const items = shown.map((ref, index) => ({
    // The separator stays with its number, so a row never starts with one.
    text: formats.number(ref.number) + (index < shown.length - 1 ? separator : ''),
    key: ref.id,
  }));
  const lead: Segment[] = [count, { text: t('advocate:entriesLead', { count: fact.entries.length }), style: { color: COLOURS.muted } }];
  const placed = items.length > 0 ? w.itemsField(label, lead, items) : (w.field(label, [count]), []);
  if (more > 0) w.field('', [{ text: t('advocate:more', { count: more, number: formats.number(more) }), style: { color: COLOURS.muted } }]);
  if (fact.leftOut.length > 0) {
    w.field('', [{ text: t('advocate:leftOut', { count: fact.leftOut.length }), style: { size: 9, color: COLOURS.muted } }]);
  }
  return placed;
}

/**
 * Draws the summary on a new page and returns where each entry number stands, for linkEntries
 * once the log has been drawn. A report without incidents has no summary.
 */
export function drawAdvocateSummary(w: ReportWriter, ctx: ReportContext): PlacedItem<string>[] {
  const { t, formats, document } = ctx;
  if (document.entries.length === 0) return [];
  const summary = advocateSummary(document);
  w.newPage();
  w.text(t('advocate:title'), { bold: true, size: 16 });
  w.gap(2);
  w.text(t('advocate:intro.report'), { size: 9.5, color: COLOURS.muted });
  if (isSelection(ctx)) w.text(t('advocate:selection.report'), { size: 9.5, color: COLOURS.muted });
  w.gap(4);
  w.text(t('advocate:notAssessment.report'), { bold: true });
  // The cover says so in full; the counts are no better than what they were read from.
  if (!exportVerified(ctx.verification)) {
    w.gap(2);
    w.text(t('advocate:verification.notVerifiedReport'), { bold: true, color: COLOURS.alert });
  }
  w.gap(8);
  w.field(t('advocate:incidents'), [{ text: formats.number(summary.incidents) }]);
  const dates: Segment[] = [
    {
      text:
        summary.firstDate && summary.lastDate
          ? t('advocate:range', { from: formats.date(summary.firstDate), to: formats.date(summary.lastDate) })
          : t('advocate:noDates'),
    },
  ];
  if (summary.undated.length > 0 && summary.firstDate) {
    dates.push({ text: t('advocate:undated', { count: summary.undated.length }), style: { size: 9, color: COLOURS.muted } });
  }
  w.field(t('advocate:dates'), dates);
  w.gap(6);
  w.field(t('advocate:columns.fact'), [{ text: t('advocate:columns.count'), style: { bold: true, size: 8.5, color: COLOURS.muted } }]);
  w.rule();
  const placed = summary.facts.flatMap((fact) => drawFact(w, ctx, fact));
  w.gap(6);
  w.text(t('advocate:zero'), { size: 9, color: COLOURS.muted });
  w.text(t('advocate:links'), { size: 9, color: COLOURS.muted });
  return placed;
}

/** How far above an entry's first line a link lands, so its rule shows. */
const LANDING_MARGIN = 6;

/** Makes each placed entry number a link (a GoTo to the top of that entry in the log). */
export function linkEntries(pdf: PDFDocument, placed: readonly PlacedItem<string>[], starts: ReadonlyMap<string, FlowPosition>): void {
  const { context } = pdf;
  for (const { key, page, rect } of placed) {
    const start = starts.get(key);
    if (!start) continue;
    const destination = PDFArray.withContext(context);
    destination.push(start.page.ref);
    destination.push(PDFName.of('XYZ'));
    destination.push(PDFNull);
    destination.push(PDFNumber.of(start.y + LANDING_MARGIN));
    destination.push(PDFNull);
    const annotation = context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: rect,
      Border: [0, 0, 0],
      Dest: destination,
    });
    page.node.addAnnot(context.register(annotation));
  }
}
