// @vitest-environment jsdom
// A recording cut off before Stop (a closed page, a crash, Quick exit) says so wherever its
// attachment is shown; a recording that was stopped, and any other file, says nothing of it.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { AttachmentList } from '../../../src/shared/incident/attachments/AttachmentList';
import { attachmentVault, renderWithI18n } from '../../support/attachmentHarness';

const base = { type: 'audio/webm', size: 10, sha256: 'ab'.repeat(32), receivedAt: '2026-12-03T14:05:00.000Z' } as const;
const CUT_OFF =
  'The recording was cut off before Stop was pressed (a closed page, a crash or Quick exit): this file is what was saved until then.';

describe('an interrupted recording', () => {
  it('is said to have been cut off; a stopped recording and a shared file are not', async () => {
    await attachmentVault();
    const refs: AttachmentRef[] = [
      { ...base, id: 'r1', name: 'cut.webm', receivedVia: 'recording', interrupted: true },
      { ...base, id: 'r2', name: 'stopped.webm', receivedVia: 'recording' },
      { ...base, id: 's1', name: 'shared.webm', receivedVia: 'share' },
    ];
    const view = await renderWithI18n(<AttachmentList attachments={refs} />);
    const said = screen.getAllByText(CUT_OFF);
    expect(said).toHaveLength(1);
    expect(said[0]?.closest('li')?.textContent).toContain('cut.webm');
    expect(view.container.querySelectorAll('.attachment-interrupted')).toHaveLength(1);
  });
});
