// @vitest-environment jsdom
// A note joining an incident is headed by how it came in: plain text shared in from another app
// says so ("Shared text"), never "Quick note", which is only what was written on the lock screen.

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { dexieInboxWriter } from '../../../src/core/inbox/inbox';
import { INBOX_PUBLIC_KEY, publicKeyFromMeta } from '../../../src/core/inbox/inboxRows';
import { sealIntoInbox } from '../../../src/core/inbox/seal';
import { provisionInbox } from '../../../src/core/vault/featureStores';
import { NewItems } from '../../../src/features/inbox/NewItems';
import { openedTestDiary, TestDiaryProvider } from '../../support/diaryContext';
import { testI18n } from '../../support/i18n';
import { anIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

// 3 Dec 2026, 14:05 on this machine's clock, whatever its time zone.
const AT = new Date(2026, 11, 3, 14, 5);

describe('shared text joining an incident', () => {
  it('is headed "Shared text, received …", not "Quick note"', async () => {
    const setup = await createdVault();
    const { repository, stores } = await openedTestDiary(setup.vault);
    await provisionInbox(setup.vault, stores.inbox);
    const entryId = await repository.add(anIncident({ whatHappened: 'Messages all evening' }));
    const raw = publicKeyFromMeta((await setup.db.meta.get(INBOX_PUBLIC_KEY))?.value);
    if (!raw) throw new Error('no public key');
    await sealIntoInbox(dexieInboxWriter(setup.db), raw, {
      via: 'share',
      name: '',
      type: 'text/plain',
      bytes: new Blob(['You will not get away from me']),
      receivedAt: AT,
    });
    const user = userEvent.setup();
    const i18n = await testI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <TestDiaryProvider repository={repository} stores={stores}>
          <MemoryRouter>
            <NewItems />
          </MemoryRouter>
        </TestDiaryProvider>
      </I18nextProvider>,
    );
    const item = (await screen.findByText('You will not get away from me')).closest('li') as HTMLElement;
    await user.click(within(item).getByRole('button', { name: 'Add to an incident' }));
    await user.click(within(item).getByRole('button', { name: /Messages all evening/ }));
    expect(await screen.findByText('It is added to the incident.')).toBeTruthy();
    const entry = repository.snapshot().entries.find((e) => e.id === entryId);
    expect(entry?.incident.whatHappened).toBe(
      "Messages all evening\n\nShared text, received 3 Dec 2026, 14:05 (this device's clock):\nYou will not get away from me",
    );
    expect(entry?.incident.whatHappened).not.toContain('Quick note');
  });
});
