// What the PDF report takes in. It runs in the browser and in Node: fonts and pictures come in
// as bytes, and every word it prints comes through `t`.

import type { AttachmentRef } from '../../model/incident';
import type { ExportDocument } from '../exportDocument';
import type { ExportVerification } from '../verifyExport';

/** A picture in one of the two formats a PDF can carry as they are. */
export interface EmbeddableImage {
  bytes: Uint8Array;
  format: 'png' | 'jpeg';
}

/** i18next's t, with namespaced keys ('report:cover.title', 'diary:behaviours.following'). */
export type ReportTranslate = (key: string, options?: Record<string, unknown>) => string;

export interface ReportOptions {
  document: ExportDocument;
  /** The result of verifying the document: its chain, and its entries against the chain. */
  verification: ExportVerification;
  /** TrueType fonts (DejaVu Sans): regular and bold. */
  fonts: { regular: Uint8Array; bold: Uint8Array };
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
}
