// @vitest-environment jsdom
// Each attached file says when and how it reached Daybook (issue 17, point 5), by the clock of the
// device it reached, where that was recorded; files added before then say nothing of it.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { AttachmentList } from '../../../src/shared/incident/attachments/AttachmentList';
import { attachmentVault, renderWithI18n } from '../../support/attachmentHarness';

const base = { type: 'text/plain', size: 10, sha256: 'ab'.repeat(32) };
const AT = '2026-12-03T14:05:00.000Z';

describe('when and how a file reached Daybook', () => {
  it('is said for each way in, and for older files that recorded only when', async () => {
    await attachmentVault();
    const refs: AttachmentRef[] = [
      { ...base, id: 'a1', name: 'shared.txt', receivedAt: AT, receivedVia: 'share' },
      { ...base, id: 'a2', name: 'recorded.m4a', receivedAt: AT, receivedVia: 'recording' },
      { ...base, id: 'a3', name: 'photo.txt', receivedAt: AT, receivedVia: 'camera' },
      { ...base, id: 'a4', name: 'picked.txt', receivedAt: AT, receivedVia: 'form' },
      { ...base, id: 'a5', name: 'sealed.txt', receivedAt: AT },
      { ...base, id: 'a6', name: 'plain.txt' },
    ];
    const view = await renderWithI18n(<AttachmentList attachments={refs} />);
    const moment = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(AT));
    const expected = [
      `Shared into Daybook: ${moment}, by the clock of the device it was shared on.`,
      `Recording started in Daybook: ${moment}, by the clock of the device it was recorded on.`,
      `Photographed in Daybook: ${moment}, by the clock of the device it was taken on.`,
      `Added to Daybook: ${moment}, by the clock of the device it was added on.`,
      `Received by Daybook: ${moment}, by the clock of the device it was received on.`,
    ];
    for (const line of expected) expect(screen.getByText(line)).toBeTruthy();
    expect(view.container.querySelectorAll('.attachment-received')).toHaveLength(5);
  });
});
