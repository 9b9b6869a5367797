// @vitest-environment jsdom
// The export screen's private notes tick (issue 16, point 3) and exhibit initials (point 6).
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { effectiveOmit } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { ExportScreen } from '../../../src/features/export/ExportScreen';
import { SelectionFields } from '../../../src/features/export/SelectionFields';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const LEARNS = 'What the person you send this to will learn';
const FIELD = 'Initials for exhibit numbers (optional)';

/** A diary of one incident with two files (listed by reference: the screen only counts them). */
async function renderExport(language = 'en-GB') {
  const { vault } = await createdVault();
  const { repository, stores } = await openedTestDiary(vault);
  await repository.add(
    anIncident({
      whatHappened: 'Car outside again',
      attachments: [
        { id: 'f1', name: 'IMG_2041.jpg', type: 'image/jpeg', size: 100, sha256: 'ab'.repeat(32) },
        { id: 'f2', name: 'letter.pdf', type: 'application/pdf', size: 200, sha256: 'cd'.repeat(32) },
      ],
    }),
  );
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={await testI18n(language)}>
      <TestDiaryProvider repository={repository} stores={stores}>
        <MemoryRouter>
          <ExportScreen />
        </MemoryRouter>
      </TestDiaryProvider>
    </I18nextProvider>,
  );
  await screen.findByRole('region', { name: language === 'en-GB' ? LEARNS : /./ });
  return { user };
}

describe('Include private notes', () => {
  it('is unticked by default, says why, and is not in the list of details to leave out', async () => {
    await renderExport();
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Include private notes' });
    expect(box.checked).toBe(false);
    expect(screen.getByText(/^Private notes are left out unless you tick this\. A report may be seen by the other side/)).toBeTruthy();
    const leaveOut = screen.getByRole('group', { name: 'Details to leave out' });
    expect(within(leaveOut).getByRole('checkbox', { name: 'Who you told, how and when' })).toBeTruthy();
    expect(within(leaveOut).queryByRole('checkbox', { name: /private notes/i })).toBeNull();
  });

  it('says in what the recipient learns that private notes are left out unless ticked, and when they go in', async () => {
    const { user } = await renderExport();
    const learns = () => screen.getByRole('region', { name: LEARNS });
    expect(within(learns()).getByText(/^Your private notes are left out of this file\. They go in only if you tick/)).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Include private notes' }));
    expect(within(learns()).getByText(/^Your private notes go in this file/)).toBeTruthy();
    expect(within(learns()).queryByText(/^Your private notes are left out/)).toBeNull();
  });

  it('ticked, sets includePrivateNotes, so that private notes are no longer left out', async () => {
    const onChange = vi.fn();
    render(
      <I18nextProvider i18n={await testI18n()}>
        <SelectionFields
          selection={EMPTY_SELECTION}
          onChange={onChange}
          matching={[]}
          picking={false}
          onPickingChange={() => undefined}
          savedChecklists={0}
          format="pdf"
        />
      </I18nextProvider>,
    );
    expect(effectiveOmit(EMPTY_SELECTION)).toContain('privateNotes');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Include private notes' }));
    expect(onChange).toHaveBeenCalledWith({ ...EMPTY_SELECTION, includePrivateNotes: true });
    expect(effectiveOmit({ ...EMPTY_SELECTION, includePrivateNotes: true })).not.toContain('privateNotes');
  });
});

describe('exhibit initials', () => {
  it('are offered for a PDF or package carrying files, and not for CSV, JSON or without files', async () => {
    const { user } = await renderExport();
    expect(screen.getByRole('textbox', { name: FIELD })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: /^Evidence package/ }));
    expect(screen.getByRole('textbox', { name: FIELD })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: /^Spreadsheet \(CSV\)/ }));
    expect(screen.queryByRole('textbox', { name: FIELD })).toBeNull();
    await user.click(screen.getByRole('radio', { name: /^Data file \(JSON\)/ }));
    expect(screen.queryByRole('textbox', { name: FIELD })).toBeNull();
    await user.click(screen.getByRole('radio', { name: /^PDF report/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Photos, screenshots and files' }));
    expect(screen.queryByRole('textbox', { name: FIELD })).toBeNull();
  });

  it('show the numbers the files will get, and refuse anything but 1 to 4 letters A to Z, with the reason', async () => {
    const { user } = await renderExport();
    const field = screen.getByRole('textbox', { name: FIELD });
    await user.type(field, 'ab');
    expect(screen.getByText('The files will be numbered AB/1 to AB/2.')).toBeTruthy();

    await user.clear(field);
    await user.type(field, 'A1');
    await user.click(screen.getByRole('checkbox', { name: 'I understand this file is not encrypted' }));
    await user.click(screen.getByRole('button', { name: 'Create file' }));
    expect(await screen.findByText('Use only the letters A to Z, for example AB.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain('export-exhibit-initials-error');
    expect(screen.queryByText('Your file is ready')).toBeNull();

    await user.clear(field);
    await user.type(field, 'ABCDE');
    expect(screen.getByText('Use at most 4 letters, for example AB.')).toBeTruthy();

    await user.clear(field);
    expect(screen.queryByRole('alert', { name: /letters/ })).toBeNull();
    expect(field.getAttribute('aria-invalid')).toBeNull();
  });

  it('in Welsh', async () => {
    const { user } = await renderExport('cy');
    const field = screen.getByRole('textbox');
    await user.type(field, 'A/');
    await user.click(screen.getByRole('button', { name: "Creu'r ffeil" }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });
});
