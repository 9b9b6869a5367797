// @vitest-environment jsdom
// Open pressed before the chosen file has been looked at (is it an encrypted package or a plain
// export?): the screen waits for the answer instead of asking for a passphrase it may not need.

import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type * as OpenPackageFile from '../../../src/features/evidencePackage/openPackageFile';
import { redactedExport, renderAndChoose } from './packageFixture';

const answers: ((needs: boolean) => void)[] = [];
vi.mock('../../../src/features/evidencePackage/openPackageFile', async (original) => ({
  ...(await original<typeof OpenPackageFile>()),
  // Held until the test answers, as a slow phone reading a large file would hold it.
  needsPassphrase: () => new Promise<boolean>((resolve) => answers.push(resolve)),
}));

async function chooseAndTapOpenAtOnce() {
  const { document } = await redactedExport();
  const user = await renderAndChoose(document);
  await user.click(screen.getByRole('button', { name: 'Open' }));
  return answers.at(-1);
}

describe('open evidence package: Open pressed before the file has been looked at', () => {
  it('a plain export opens once the answer comes, and no passphrase is asked for', async () => {
    const answer = await chooseAndTapOpenAtOnce();
    expect(screen.queryByText('Type the passphrase for this file.')).toBeNull();
    answer?.(false);
    expect(await screen.findByRole('heading', { name: 'Incidents, in the order they happened' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  }, 30_000);

  it('an encrypted package still asks for its passphrase', async () => {
    const answer = await chooseAndTapOpenAtOnce();
    answer?.(true);
    expect((await screen.findByRole('alert')).textContent).toContain('Type the passphrase for this file.');
    expect(screen.queryByRole('heading', { name: 'Incidents, in the order they happened' })).toBeNull();
  }, 30_000);
});
