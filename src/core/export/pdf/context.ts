// What every part of the report needs: the words, the formats and the export itself.

import type { ExportDocument, OmittableField } from '../exportDocument';
import type { Formats } from './formats';
import type { Segment } from './layout';
import { COLOURS } from './layout';
import type { ReportTranslate } from './types';

export interface ReportContext {
  document: ExportDocument;
  t: ReportTranslate;
  formats: Formats;
  locale: string;
}

/** A field's value, or a visible "not recorded" when it is blank. */
export function textValue(ctx: ReportContext, text: string): Segment[] {
  return text.trim() === '' ? [notRecorded(ctx)] : [{ text }];
}

export function notRecorded(ctx: ReportContext): Segment {
  return { text: ctx.t('report:log.notRecorded'), style: { color: COLOURS.muted } };
}

/** Shown in place of a field the person left out, so it never silently disappears. */
export function leftOut(ctx: ReportContext): Segment {
  return { text: ctx.t('report:log.leftOut'), style: { bold: true, color: COLOURS.muted } };
}

/** The name of a group of fields a person can leave out of an export. */
export function omittableLabel(ctx: ReportContext, field: OmittableField): string {
  return ctx.t(`report:omittable.${field}`);
}
