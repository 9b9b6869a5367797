// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { ExportSelection } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { SelectionFields } from '../../../src/features/export/SelectionFields';
import type { ExportFormat } from '../../../src/shared/exportFiles/makeExport';
import { testI18n } from '../../support/i18n';

async function renderFields(selection: ExportSelection, format?: ExportFormat, language = 'en-GB') {
  const onChange = vi.fn();
  render(
    <I18nextProvider i18n={await testI18n(language)}>
      <SelectionFields
        selection={selection}
        onChange={onChange}
        matching={[]}
        picking={false}
        onPickingChange={() => undefined}
        savedChecklists={0}
        format={format}
      />
    </I18nextProvider>,
  );
  return onChange;
}

describe('Include originals with their metadata', () => {
  it('is off by default, warns plainly, and ticking it chooses originals', async () => {
    expect(EMPTY_SELECTION.includeOriginals).toBe(false);
    const onChange = await renderFields(EMPTY_SELECTION, 'package');
    const box = screen.getByRole('checkbox', { name: 'Include originals with their metadata' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByText(/a photo can show where it was taken \(your home, a refuge, a friend’s address\)/)).toBeTruthy();
    await userEvent.click(box);
    expect(onChange).toHaveBeenCalledWith({ ...EMPTY_SELECTION, includeOriginals: true });
  });

  it('is offered only with files, and not for a PDF (which always redraws)', async () => {
    await renderFields({ ...EMPTY_SELECTION, includeAttachments: false }, 'package');
    expect(screen.queryByRole('checkbox', { name: 'Include originals with their metadata' })).toBeNull();
  });

  it('is not offered for a PDF', async () => {
    await renderFields(EMPTY_SELECTION, 'pdf');
    expect(screen.queryByRole('checkbox', { name: 'Include originals with their metadata' })).toBeNull();
  });

  it('in Welsh', async () => {
    await renderFields(EMPTY_SELECTION, 'package', 'cy');
    expect(screen.getByRole('checkbox', { name: "Cynnwys y rhai gwreiddiol gyda'u metadata" })).toBeTruthy();
  });
});
