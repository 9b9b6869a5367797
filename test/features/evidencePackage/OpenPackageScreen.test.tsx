// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatFingerprint } from '../../../src/core/evidence';
import type { ExportDocument, ExportRevision } from '../../../src/core/export/exportDocument';
import { sampleExport } from '../../core/export/exportFixture';
import { sampleExportV2 } from '../../core/export/exportFixtureV2';
import { chooseAndOpen, openOnScreen, redactedExport } from './packageFixture';

const CHECKED_HEADLINE =
  'Checked: what happened, when it happened and what they did in 3 versions of 2 incidents match the record of changes in this file.';

/** The result's own section (named by its heading) and the separate "Not covered" one. */
function sections(result: 'Verified' | 'Partly verified' | 'Not verified') {
  return {
    result: screen.getByRole('region', { name: result }),
    notCovered: screen.getByRole('region', { name: 'Not covered by this check' }),
  };
}

/** The committed versions of a document, to change one as a forger would. */
function committed(document: ExportDocument): Extract<ExportRevision, { kind: 'committed' }>[] {
  return document.entries.flatMap((entry) => entry.revisions.flatMap((revision) => (revision.kind === 'committed' ? [revision] : [])));
}

describe('open evidence package: a version 2 file with details left out', () => {
  it('says Checked for what happened, when and what they did, and names what was left out under Not covered', async () => {
    const { document } = await redactedExport(['where', 'witnesses']);
    await openOnScreen(document);

    const { result, notCovered } = sections('Verified');
    expect(within(result).getByText(CHECKED_HEADLINE)).toBeTruthy();
    expect(
      within(result).getByText(
        'Also checked in every one of those versions: who did it, evidence kept somewhere else, the list of attached files, reporting to the police and the effect it had.',
      ),
    ).toBeTruthy();
    // Nothing left out is named where the result is.
    expect(result.textContent).not.toMatch(/where it happened|witnesses/i);

    expect(
      within(notCovered).getByText(
        'Details left out by the sender: where it happened and the witnesses. This file shows that they exist, but they cannot be read or confirmed from it.',
      ),
    ).toBeTruthy();
    expect(within(notCovered).getByText(/^Which incidents and dates are in this file: the sender chose them\./)).toBeTruthy();
    // Nothing in the file is keyed: only a fingerprint from the diary keeper ties it to their diary.
    expect(
      within(notCovered).getByText(
        /^Whose diary this is: .*anyone could make a file that checks out\. Only a fingerprint the diary keeper gave you themselves, earlier, ties this file to their diary/,
      ),
    ).toBeTruthy();
    expect(within(notCovered).getByText(/^Times: they come from the clock of the sender's device/)).toBeTruthy();
    expect(within(notCovered).getByText(/^Later changes: from this file alone, a later version or a deletion/)).toBeTruthy();
    // No checklist went out, so none is named.
    expect(within(notCovered).queryByText(/^Checklist results/)).toBeNull();
    // "Verified" never stands beside anything that was not checked.
    expect(notCovered.textContent).not.toMatch(/verified/i);
  });

  it("shows the diary's fingerprint and each left-out field in an incident as unreadable and unconfirmed", async () => {
    const { document } = await redactedExport(['where', 'witnesses']);
    await openOnScreen(document);

    const { result } = sections('Verified');
    expect(within(result).getByText(formatFingerprint({ size: document.chain.size, root: document.chain.root }))).toBeTruthy();
    // The size is the file's word; the earlier fingerprint's date too, its place is proven.
    expect(within(result).getByText(/This file says the diary had 6 records when it was made/)).toBeTruthy();
    expect(
      within(result).getByText(
        /, at 2 records: the file says it was shared .*\. It is an earlier state of this file's record of changes\.$/,
      ),
    ).toBeTruthy();
    // No hint that a PDF sent with the file proves anything.
    expect(result.textContent).not.toMatch(/PDF/);
    expect(result.textContent).not.toMatch(/exactly as they were saved/);
    expect(
      screen.getAllByText(
        'Left out by the sender, so they cannot be read or confirmed from this file: where it happened and the witnesses.',
      ),
    ).toHaveLength(2);
  });

  it('with nothing left out, checks every field and names no left-out details', async () => {
    const { document } = await redactedExport();
    await openOnScreen(document);

    const { result, notCovered } = sections('Verified');
    expect(within(result).getByText(CHECKED_HEADLINE)).toBeTruthy();
    expect(
      within(result).getByText(/^Also checked in every one of those versions: where it happened, who did it, the witnesses/),
    ).toBeTruthy();
    expect(within(notCovered).queryByText(/^Details left out/)).toBeNull();
    expect(screen.queryByText(/^Left out by the sender/)).toBeNull();
  });

  it('a file whose committed text was rewritten is NOT verified, and says nothing was checked', async () => {
    const { document } = await redactedExport(['witnesses']);
    const forged = structuredClone(document);
    const [, second] = committed(forged);
    if (!second?.content.fields.whatHappened) throw new Error('fixture: the second version shows what happened');
    second.content.fields.whatHappened.value = 'Nothing happened at all';
    await openOnScreen(forged);

    const { result } = sections('Not verified');
    expect(within(result).queryByText(/^Checked:/)).toBeNull();
    expect(
      within(result).getByText(/^The record of changes does not add up at record \d+: an incident's contents do not match/),
    ).toBeTruthy();
    expect(within(result).getByText(/^This file may have been changed after it was made/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Verified' })).toBeNull();
    expect(screen.getAllByText(/\(does NOT agree with the record of changes\)/).length).toBeGreaterThan(0);
  });

  it('a file whose left-out fields disagree with what it says was left out is refused, not shown', async () => {
    const { document } = await redactedExport(['witnesses']);
    const disagreeing = structuredClone(document);
    disagreeing.scope.omittedFields = [];
    await chooseAndOpen(disagreeing);

    expect(await screen.findByText(/^This file's list of what was left out does not match what it holds/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /verified/i })).toBeNull();
  });

  it('names each clock note under Not covered: a clock read earlier, or a gap of more than a day, never the time before', async () => {
    // Written partly before version 2: the clock went back an hour, then jumped two days ahead.
    const { document } = await sampleExportV2();
    await openOnScreen(document);

    const notCovered = screen.getByRole('region', { name: 'Not covered by this check' });
    expect(within(notCovered).getByText(/^A version saved .*: the device's clock read earlier than the previous record\.$/)).toBeTruthy();
    expect(within(notCovered).getByText(/^A version saved .*, more than a day after the previous record\.$/)).toBeTruthy();
    expect(
      screen.getByText(/^The device's clock read earlier than the previous record\. The time shown is what the clock said\.$/),
    ).toBeTruthy();
    expect(screen.getByText(/^Saved more than a day after the previous record\.$/)).toBeTruthy();
    // A gap is not a clock fault.
    expect(window.document.body.textContent).not.toMatch(/looked wrong|seemed wrong|read more than a day after/);
  });
});

describe('open evidence package: a version 1 file', () => {
  it('with versions whose text could not be checked, is only partly verified and says which', async () => {
    // Two versions of one incident went out with details left out: their text is not checked.
    const { document } = await sampleExport();
    await openOnScreen(document);

    const { result, notCovered } = sections('Partly verified');
    expect(screen.queryByRole('heading', { name: 'Verified' })).toBeNull();
    expect(within(result).getByText(/^The record of changes in this file checks out: 8 records checked/)).toBeTruthy();
    expect(
      within(notCovered).getByText(
        "The text of 2 versions in Daybook's older format (which cannot prove single details) and sent with details left out: only when each was saved, and its place in the record of changes, were checked.",
      ),
    ).toBeTruthy();
    expect(within(notCovered).getByText(/^Checklist results: these are the sender's own answers/)).toBeTruthy();
    // A version 1 file carries the whole chain: no later version can hide from it.
    expect(within(notCovered).queryByText(/^Later changes/)).toBeNull();
    expect(screen.getAllByText(/\(some details left out; its text could not be checked\)/)).toHaveLength(2);
  });
});
