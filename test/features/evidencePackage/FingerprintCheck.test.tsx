// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatFingerprint, treeHead } from '../../../src/core/evidence';
import { formatMoment } from '../../../src/shared/format/formatWhen';
import { sampleExport } from '../../core/export/exportFixture';
import { openOnScreen, redactedExport } from './packageFixture';

const LABEL = 'Fingerprint to check';

/** Types `text` into the fingerprint field, checks it, and returns what the status region says. */
async function check(user: UserEvent, text: string): Promise<string> {
  const field = screen.getByLabelText(LABEL);
  await user.clear(field);
  // Pasted, as someone given the code would; typing would read "{" and "[" as keys.
  await user.click(field);
  await user.paste(text);
  await user.click(screen.getByRole('button', { name: 'Check' }));
  const status = screen.getByRole('status');
  await within(status).findByText(/./);
  return status.textContent ?? '';
}

describe('check an earlier fingerprint', () => {
  it('is a labelled field with its hint, and its answer is in a status region', async () => {
    const { document } = await redactedExport(['witnesses']);
    await openOnScreen(document);
    const field = screen.getByLabelText(LABEL);
    const hint = window.document.getElementById(field.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/^Paste or type the code the diary keeper gave you, for example “120 · 3F2A 9C41 …”/);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it("finds the diary's own fingerprint, and one shared earlier with when it was shared", async () => {
    const { document, roots } = await redactedExport(['witnesses']);
    const { user } = await openOnScreen(document);

    const own = formatFingerprint({ size: document.chain.size, root: document.chain.root });
    expect(await check(user, own)).toBe(
      "Contained: this is this file's own fingerprint, at 6 records. If the diary keeper gave it to you themselves, this file's record of changes is their diary's as it was then.",
    );

    // As someone might write it down: lower case, dashes, no middle dot.
    const earlier = formatFingerprint({ size: 2, root: roots[1] ?? '' })
      .toLowerCase()
      .replace(' · ', ' ')
      .replaceAll(' ', '-');
    expect(await check(user, earlier)).toMatch(
      /^Contained: this file's record of changes carries on from this fingerprint, at 2 records\. The file says it was shared .*2025.*\.$/,
    );
  });

  it('says a fingerprint of the right size but another diary is not contained', async () => {
    const { document } = await redactedExport();
    const { user } = await openOnScreen(document);
    const other = formatFingerprint({ size: document.chain.size, root: 'f'.repeat(64) });
    expect(await check(user, other)).toMatch(/^Not contained: at 6 records, this file's record of changes is different\./);
  });

  it('says when this file cannot show it, and when the text is not a fingerprint', async () => {
    const { document, roots } = await redactedExport();
    const { user } = await openOnScreen(document);
    // At 4 records: no fingerprint was shared then, and a redacted file does not carry that tree.
    expect(await check(user, formatFingerprint({ size: 4, root: roots[3] ?? '' }))).toMatch(
      /^This file cannot show it: it does not carry the diary as it was at 4 records\./,
    );
    // With when the file says it was made: made after the reader got the fingerprint, yet smaller
    // than it, points to records removed.
    const larger = await check(user, formatFingerprint({ size: 40, root: 'a'.repeat(64) }));
    expect(larger).toMatch(
      /^This file cannot show it: the fingerprint is of a diary with 40 records, more than the 6 this file says the diary had\. The file says it was made (.+)\. If you were given the fingerprint before then, the diary should have had at least 40 records by then: records may have been removed/,
    );
    expect(larger).toContain(`made ${formatMoment(document.generatedAt, 'en-GB')}.`);
    expect(await check(user, 'my advocate has it')).toMatch(/^This is not a fingerprint Daybook can read\./);
  });

  it('in a version 1 file, finds the diary as it was at any earlier size', async () => {
    const { document } = await sampleExport();
    const { user } = await openOnScreen(document);
    const head = await treeHead(document.version === 1 ? document.chain.links.slice(0, 3).map((link) => link.hash) : []);
    expect(await check(user, formatFingerprint(head))).toMatch(
      /^Contained: this is this file's record of changes as it was at 3 records, the last of them written down .*\.$/,
    );
  });
});
