// An attachment that came through the inbox keeps the time it was received (issue 17 point 5):
// parsed wherever incidents come from outside, and an export (JSON) of it still verifies.

import { describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import type { ExportSelection } from '../../../src/core/export/exportDocument';
import { parseExportDocument, serializeExportDocument } from '../../../src/core/export/exportJson';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { parseIncident } from '../../../src/core/model/incidentParse';
import { anIncident } from '../../support/incidentFactories';
import { DiaryBuilder } from '../evidence/diaryBuilder';
import { builderSource, GENERATED, switchToVersion2 } from '../export/exportFixtureV2';

const RECEIVED: AttachmentRef = {
  id: 'a1b2c3',
  name: 'screenshot.png',
  type: 'image/png',
  size: 1234,
  sha256: 'ab'.repeat(32),
  receivedAt: '2026-12-03T14:05:00.000Z',
};

describe('receivedAt on an attachment', () => {
  it('is kept by parseIncident, and one that is no toISOString time is refused', () => {
    const kept = parseIncident(anIncident({ attachments: [RECEIVED] }));
    expect(kept.ok && kept.value.attachments[0]).toEqual(RECEIVED);
    const plain: AttachmentRef = { ...RECEIVED };
    delete plain.receivedAt;
    const without = parseIncident(anIncident({ attachments: [plain] }));
    expect(without.ok && without.value.attachments[0]).toEqual(plain);
    for (const bad of ['2026-12-03', '2026-13-03T14:05:00.000Z', 42, null, '2026-12-03T14:05:00Z']) {
      const result = parseIncident(anIncident({ attachments: [{ ...RECEIVED, receivedAt: bad } as unknown as AttachmentRef] }));
      expect(result.ok, String(bad)).toBe(false);
    }
  });

  for (const version of [1, 2] as const) {
    it(`an export (version ${version} content) of an incident with a received file verifies, read back from JSON`, async () => {
      const diary = new DiaryBuilder();
      if (version === 2) switchToVersion2(diary);
      await diary.save('entry-a', anIncident({ whatHappened: 'Shared from my messages', attachments: [RECEIVED] }));
      const selection: ExportSelection = { ...EMPTY_SELECTION, includeAttachments: true };
      const document = await buildExportDocument(builderSource(diary, ['entry-a']), selection, GENERATED);
      const read = parseExportDocument(serializeExportDocument(document));
      if (!read.ok) throw new Error(`${read.code}: ${read.detail}`);
      const result = await verifyExportDocument(read.document);
      expect(result.problems).toEqual([]);
      expect(exportVerified(result)).toBe(true);
      expect(JSON.stringify(read.document)).toContain(RECEIVED.receivedAt);
    });
  }
});
