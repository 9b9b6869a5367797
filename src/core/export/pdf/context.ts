// What every part of the report needs: the words, the formats and the export itself.

import { contentKey } from '../../evidence';
import type { ExportDocument, OmittableField } from '../exportDocument';
import type { ExportVerification, RevisionCoverage } from '../verifyExport';
import type { Exhibit } from '../exhibits';
import type { Formats } from './formats';
import type { Segment } from './layout';
import { COLOURS } from './layout';
import type { ReportTranslate } from './types';

export interface ReportContext {
  document: ExportDocument;
  verification: ExportVerification;
  /** How far each version was checked, by contentKey (see coverageByVersion). */
  checks: ReadonlyMap<string, RevisionCoverage>;
  t: ReportTranslate;
  formats: Formats;
  locale: string;
  /** Whether the report's own words read right to left (Arabic, Urdu): its pages are mirrored. */
  rtl: boolean;
  /** How many incidents hold characters no font given to the report has. */
  unprintableEntries: number;
  /** Each file's exhibit by attachment id, when the person set initials (see exhibits.ts). */
  exhibits?: ReadonlyMap<string, Exhibit>;
}

/** The verification's word on each version, for the log to look up. */
export function coverageByVersion(verification: ExportVerification): Map<string, RevisionCoverage> {
  return new Map(verification.coverage.revisions.map((r) => [contentKey(r.entryId, r.revision), r]));
}

export function versionCheck(ctx: ReportContext, entryId: string, revision: number): RevisionCoverage | undefined {
  return ctx.checks.get(contentKey(entryId, revision));
}

/** A field's value (the person's own text, in its own direction), or a visible "not recorded" when it is blank. */
export function textValue(ctx: ReportContext, text: string): Segment[] {
  return text.trim() === '' ? [notRecorded(ctx)] : [{ text, style: { dir: 'auto' } }];
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
