// The first page: what this report covers, what it leaves out, and how to check it has not
// been altered since.

import { CHECKLIST_STEPS } from '../../checklist/questions';
import type { SavedChecklistResult } from '../../checklist/result';
import { happenedOn } from '../../diary/happened';
import type { ExportVerification } from '../verifyExport';
import { BEHAVIOURS } from '../../model/behaviours';
import { latestIncident } from '../exportDocument';
import type { ReportContext } from './context';
import { omittableLabel } from './context';
import { COLOURS, type ReportWriter } from './layout';

/** The days covered: the chosen range, or the first and last incident where it was left open. */
function period(ctx: ReportContext): string {
  const { scope, entries } = ctx.document;
  const days = entries
    .map((entry) => happenedOn(latestIncident(entry).when, entry.revisions[0]?.recordedAt ?? ctx.document.generatedAt))
    .sort();
  const from = scope.from || days[0];
  const to = scope.to || days.at(-1);
  const { t, formats } = ctx;
  if (from && to) return t('report:cover.range', { from: formats.date(from), to: formats.date(to) });
  if (from) return t('report:cover.fromOnly', { date: formats.date(from) });
  if (to) return t('report:cover.toOnly', { date: formats.date(to) });
  return t('report:cover.noPeriod');
}

function drawScope(w: ReportWriter, ctx: ReportContext, now: Date): void {
  const { t, formats, document } = ctx;
  const { scope } = document;
  w.field(t('report:cover.generated'), [{ text: formats.moment(now.toISOString()) }]);
  w.field(t('report:cover.period'), [{ text: period(ctx) }]);
  w.field(t('report:cover.incidents'), [{ text: formats.number(document.entries.length) }]);
  if (scope.pickedIncidents) w.field(t('report:cover.selection'), [{ text: t('report:cover.picked') }]);
  if (scope.behaviours.length > 0) {
    w.field(t('report:cover.onlyBehaviours'), [{ text: formats.list(scope.behaviours.map((b) => t(`diary:behaviours.${b}`))) }]);
  }
  w.field(t('report:cover.files'), [{ text: t(scope.attachmentsIncluded ? 'report:cover.filesIncluded' : 'report:cover.filesListed') }]);
  if (scope.omittedFields.length > 0) {
    w.field(t('report:cover.leftOut'), [
      { text: formats.list(scope.omittedFields.map((field) => omittableLabel(ctx, field))), style: { bold: true } },
      { text: t('report:cover.leftOutNote'), style: { size: 9, color: COLOURS.muted } },
    ]);
  }
}

function drawBehaviourCounts(w: ReportWriter, ctx: ReportContext): void {
  const { t, formats } = ctx;
  w.heading(t('report:cover.behavioursTitle'), 12);
  const counts = BEHAVIOURS.map((behaviour) => ({
    behaviour,
    count: ctx.document.entries.filter((entry) => latestIncident(entry).behaviours.includes(behaviour)).length,
  })).filter(({ count }) => count > 0);
  if (counts.length === 0) w.text(t('report:cover.noBehaviours'), { color: COLOURS.muted });
  for (const { behaviour, count } of counts) w.field(t(`diary:behaviours.${behaviour}`), [{ text: formats.number(count) }]);
  w.text(t('report:cover.behavioursNote'), { size: 9, color: COLOURS.muted });
}

function drawChain(w: ReportWriter, ctx: ReportContext, { chain: verification, problems, notHeld }: ExportVerification): void {
  const { t, formats, document } = ctx;
  const { links, head } = document.chain;
  w.heading(t('report:chain.title'), 12);
  w.field(t('report:chain.links'), [{ text: formats.number(links.length) }]);
  w.label(t('report:chain.head'));
  // Full width, so the 64 digits fit on one line and can be compared by eye.
  w.text(head, { size: 10 });
  w.gap(4);
  if (verification.ok && verification.head === head && problems.length === 0 && notHeld.length === 0) {
    w.text(t('report:chain.verified'), { bold: true });
  } else if (verification.ok && problems.length === 0 && notHeld.length > 0) {
    // Its text is not in the export, so it could not be checked: never called verified.
    w.text(t('report:chain.notHeld', { count: notHeld.length }), { bold: true, color: COLOURS.alert });
  } else if (verification.ok && problems.length > 0) {
    w.text(t('report:chain.entriesDisagree', { count: problems.length }), { bold: true, color: COLOURS.alert });
  } else if (verification.ok) {
    w.text(t('report:chain.headDiffers'), { bold: true, color: COLOURS.alert });
  } else {
    w.text(t('report:chain.broken', { position: formats.number(verification.brokenAt + 1) }), { bold: true, color: COLOURS.alert });
  }
  w.gap(4);
  w.text(t('report:chain.howToVerify'), { size: 9.5 });
}

function drawChecklist(w: ReportWriter, ctx: ReportContext, result: SavedChecklistResult): void {
  const { t, formats } = ctx;
  w.ensure(60);
  w.gap(4);
  w.text(t('report:checklists.saved', { moment: formats.moment(result.savedAt) }), { bold: true });
  w.field(
    t('report:checklists.explained'),
    result.outcome.map((id) => ({ text: t('report:checklists.bullet', { item: t(`report:checklists.outcome.${id}`) }) })),
  );
  for (const { field } of CHECKLIST_STEPS.flatMap((step) => step.questions)) {
    const value = result.answers[field];
    const chosen: readonly string[] = value === null ? [] : typeof value === 'string' ? [value] : value;
    w.field(
      t(`checklist:legends.${field}`),
      chosen.length === 0
        ? [{ text: t('checklist:answers.notAnswered'), style: { color: COLOURS.muted } }]
        : chosen.map((option) => ({ text: t('report:checklists.bullet', { item: t(`checklist:options.${field}.${option}`) }) })),
    );
  }
}

export function drawCover(w: ReportWriter, ctx: ReportContext, verification: ExportVerification, now: Date): void {
  const { t, document } = ctx;
  w.text(t('report:cover.title'), { bold: true, size: 22 });
  w.gap(4);
  w.text(t('report:cover.subtitle'), { color: COLOURS.muted });
  w.gap(6);
  w.text(t('report:cover.disclaimer'), { size: 9.5 });
  w.gap(12);
  drawScope(w, ctx, now);
  drawBehaviourCounts(w, ctx);
  drawChain(w, ctx, verification);
  if (document.checklists.length > 0) {
    w.heading(t('report:checklists.title'), 12);
    w.text(t('report:checklists.intro'), { size: 9.5, color: COLOURS.muted });
    for (const result of document.checklists) drawChecklist(w, ctx, result);
  }
}
