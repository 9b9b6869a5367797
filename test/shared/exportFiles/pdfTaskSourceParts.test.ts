// The PDF task builds its document from the source's parts, asked of the page as its pictures are
// (exportSourceData.ts): the same document as from the whole source, each question answered by
// the right side of the page's answer.
import { describe, expect, it, vi } from 'vitest';
import type { ExportDocument } from '../../../src/core/export/exportDocument';

const drawn: ExportDocument[] = [];
vi.mock('../../../src/core/export/pdf/index', () => ({
  renderPdfReport: vi.fn(async (input: { document: ExportDocument; loadImage?: (ref: unknown) => Promise<unknown> }) => {
    drawn.push(input.document);
    // As the report does for each picture it draws.
    await input.loadImage?.(input.document.entries[0]?.revisions[0]);
    return new Uint8Array([1]);
  }),
}));
vi.mock('../../../src/shared/exportFiles/reportFonts', () => ({ loadReportFonts: vi.fn(async () => ({})) }));
vi.mock('../../../src/shared/exportFiles/pdfImage', () => ({ pdfImageFromBlob: vi.fn(async (blob: Blob) => blob.size) }));

import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { EMPTY_SELECTION, selectEntries } from '../../../src/core/export/selection';
import { renderPdfTask, type PdfAnswer, type PdfQuestion } from '../../../src/shared/exportFiles/pdfTask';
import { exportSourceData, sourceParts } from '../../../src/shared/exportFiles/exportSourceData';
import { incident, newDevice } from '../../core/backup/backupFixture';

describe('the PDF task from the source in parts', () => {
  it('draws the document the whole source builds, asking for each part and each picture', async () => {
    const device = await newDevice();
    for (let i = 0; i < 40; i += 1) await device.diary.add(incident(`At the door, ${i}.`));
    const snapshot = device.diary.snapshot();
    const source = {
      links: snapshot.links,
      entries: selectEntries(snapshot.entries, EMPTY_SELECTION),
      history: (id: string) => device.diary.history(id),
      checklists: [],
      fingerprints: [],
    };
    const now = new Date('2026-02-01T10:00:00.000Z');
    const { head, part } = sourceParts(exportSourceData(source));
    const questions: PdfQuestion[] = [];
    const picture = new Blob(['picture']);
    const ask = async (question: PdfQuestion): Promise<PdfAnswer> => {
      questions.push(question);
      // Each crosses between the threads by structured clone.
      return 'sourcePart' in question ? structuredClone(part(question.sourcePart)) : picture;
    };
    const input = {
      document: { source: head, selection: EMPTY_SELECTION, now },
      language: 'en-GB',
      languages: ['en-GB'],
      resources: { 'en-GB': {} },
    };
    const context = { signal: new AbortController().signal, progress: () => undefined, ask };
    await renderPdfTask(structuredClone({ ...input, withPictures: true }), context);
    expect(drawn[0]).toEqual(await buildExportDocument(source, EMPTY_SELECTION, now));
    expect(questions.filter((q) => 'sourcePart' in q).map((q) => ('sourcePart' in q ? q.sourcePart : -1))).toEqual(
      Array.from({ length: head.parts }, (_, i) => i),
    );
    expect(questions.filter((q) => 'picture' in q)).toHaveLength(1);

    // A picture answered with anything but its bytes is refused, not drawn.
    const wrong = async (question: PdfQuestion): Promise<PdfAnswer> =>
      'sourcePart' in question ? structuredClone(part(question.sourcePart)) : structuredClone(part(0));
    await expect(renderPdfTask({ ...input, withPictures: true }, { ...context, ask: wrong })).rejects.toThrow(TypeError);
  });
});
