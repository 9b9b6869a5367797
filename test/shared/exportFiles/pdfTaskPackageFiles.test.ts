// The PDF made from an opened evidence package is checked with the package's redrawn and withheld
// pictures, so its cover names them (issue 13, point 5).
import { describe, expect, it, vi } from 'vitest';
import type { ExportVerification } from '../../../src/core/export/verifyExport';

const seen: ExportVerification[] = [];
vi.mock('../../../src/core/export/pdf/index', () => ({
  renderPdfReport: vi.fn(async (input: { verification: ExportVerification }) => {
    seen.push(input.verification);
    return new Uint8Array([1]);
  }),
}));
vi.mock('../../../src/shared/exportFiles/reportFonts', () => ({ loadReportFonts: vi.fn(async () => ({})) }));

import { verifiedStatement } from '../../../src/core/export/verifyExport';
import { renderPdfTask, type PdfTaskInput } from '../../../src/shared/exportFiles/pdfTask';
import { exportDocumentOf, incident, newDevice } from '../../core/backup/backupFixture';
import { jpeg } from '../../core/files/fixtures';

describe('the PDF task', () => {
  it('checks the document with an opened package’s redrawn and withheld pictures when given them', async () => {
    const device = await newDevice();
    const photo = await device.attachments.save(new Blob([jpeg(4, 4) as BlobPart], { type: 'image/jpeg' }), 'a.jpg');
    const other = await device.attachments.save(new Blob([jpeg(5, 4) as BlobPart], { type: 'image/jpeg' }), 'b.jpg');
    await device.diary.add(incident('At the door.', { attachments: [photo, other] }));
    const document = await exportDocumentOf(device);
    const base: PdfTaskInput = { document, language: 'en-GB', languages: ['en-GB'], resources: { 'en-GB': {} }, withPictures: false };
    const context = { signal: new AbortController().signal, progress: () => undefined, ask: () => Promise.reject(new Error('no')) };
    const packageFiles = { redrawn: [{ ref: photo, copySha256: 'a'.repeat(64), copySize: 10 }], withheld: [other] };
    // What crosses to the worker must survive a structured clone.
    await renderPdfTask(structuredClone({ ...base, packageFiles }), context);
    await renderPdfTask(base, context);
    const [withFiles, without] = seen;
    expect(withFiles?.coverage.redrawnFiles.map((file) => file.ref.id)).toEqual([photo.id]);
    expect(verifiedStatement(withFiles as ExportVerification).notCovered).toEqual(
      expect.arrayContaining(['redrawn-pictures', 'withheld-pictures']),
    );
    expect(verifiedStatement(without as ExportVerification).notCovered).not.toContain('redrawn-pictures');
  });
});
