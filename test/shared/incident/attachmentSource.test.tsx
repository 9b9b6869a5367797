// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { AttachmentSourceContext } from '../../../src/shared/incident/attachments/attachmentSource';
import { AttachmentList } from '../../../src/shared/incident/attachments/AttachmentList';
import { testI18n } from '../../support/i18n';

const letter: AttachmentRef = { id: 'file-1', name: 'letter.pdf', type: 'application/pdf', size: 4, sha256: 'a'.repeat(64) };

describe('where shown files come from', () => {
  it("an opened package's files show with no diary at all (locked, or an advocate's device)", async () => {
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <AttachmentSourceContext.Provider value={{ open: async () => new Blob(['%PDF']) }}>
          <AttachmentList attachments={[letter]} />
        </AttachmentSourceContext.Provider>
      </I18nextProvider>,
    );
    expect(screen.getByText('letter.pdf')).toBeTruthy();
  });
});
