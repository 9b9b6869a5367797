// What the PDF report takes in. It runs in the browser and in Node: fonts and pictures come in
// as bytes, and every word it prints comes through `t`.

import type { AttachmentRef } from '../../model/incident';
import type { FontFamily } from './fontFamilies';
import type { ExportDocument } from '../exportDocument';
import type { ExportVerification } from '../verifyExport';

/** A picture in one of the two formats a PDF can carry as they are. */
export interface EmbeddableImage {
  bytes: Uint8Array;
  format: 'png' | 'jpeg';
}

/** A TrueType font's bytes; a family without bold prints bold text in its regular weight. */
export interface FontFiles {
  regular: Uint8Array;
  bold?: Uint8Array;
}

export interface ReportFontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
  /** Fonts for other scripts (see fontFamilies.ts); a character no font has is named on its entry. */
  families?: Partial<Record<FontFamily, FontFiles>>;
}

/** i18next's t, with namespaced keys ('report:cover.title', 'diary:behaviours.following'). */
export type ReportTranslate = (key: string, options?: Record<string, unknown>) => string;

export interface ReportOptions {
  document: ExportDocument;
  /** The result of verifying the document: its chain, and its entries against the chain. */
  verification: ExportVerification;
  /** TrueType fonts: DejaVu Sans, regular and bold, and the Noto fonts loaded for the text's scripts. */
  fonts: ReportFontFiles;
  t: ReportTranslate;
  /** BCP 47 tag for dates and numbers ('en-GB', 'cy'). */
  locale: string;
  /** IANA time zone for recorded moments; default: the runtime's. */
  timeZone?: string;
  /**
   * A picture's bytes, or null if it cannot be had. Only asked for when the export includes
   * attachments and the file's type is image/*.
   */
  loadImage?: (ref: AttachmentRef) => Promise<EmbeddableImage | null>;
  /** When the report is generated; default: now. */
  now?: Date;
  /** Told after each incident is drawn (for a progress bar). */
  onIncidentDrawn?: (done: number, total: number) => void;
  /**
   * Initials to number the files the export carries as exhibits (AB/1, AB/2, …; see
   * core/export/exhibits.ts): a label chosen at export, shown beside each file. Absent: none.
   */
  exhibitInitials?: string;
}
