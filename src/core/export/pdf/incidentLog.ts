// The chronological log: each incident with every field, when it was written down, its files,
// and, if it was ever edited, a clear mark and the history of changes.

import { describeWhen } from '../../model/describeWhen';
import type { ExportEntry, OmittableField } from '../exportDocument';
import { omittedFieldsOf, revisionIncident, revisionOrigin } from '../exportDocument';
import { drawAttachments, type ImageEmbedder } from './attachments';
import { versionCheck, type ReportContext } from './context';
import { drawIncidentFields } from './incidentFields';
import { COLOURS, type FlowPosition, type ReportWriter, type Segment } from './layout';
import { codePointName } from './printableText';
import { drawClockNote, drawRevisionHistory } from './revisionHistory';

/**
 * Version 2: how far the entry's versions were checked, in words (a version 1 report says it on
 * the cover only, as it always did).
 */
function checkValue(ctx: ReportContext, entry: ExportEntry): Segment[] {
  const { t } = ctx;
  const statuses = entry.revisions.map((revision) => versionCheck(ctx, entry.id, revision.revision)?.status ?? 'failed');
  if (statuses.includes('failed')) return [{ text: t('report:log.failed'), style: { bold: true, color: COLOURS.alert } }];
  if (statuses.includes('text-unchecked')) return [{ text: t('report:log.textUnchecked'), style: { bold: true, color: COLOURS.alert } }];
  return [{ text: t('report:log.checked') }];
}

function drawRecord(w: ReportWriter, ctx: ReportContext, entry: ExportEntry): void {
  const { t, formats } = ctx;
  const first = entry.revisions[0];
  const last = entry.revisions.at(-1);
  if (!first || !last) return;
  // A version brought in from a backup of a diary that went its own way was first written there.
  const origin = revisionOrigin(first);
  w.field(t('report:log.firstWritten'), [{ text: formats.moment(origin?.recordedAt ?? first.recordedAt) }]);
  if (origin) w.field(t('report:log.imported'), [{ text: formats.moment(first.recordedAt) }]);
  const edits = entry.revisions.length - 1;
  if (ctx.document.version === 2) w.field(t('report:log.check'), checkValue(ctx, entry));
  if (edits === 0) {
    w.field(t('report:log.lastChanged'), [{ text: t('report:log.notEdited'), style: { color: COLOURS.muted } }]);
    // An edited incident's notes are in its history, beside each version.
    drawClockNote(w, ctx, entry.id, first.revision);
    return;
  }
  w.field(t('report:log.lastChanged'), [
    { text: formats.moment(last.recordedAt) },
    { text: t('report:log.edited', { count: edits }), style: { bold: true, color: COLOURS.alert } },
  ]);
}

async function drawEntry(
  w: ReportWriter,
  ctx: ReportContext,
  entry: ExportEntry,
  index: number,
  images: ImageEmbedder | null,
  onEntryStart?: (entryId: string, at: FlowPosition) => void,
): Promise<void> {
  const { t, formats, document } = ctx;
  const latest = entry.revisions.at(-1);
  if (!latest) return;
  const incident = revisionIncident(latest);
  const omitted = new Set<OmittableField>([...document.scope.omittedFields, ...omittedFieldsOf(latest)]);

  w.takeUnprintable(); // only what this entry holds is named under it
  w.ensure(90);
  onEntryStart?.(entry.id, w.here());
  w.rule();
  w.gap(2);
  const heading = t('report:log.heading', { number: formats.number(index + 1), when: describeWhen(incident.when, t, formats.date) });
  w.text(heading, { bold: true, size: 12 });
  w.text(t('report:log.entryId', { id: entry.id }), { size: 7.5, color: COLOURS.muted });
  w.gap(4);
  drawRecord(w, ctx, entry);
  drawIncidentFields(w, ctx, incident, omitted);
  await drawAttachments(w, ctx, incident.attachments, images);
  drawRevisionHistory(w, ctx, entry);
  drawUnprintable(w, ctx, w.takeUnprintable());
  w.gap(8);
}

/** Names each character of the entry that no font has: it was drawn as an empty box. */
function drawUnprintable(w: ReportWriter, ctx: ReportContext, codePoints: readonly number[]): void {
  if (codePoints.length === 0) return;
  w.gap(4);
  w.text(ctx.t('report:log.unprintable', { count: codePoints.length, codePoints: codePoints.map(codePointName).join(' ') }), {
    bold: true,
    size: 9.5,
    color: COLOURS.alert,
  });
}

export async function drawIncidentLog(
  w: ReportWriter,
  ctx: ReportContext,
  images: ImageEmbedder | null,
  onIncidentDrawn?: (done: number, total: number) => void,
  /** Told where each entry begins (the advocate's summary links to it). */
  onEntryStart?: (entryId: string, at: FlowPosition) => void,
): Promise<void> {
  const { t, document } = ctx;
  w.newPage();
  w.text(t('report:log.title'), { bold: true, size: 16 });
  w.gap(2);
  w.text(t('report:log.intro'), { size: 9.5, color: COLOURS.muted });
  w.gap(6);
  if (document.entries.length === 0) w.text(t('report:log.empty'), { color: COLOURS.muted });
  for (const [index, entry] of document.entries.entries()) {
    await drawEntry(w, ctx, entry, index, images, onEntryStart);
    onIncidentDrawn?.(index + 1, document.entries.length);
  }
}
