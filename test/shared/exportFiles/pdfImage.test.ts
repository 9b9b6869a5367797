// A photo with EXIF GPS put into a PDF report leaves no EXIF, GPS position or camera in the PDF:
// the report gets only freshly encoded pixels (issue 13, point 5). Node has no decoder or canvas,
// so stand-ins play the browser's part: the decoder takes the bytes, the canvas encodes a JPEG
// that holds pixels only, as browsers' encoders do.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportDocument } from '../../../src/core/export/exportDocument';
import { renderPdfReport, type ReportOptions } from '../../../src/core/export/pdf';
import { verifyExportDocument } from '../../../src/core/export/verifyExport';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { pdfImageFromBlob } from '../../../src/shared/exportFiles/pdfImage';
import { exportDocumentOf, incident, newDevice } from '../../core/backup/backupFixture';
import { jpeg, text } from '../../core/files/fixtures';
import { CAMERA_MODEL, exifTiff, jpegWithExif, LATITUDE_RATIONALS, LONGITUDE_RATIONALS } from '../../core/files/metadataFixtures';
import { testI18n } from '../../support/i18n';

const GPS_PHOTO = jpegWithExif();
/** What the stand-in canvas encodes: a JPEG with pixels only (no APP1). */
const REDRAWN = jpeg(6, 4, 0);
const FONTS = {
  regular: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
};

function browserStandIns(options: { canvas?: boolean } = {}) {
  const decoded: Blob[] = [];
  vi.stubGlobal(
    'createImageBitmap',
    vi.fn(async (source: Blob) => {
      decoded.push(source);
      return { width: 6, height: 4, close: () => undefined };
    }),
  );
  if (options.canvas !== false) {
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        constructor(
          public width: number,
          public height: number,
        ) {}
        getContext() {
          return { drawImage: () => undefined };
        }
        async convertToBlob(request: { type: string }) {
          return new Blob([REDRAWN as BlobPart], { type: request.type });
        }
      },
    );
  }
  return { decoded };
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let at = 0; at + needle.length <= haystack.length; at++) {
    for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) continue outer;
    return true;
  }
  return false;
}

/** Nothing of the photo's metadata is anywhere in these bytes. */
function expectNoMetadata(bytes: Uint8Array): void {
  for (const needle of [text('Exif'), LATITUDE_RATIONALS, LONGITUDE_RATIONALS, text(CAMERA_MODEL), exifTiff(), text('PhoneMaker')]) {
    expect(contains(bytes, needle)).toBe(false);
  }
}

let photo: AttachmentRef;
let document: ExportDocument;

beforeAll(async () => {
  const device = await newDevice();
  photo = await device.attachments.save(new Blob([GPS_PHOTO as BlobPart], { type: 'image/jpeg' }), 'outside the house.jpg');
  await device.diary.add(incident('His car was outside again.', { attachments: [photo] }));
  document = await exportDocumentOf(device);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function report(loadImage: ReportOptions['loadImage']): Promise<Uint8Array> {
  const i18n = await testI18n();
  return renderPdfReport({
    document,
    verification: await verifyExportDocument(document),
    fonts: FONTS,
    t: i18n.getFixedT('en-GB') as unknown as ReportOptions['t'],
    locale: 'en-GB',
    timeZone: 'Europe/London',
    now: new Date('2026-02-01T10:00:00.000Z'),
    loadImage,
  });
}

describe('pdfImageFromBlob', () => {
  it('hands the report freshly encoded pixels, never the photo’s own bytes', async () => {
    const { decoded } = browserStandIns();
    const image = await pdfImageFromBlob(new Blob([GPS_PHOTO as BlobPart], { type: 'application/octet-stream' }));
    expect(image?.format).toBe('jpeg');
    expect(Array.from(image?.bytes ?? [])).toEqual(Array.from(REDRAWN));
    expectNoMetadata(image?.bytes ?? new Uint8Array());
    // Decoded as what its bytes are, not what it was declared.
    expect(decoded[0]?.type).toBe('image/jpeg');
  });

  it('puts a photo with EXIF GPS into a PDF with no EXIF, position or camera in it', async () => {
    browserStandIns();
    const pdf = await report(async () => pdfImageFromBlob(new Blob([GPS_PHOTO as BlobPart])));
    // The redrawn picture is in the PDF as it was encoded (pdf-lib carries a JPEG as it is)...
    expect(contains(pdf, REDRAWN)).toBe(true);
    expect(contains(pdf, text('/DCTDecode'))).toBe(true);
    // ...and nothing of the original's metadata.
    expectNoMetadata(pdf);
  });

  it('gives nothing, rather than the original, where it cannot redraw', async () => {
    expect(await pdfImageFromBlob(new Blob([GPS_PHOTO as BlobPart]))).toBeNull(); // no decoder at all
    browserStandIns({ canvas: false }); // a worker without OffscreenCanvas: no canvas element either
    expect(await pdfImageFromBlob(new Blob([GPS_PHOTO as BlobPart]))).toBeNull();
  });
});

describe('the report’s own check', () => {
  it('refuses picture bytes that still carry metadata, whatever loader hands them over', async () => {
    const pdf = await report(async () => ({ bytes: GPS_PHOTO, format: 'jpeg' }));
    expectNoMetadata(pdf);
    expect(contains(pdf, text('/DCTDecode'))).toBe(false);
  });
});
