// @vitest-environment jsdom
// Private notes go out only when the person ticks them in, so, left out, that is Daybook's
// default and not the sender's choice: the viewer never names them among the details the sender
// left out, shows no row for them, and says once, with the file's other facts, that Daybook
// leaves them out and that this file does not show whether there are any.

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import type { ExportSelection, OmittableField } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { DiaryBuilder } from '../../core/evidence/diaryBuilder';
import { builderSource, GENERATED } from '../../core/export/exportFixtureV2';
import { anIncident } from '../../support/incidentFactories';
import { openOnScreen } from './packageFixture';

const NOTICE =
  'Daybook never puts private notes in an export unless the person chooses to include them; this file does not show whether there are any.';
const NOTES = 'I keep thinking about moving away';

async function exportWithNotes(omitFields: OmittableField[], changes: Partial<ExportSelection> = {}) {
  const diary = new DiaryBuilder({ version: 2 });
  await diary.save('entry-a', anIncident({ whatHappened: 'Car outside again', breaches: [], told: [], privateNotes: NOTES }));
  const selection: ExportSelection = { ...EMPTY_SELECTION, includeAttachments: false, omitFields, ...changes };
  return buildExportDocument(builderSource(diary, ['entry-a']), selection, GENERATED);
}

function summary() {
  return screen.getByRole('region', { name: 'About this package' });
}

describe('package viewer: private notes left out by default', () => {
  it('are never named as left out by the sender; the file’s facts say once that Daybook leaves them out', async () => {
    await openOnScreen(await exportWithNotes([]));
    expect(screen.queryByRole('region', { name: 'Not covered by this check' })?.textContent ?? '').not.toMatch(/private notes/i);
    expect(screen.getAllByText(NOTICE)).toHaveLength(1);
    expect(within(summary()).getByText(NOTICE)).toBeTruthy();
    expect(summary().textContent).not.toMatch(/Details left out/);
    // No row for them in the incident, and not in its "left out" line.
    expect(screen.queryByText('Private notes')).toBeNull();
    expect(screen.queryByText(/^Left out by the sender/)).toBeNull();
    expect(screen.queryByText(NOTES)).toBeNull();
  });

  it('still names what the sender chose to leave out, without private notes', async () => {
    await openOnScreen(await exportWithNotes(['where']));
    const notCovered = screen.getByRole('region', { name: 'Not covered by this check' });
    expect(
      within(notCovered).getByText(
        'Details left out by the sender: where it happened. This file shows that they exist, but they cannot be read or confirmed from it.',
      ),
    ).toBeTruthy();
    expect(within(summary()).getByText('Details left out: Where it happened')).toBeTruthy();
    expect(screen.getByText('Left out by the sender, so they cannot be read or confirmed from this file: where it happened.')).toBeTruthy();
    expect(screen.getAllByText(NOTICE)).toHaveLength(1);
  });

  it('when included, show as a normal field, with no notice', async () => {
    await openOnScreen(await exportWithNotes([], { includePrivateNotes: true }));
    expect(screen.queryByText(NOTICE)).toBeNull();
    expect(screen.getByText('Private notes')).toBeTruthy();
    expect(screen.getByText(NOTES)).toBeTruthy();
  });
});
