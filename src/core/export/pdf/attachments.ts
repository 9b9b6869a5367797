// Attached files: each listed with what identifies it (name, type, size, SHA-256, when and how
// it reached Daybook by the device's clock, where that was recorded), and
// pictures embedded when the export includes files. A picture that cannot be had or read is
// said so in the report; it never stops the report.
//
// Pictures are embedded only as redrawn by the loader (shared/exportFiles/pdfImage.ts): pixels
// encoded afresh, without the original's metadata. As a second line of defence, bytes that still
// carry EXIF, XMP, IPTC, a place or a camera are refused here, so the report's words under each
// picture ("redrawn without its metadata") hold whatever loader is given.

import type { PDFDocument, PDFImage } from 'pdf-lib';
import { readPictureMetadata } from '../../files/pictureMetadata';
import type { AttachmentRef } from '../../model/incident';
import type { Exhibit } from '../exhibits';
import type { ReportContext } from './context';
import { describeSize } from './formats';
import { COLOURS, type ReportWriter } from './layout';
import type { EmbeddableImage } from './types';

const IMAGE_MAX_HEIGHT = 360;
/** Each file's details sit under the "Attached files" caption. */
const INDENT = 10;

/**
 * Embeds each picture once, however many incidents (or versions) refer to it, and knows each
 * file's exhibit reference when the person set initials (exhibitsOf in core/export/exhibits.ts).
 */
export class ImageEmbedder {
  private readonly embedded = new Map<string, Promise<PDFImage | null>>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly load: ((ref: AttachmentRef) => Promise<EmbeddableImage | null>) | undefined,
    private readonly exhibits: ReadonlyMap<string, Exhibit> = new Map(),
  ) {}

  /** The file's exhibit, if the export numbers its files. */
  exhibit(ref: AttachmentRef): Exhibit | undefined {
    return this.exhibits.get(ref.id);
  }

  /** Whether the report tries to show this file as a picture. */
  wants(ref: AttachmentRef): boolean {
    return this.load !== undefined && ref.type.toLowerCase().startsWith('image/');
  }

  image(ref: AttachmentRef): Promise<PDFImage | null> {
    const key = `${ref.id}\n${ref.sha256}`;
    let image = this.embedded.get(key);
    if (!image) {
      image = this.embed(ref);
      this.embedded.set(key, image);
    }
    return image;
  }

  private async embed(ref: AttachmentRef): Promise<PDFImage | null> {
    try {
      const picture = await this.load?.(ref);
      if (!picture || (await carriesMetadata(picture.bytes))) return null;
      return picture.format === 'png' ? await this.doc.embedPng(picture.bytes) : await this.doc.embedJpg(picture.bytes);
    } catch {
      return null; // unreadable or damaged: listed, with a note, below
    }
  }
}

/** True when picture bytes carry metadata a redrawn picture never has (or cannot be read through). */
async function carriesMetadata(bytes: Uint8Array): Promise<boolean> {
  const found = await readPictureMetadata(bytes);
  return found.location || found.camera || found.incomplete || found.kinds.some((kind) => kind !== 'text');
}

async function drawAttachment(w: ReportWriter, ctx: ReportContext, ref: AttachmentRef, images: ImageEmbedder | null): Promise<void> {
  const { t, formats } = ctx;
  const detail = { size: 9, indent: INDENT };
  w.ensure(60);
  w.gap(3);
  const name = ref.name.trim();
  const exhibit = images?.exhibit(ref);
  // The reference first, on a line of its own: a name may read right to left.
  if (exhibit) w.text(t('exhibits:pdf.reference', { reference: exhibit.reference }), { bold: true, size: 10, indent: INDENT });
  w.text(name || t('report:attachments.unnamed'), { bold: true, size: 10, indent: INDENT, ...(name ? { dir: 'auto' as const } : {}) });
  // A label chosen at export: said so, so that no one reads it as checked.
  if (exhibit) w.text(t('exhibits:pdf.note'), { ...detail, color: COLOURS.muted });
  w.text(t('report:attachments.type', { type: ref.type || t('report:attachments.unknownType') }), detail);
  w.text(t('report:attachments.size', { size: describeSize(ref.size, t, formats) }), detail);
  w.text(t('report:attachments.sha256', { hash: ref.sha256 }), detail);
  // Recorded when the file reached Daybook (files added before then have no time).
  if (ref.receivedAt) {
    w.text(t(`report:attachments.received.${ref.receivedVia ?? 'any'}`, { moment: formats.moment(ref.receivedAt) }), detail);
  }
  // A recording cut off before Stop: the file ends where the saving stopped, not where the person chose.
  if (ref.interrupted) w.text(t('report:attachments.interrupted'), detail);
  if (!images?.wants(ref)) return;
  const image = await images.image(ref);
  if (image) {
    w.gap(4);
    w.image(image, IMAGE_MAX_HEIGHT, INDENT);
    w.gap(2);
    w.text(t('report:attachments.redrawn'), { ...detail, color: COLOURS.muted });
    w.gap(4);
  } else {
    w.text(t('report:attachments.notEmbedded'), { ...detail, color: COLOURS.alert });
  }
}

/** The files of one incident. `images` is null when the export does not include files. */
export async function drawAttachments(
  w: ReportWriter,
  ctx: ReportContext,
  refs: readonly AttachmentRef[],
  images: ImageEmbedder | null,
): Promise<void> {
  if (refs.length === 0) {
    w.field(ctx.t('report:fields.attachments'), [{ text: ctx.t('report:attachments.none'), style: { color: COLOURS.muted } }]);
    return;
  }
  w.gap(2);
  w.label(ctx.t('report:fields.attachments'));
  for (const ref of refs) await drawAttachment(w, ctx, ref, images);
}
