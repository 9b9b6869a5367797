// The first page: what this report covers, what it leaves out, and how to check it has not
// been altered since. It says "verified" only for what was checked, and names in plain words what
// the check does not cover (whose diary it is, fields left out, the sender's choice of incidents,
// checklist results, times from the device's clock, later changes). What was checked is worded as
// agreement with the record of changes the report was made from: nothing in it is keyed. It ends
// with the chronology: incidents per week among those in the report (chronologyChart.ts).

import { CHECKLIST_STEPS } from '../../checklist/questions';
import type { SavedChecklistResult } from '../../checklist/result';
import { happenedOn } from '../../model/happened';
import { formatFingerprint } from '../../evidence';
import { BEHAVIOURS } from '../../model/behaviours';
import { latestIncident, type ExportChainV2, type OmittableField } from '../exportDocument';
import { verifiedStatement, type VerifiedStatement } from '../verifyExport';
import { drawChronologyChart } from './chronologyChart';
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
  const chosen = personChose(scope.omittedFields);
  if (chosen.length > 0) {
    w.field(t('report:cover.leftOut'), [
      { text: formats.list(chosen.map((field) => omittableLabel(ctx, field))), style: { bold: true } },
      { text: t('report:cover.leftOutNote'), style: { size: 9, color: COLOURS.muted } },
    ]);
  }
  // Private notes stay out unless ticked in (effectiveOmit): that is Daybook's default, not the
  // person's choice, and saying it was would point a reader at notes that may not exist.
  if (scope.omittedFields.includes('privateNotes')) w.text(t('report:cover.privateNotesDefault'), { size: 9.5 });
}

/** The fields the person chose to leave out: private notes are left out by default, never named as chosen. */
function personChose(fields: readonly OmittableField[]): OmittableField[] {
  return fields.filter((field) => field !== 'privateNotes');
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

/** Version 1: the whole chain travelled with the export; the wording is as it always was. */
function drawChainV1(w: ReportWriter, ctx: ReportContext, head: string, links: number): void {
  const { t, formats, verification } = ctx;
  const { chain, problems, notHeld, partialRevisions } = verification;
  w.heading(t('report:chain.title'), 12);
  w.field(t('report:chain.links'), [{ text: formats.number(links) }]);
  w.label(t('report:chain.head'));
  // Full width, so the 64 digits fit on one line and can be compared by eye.
  w.text(head, { size: 10, dir: 'ltr' });
  w.gap(4);
  if (chain.ok && chain.head === head && problems.length === 0 && notHeld.length === 0) {
    w.text(t('report:chain.verified'), { bold: true });
    // The chain holds, but a version with fields left out cannot be matched to its hash.
    if (partialRevisions > 0) w.text(t('report:chain.partialUnchecked', { count: partialRevisions }), { bold: true, color: COLOURS.alert });
  } else if (chain.ok && problems.length === 0 && notHeld.length > 0) {
    // Its text is not in the export, so it could not be checked: never called verified.
    w.text(t('report:chain.notHeld', { count: notHeld.length }), { bold: true, color: COLOURS.alert });
  } else if (chain.ok && problems.length > 0) {
    w.text(t('report:chain.entriesDisagree', { count: problems.length }), { bold: true, color: COLOURS.alert });
  } else if (chain.ok) {
    w.text(t('report:chain.headDiffers'), { bold: true, color: COLOURS.alert });
  } else {
    w.text(t('report:chain.broken', { position: formats.number(chain.brokenAt + 1) }), { bold: true, color: COLOURS.alert });
  }
  drawUnprintableNote(w, ctx);
  w.gap(4);
  w.text(t('report:chain.howToVerify'), { size: 9.5 });
}

/**
 * The check is of the record, not of the printing: where characters could not be printed, the
 * printed text of those incidents is not exactly as written, and the cover says so.
 */
function drawUnprintableNote(w: ReportWriter, ctx: ReportContext): void {
  if (ctx.unprintableEntries === 0) return;
  w.text(ctx.t('report:cover.unprintable', { count: ctx.unprintableEntries }), { bold: true, color: COLOURS.alert });
}

/** The result in one bold line: "Verified" only when every check holds and every text was checked. */
function drawOutcome(w: ReportWriter, ctx: ReportContext, statement: VerifiedStatement): void {
  const { t, formats, verification } = ctx;
  const { chain, problems, notHeld } = verification;
  const alert = { bold: true, color: COLOURS.alert };
  if (statement.outcome === 'verified') w.text(t('report:evidence.verified', { count: statement.checkedRevisions }), { bold: true });
  else if (statement.outcome === 'partly-verified')
    w.text(
      t('report:evidence.partlyVerified', { count: statement.uncheckedText, checked: formats.number(statement.checkedRevisions) }),
      alert,
    );
  else if (!chain.ok && chain.reason === 'head-mismatch') w.text(t('report:evidence.headDiffers'), alert);
  else if (!chain.ok) w.text(t('report:evidence.brokenAt', { position: formats.number(chain.brokenAt + 1) }), alert);
  else if (problems.length > 0) w.text(t('report:chain.entriesDisagree', { count: problems.length }), alert);
  else w.text(t('report:chain.notHeld', { count: notHeld.length }), alert);
}

/** Each thing the check does not vouch for, in plain words. */
function drawNotCovered(w: ReportWriter, ctx: ReportContext, statement: VerifiedStatement): void {
  const { t, formats } = ctx;
  w.gap(4);
  w.text(t('report:evidence.notCoveredTitle'), { bold: true, size: 10 });
  const chosen = personChose(statement.fieldsLeftOut);
  const fields = formats.list(chosen.map((field) => omittableLabel(ctx, field)));
  for (const item of statement.notCovered) {
    // Private notes alone: the neutral sentence above says all there is to say.
    if (item === 'fields-left-out' && chosen.length === 0) continue;
    const text =
      item === 'v1-partial-text'
        ? t('report:evidence.notCovered.v1-partial-text', { count: statement.uncheckedText })
        : item === 'not-held-text'
          ? t('report:evidence.notCovered.not-held-text', { count: statement.notHeld })
          : item === 'fields-left-out'
            ? t('report:evidence.notCovered.fields-left-out', { fields })
            : t(`report:evidence.notCovered.${item}`);
    w.text(t('report:checklists.bullet', { item: text }), { size: 9.5 });
  }
}

/** Version 2: the diary's fingerprint, what was checked, and what was not. */
function drawEvidenceV2(w: ReportWriter, ctx: ReportContext, chain: ExportChainV2): void {
  const { t, formats, verification } = ctx;
  const statement = verifiedStatement(verification);
  const head = { size: chain.size, root: chain.root };
  w.heading(t('report:evidence.title'), 12);
  w.label(t('report:evidence.fingerprint'));
  w.text(formatFingerprint(head), { bold: true, size: 12, dir: 'ltr' });
  w.text(t('report:evidence.fingerprintNote', { count: chain.size, links: formats.number(chain.size) }), {
    size: 9,
    color: COLOURS.muted,
  });
  w.gap(2);
  w.label(t('report:evidence.root'));
  w.text(chain.root, { size: 10, dir: 'ltr' });
  w.gap(4);
  drawOutcome(w, ctx, statement);
  drawUnprintableNote(w, ctx);
  if (statement.outcome !== 'not-verified') {
    w.field(
      t('report:evidence.checkedFields'),
      statement.fieldsChecked.length === 0
        ? [{ text: t('report:evidence.noneChecked'), style: { color: COLOURS.muted } }]
        : [{ text: formats.list(statement.fieldsChecked.map((field) => t(`report:evidence.fields.${field}`))) }],
    );
  }
  if (statement.clockBehind > 0) w.text(t('report:evidence.clockBehind', { count: statement.clockBehind }), { bold: true, size: 9.5 });
  if (statement.clockAhead > 0) w.text(t('report:evidence.clockAhead', { count: statement.clockAhead }), { size: 9.5 });
  if (verification.coverage.earlier.length > 0) {
    w.gap(4);
    w.text(t('report:evidence.earlierTitle'), { bold: true, size: 10 });
    for (const earlier of verification.coverage.earlier) {
      const values = { fingerprint: formatFingerprint(earlier), moment: formats.moment(earlier.sharedAt), count: earlier.size };
      w.text(
        t(earlier.proven ? 'report:evidence.earlierProven' : 'report:evidence.earlierNotProven', values),
        earlier.proven ? { size: 9.5 } : { size: 9.5, bold: true, color: COLOURS.alert },
      );
    }
  }
  drawNotCovered(w, ctx, statement);
  w.gap(4);
  w.text(t('report:evidence.howToVerify'), { size: 9.5 });
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

export function drawCover(w: ReportWriter, ctx: ReportContext, now: Date): void {
  const { t, document } = ctx;
  w.text(t('report:cover.title'), { bold: true, size: 22 });
  w.gap(4);
  w.text(t('report:cover.subtitle'), { color: COLOURS.muted });
  w.gap(6);
  w.text(t('report:cover.disclaimer'), { size: 9.5 });
  w.gap(12);
  drawScope(w, ctx, now);
  drawBehaviourCounts(w, ctx);
  if (document.version === 1) drawChainV1(w, ctx, document.chain.head, document.chain.links.length);
  else drawEvidenceV2(w, ctx, document.chain);
  if (document.checklists.length > 0) {
    w.heading(t('report:checklists.title'), 12);
    w.text(t('report:checklists.intro'), { size: 9.5, color: COLOURS.muted });
    for (const result of document.checklists) drawChecklist(w, ctx, result);
  }
  // Last on the cover, so what the cover said before it stays where it was.
  drawChronologyChart(w, ctx);
}
