// Exhibit initials reach the PDF report through the PDF task, as a report from the export screen
// or from an opened package asks for them (issue 16, point 6); unchecked initials do not.
import { describe, expect, it, vi } from 'vitest';

const seen: { exhibitInitials?: string }[] = [];
vi.mock('../../../src/core/export/pdf/index', () => ({
  renderPdfReport: vi.fn(async (input: { exhibitInitials?: string }) => {
    seen.push(input);
    return new Uint8Array([1]);
  }),
}));
vi.mock('../../../src/shared/exportFiles/reportFonts', () => ({ loadReportFonts: vi.fn(async () => ({})) }));

import { renderReport } from '../../../src/shared/exportFiles/makeExport';
import { exportDocumentOf, incident, newDevice } from '../../core/backup/backupFixture';
import { testI18n } from '../../support/i18n';

describe('the PDF task and exhibit initials', () => {
  it('passes checked initials to the report, and nothing otherwise', async () => {
    const device = await newDevice();
    await device.diary.add(incident('At the door.'));
    const document = await exportDocumentOf(device);
    const i18n = await testI18n();
    await renderReport(document, i18n, null, { exhibitInitials: 'AB' });
    await renderReport(document, i18n, null, {});
    await renderReport(document, i18n, null, { exhibitInitials: 'a/b' });
    expect(seen.map((input) => input.exhibitInitials)).toEqual(['AB', undefined, undefined]);
  });
});
