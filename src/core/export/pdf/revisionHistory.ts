// An edited incident's history: every saved version with when it was saved, and what each
// edit changed. Nothing is hidden by an edit; changes to fields left out of the export are not
// shown, since they would reveal what was left out.

import { diffIncidents, isLongText, type FieldChange } from '../../diary/revisionDiff';
import { describeWhen } from '../../model/describeWhen';
import type { ExportEntry, ExportRevision, OmittableField } from '../exportDocument';
import { OMITTED_WITH, omittedFieldsOf, revisionIncident, revisionOrigin } from '../exportDocument';
import { versionCheck, type ReportContext } from './context';
import { breachText, toldText, witnessText } from './incidentFields';
import { COLOURS, type ReportWriter, type Segment } from './layout';
import { hasLtrLetters } from './reportFont';

function addedRemoved(ctx: ReportContext, added: string[], removed: string[]): Segment[] {
  const { t, formats } = ctx;
  const parts: Segment[] = [];
  if (added.length > 0) parts.push({ text: t('report:history.added', { items: formats.list(added) }) });
  if (removed.length > 0) parts.push({ text: t('report:history.removed', { items: formats.list(removed) }) });
  return parts;
}

function beforeAfter(ctx: ReportContext, before: string, after: string): Segment[] {
  const { t } = ctx;
  const shown = (text: string) => text || t('report:history.empty');
  // "before → after" on one line, unless the values are left-to-right text in a right-to-left
  // report: they would then be set left to right, and the arrow would point the wrong way.
  if (!isLongText(before) && !isLongText(after) && !(ctx.rtl && (hasLtrLetters(before) || hasLtrLetters(after)))) {
    return [{ text: t('report:history.change', { before: shown(before), after: shown(after) }) }];
  }
  // Long text in full, both versions, so the earlier wording can be read as it was.
  const caption = { bold: true, size: 8.5, color: COLOURS.muted };
  return [
    { text: t('report:history.before'), style: caption },
    { text: shown(before), style: { dir: 'auto' } },
    { text: t('report:history.after'), style: caption },
    { text: shown(after), style: { dir: 'auto' } },
  ];
}

function describeChange(ctx: ReportContext, change: FieldChange): Segment[] {
  const { t, formats } = ctx;
  switch (change.field) {
    case 'when':
      return beforeAfter(ctx, describeWhen(change.before, t, formats.date), describeWhen(change.after, t, formats.date));
    case 'reported': {
      const yesNo = (value: boolean) => t(value ? 'report:log.yes' : 'report:log.no');
      return beforeAfter(ctx, yesNo(change.before), yesNo(change.after));
    }
    case 'behaviours':
      return addedRemoved(
        ctx,
        change.added.map((b) => t(`diary:behaviours.${b}`)),
        change.removed.map((b) => t(`diary:behaviours.${b}`)),
      );
    case 'witnesses':
      return addedRemoved(
        ctx,
        change.added.map((w) => witnessText(ctx, w)),
        change.removed.map((w) => witnessText(ctx, w)),
      );
    case 'attachments': {
      // A file only an earlier version had is named here alone: with its exhibit reference, if any.
      const named = (file: { id: string; name: string }) => {
        const exhibit = ctx.exhibits?.get(file.id);
        return exhibit ? ctx.t('exhibits:pdf.named', { name: file.name, reference: exhibit.reference }) : file.name;
      };
      return addedRemoved(ctx, change.added.map(named), change.removed.map(named));
    }
    case 'breaches':
      return addedRemoved(
        ctx,
        change.added.map((b) => breachText(ctx, b)),
        change.removed.map((b) => breachText(ctx, b)),
      );
    case 'told':
      return addedRemoved(
        ctx,
        change.added.map((item) => toldText(ctx, item)),
        change.removed.map((item) => toldText(ctx, item)),
      );
    default:
      return beforeAfter(ctx, change.before, change.after);
  }
}

/** What an edit changed, split into what may be shown and how many changes were left out. */
function changesBetween(ctx: ReportContext, before: ExportRevision, after: ExportRevision): { shown: FieldChange[]; hidden: number } {
  const omitted = new Set<OmittableField>([...ctx.document.scope.omittedFields, ...omittedFieldsOf(before), ...omittedFieldsOf(after)]);
  const all = diffIncidents(revisionIncident(before), revisionIncident(after));
  const shown = all.filter((change) => {
    const group = OMITTED_WITH[change.field];
    return group === null || !omitted.has(group);
  });
  return { shown, hidden: all.length - shown.length };
}

/**
 * The note the link of a version carries, if any: the device's clock read earlier than the
 * previous record ('behind', an alert), or it was saved more than a day after it ('ahead', a gap,
 * not a clock fault). Never the previous record's time: that record may be left out.
 */
export function drawClockNote(w: ReportWriter, ctx: ReportContext, entryId: string, revision: number): void {
  const note = versionCheck(ctx, entryId, revision)?.clock;
  if (note === undefined) return;
  if (note.kind === 'behind') w.text(ctx.t('report:log.clockBehind'), { bold: true, size: 9, color: COLOURS.alert });
  else w.text(ctx.t('report:log.clockAhead'), { size: 9, color: COLOURS.muted });
}

/** The history section of an entry with more than one version; nothing for a single version. */
export function drawRevisionHistory(w: ReportWriter, ctx: ReportContext, entry: ExportEntry): void {
  const { t, formats } = ctx;
  const { revisions } = entry;
  if (revisions.length < 2) return;
  w.ensure(60);
  w.gap(6);
  w.text(t('report:history.title'), { bold: true, size: 10 });
  revisions.forEach((revision, index) => {
    const origin = revisionOrigin(revision);
    const moment = formats.moment(origin?.recordedAt ?? revision.recordedAt);
    const imported = () => {
      if (origin)
        w.text(t('report:history.imported', { moment: formats.moment(revision.recordedAt) }), { size: 8.5, color: COLOURS.muted });
    };
    const previous = revisions[index - 1];
    if (!previous) {
      w.text(t('report:history.written', { number: revision.revision, moment }), { size: 9.5 });
      imported();
      drawClockNote(w, ctx, entry.id, revision.revision);
      return;
    }
    w.ensure(40);
    w.gap(3);
    w.text(t('report:history.edited', { number: revision.revision, moment }), { bold: true, size: 9.5 });
    imported();
    drawClockNote(w, ctx, entry.id, revision.revision);
    const { shown, hidden } = changesBetween(ctx, previous, revision);
    if (shown.length === 0 && hidden === 0) w.text(t('report:history.noChanges'), { size: 9.5, color: COLOURS.muted });
    for (const change of shown) w.field(t(`report:fields.${change.field}`), describeChange(ctx, change));
    if (hidden > 0) w.text(t('report:history.leftOutChanged'), { size: 9.5, color: COLOURS.muted });
  });
}
