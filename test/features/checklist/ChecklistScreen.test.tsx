// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/core/model/incident';
import { ChecklistStore } from '../../../src/core/store/checklistStore';
import { DiaryRepository } from '../../../src/core/store/diaryRepository';
import type { Vault, VaultState } from '../../../src/core/vault/vault';
import { diaryActions } from '../../../src/app/providers/diaryActions';
import { createUnlockedStores } from '../../../src/core/vault/featureStores';
import { ChecklistScreen } from '../../../src/features/checklist/ChecklistScreen';
import { DiaryContext, type DiaryContextValue } from '../../../src/shared/diary/diaryContext';
import { VaultContext } from '../../../src/shared/vault/vaultContext';
import { testI18n } from '../../support/i18n';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, testVault } from '../../support/vault';

function Providers({
  vault,
  status,
  diary,
  children,
}: {
  vault: Vault;
  status: VaultState;
  diary: DiaryContextValue | null;
  children: ReactNode;
}) {
  const value = { status, vault };
  return (
    <VaultContext.Provider value={value}>
      <DiaryContext.Provider value={diary}>
        <MemoryRouter>{children}</MemoryRouter>
      </DiaryContext.Provider>
    </VaultContext.Provider>
  );
}

async function renderScreen(options: { vault: Vault; status: VaultState; diary?: DiaryContextValue | null; language?: string }) {
  const i18n = await testI18n(options.language ?? 'en-GB');
  const tree = (status: VaultState, diary: DiaryContextValue | null) => (
    <I18nextProvider i18n={i18n}>
      <Providers vault={options.vault} status={status} diary={diary}>
        <ChecklistScreen />
      </Providers>
    </I18nextProvider>
  );
  const result = render(tree(options.status, options.diary ?? null));
  return { ...result, rerenderWith: (status: VaultState, diary: DiaryContextValue | null) => result.rerender(tree(status, diary)) };
}

async function diaryWith(incidents: Incident[]): Promise<{ vault: Vault; diary: DiaryContextValue }> {
  const { vault, db, session } = await createdVault();
  const repository = new DiaryRepository(
    db,
    () => session.dataKey(),
    () => session.chainKey(),
  );
  await repository.load();
  for (const incident of incidents) await repository.add(incident);
  const diary: DiaryContextValue = {
    state: 'ready',
    snapshot: repository.snapshot(),
    integrity: null,
    checkFailed: false,
    ...diaryActions(repository, createUnlockedStores(vault), (passphrase) => vault.confirmPassphrase(passphrase)),
  };
  return { vault, diary };
}

const incident = (date: string, behaviours: Incident['behaviours']): Incident =>
  aQuickIncident({ when: { kind: 'exact', date }, whatHappened: 'Waited outside again', behaviours });

describe('checklist screen, with no vault', () => {
  it('one theme at a time, skippable, with a way back, and a danger prompt for a warning sign', async () => {
    const user = userEvent.setup();
    await renderScreen({ vault: testVault().vault, status: 'none' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Stalking or harassment?');
    expect(screen.getByText(/Nothing you answer here is saved\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start from my diary' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(screen.getByText('Step 1 of 5')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }));
    await user.click(screen.getByLabelText('Following you'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Step 2 of 5')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByLabelText('Following you') as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByLabelText('Many times'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Skip this question' }));
    expect(screen.getByText('Step 4 of 5')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Skip this question' }));
    expect(screen.getByText('Step 5 of 5')).toBeTruthy();
    await user.click(screen.getByLabelText('They have threatened physical or sexual violence'));
    await user.click(screen.getByRole('button', { name: 'See what could help' }));

    const risk = screen.getByRole('region', { name: 'Your safety comes first' });
    expect(within(risk).getByRole('link', { name: 'Call 999' }).getAttribute('href')).toBe('tel:999');
    expect(within(risk).getByRole('link', { name: 'Call 0808 802 0300' }).getAttribute('href')).toBe('tel:08088020300');
    expect(within(risk).getByText(/stalking risk assessment/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'It has happened more than once' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'You do not need to decide which it is' })).toBeTruthy();
    const next = screen.getByRole('region', { name: 'What you can do next' });
    expect(
      within(next)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(expect.arrayContaining(['/help', '/help/what-can-i-do', '/']));
    expect(screen.queryByRole('region', { name: 'Signs of fixation and obsession' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save this result' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Saved results' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(screen.getByRole('button', { name: 'Start' })).toBeTruthy();
  });

  it('says nothing is saved while locked, and how to save', async () => {
    await renderScreen({ vault: testVault().vault, status: 'locked' });
    expect(screen.getByText(/Nothing you answer here is saved\./)).toBeTruthy();
    expect(screen.getByText(/Unlock it if you want to save a result/)).toBeTruthy();
  });

  it('is in Welsh', async () => {
    const user = userEvent.setup();
    await renderScreen({ vault: testVault().vault, status: 'none', language: 'cy' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Stelcio neu aflonyddu?');
    await user.click(screen.getByRole('button', { name: 'Dechrau' }));
    expect(screen.getByText('Cam 1 o 5')).toBeTruthy();
  });
});

describe('checklist screen, unlocked', () => {
  it('starts from the diary, saves the result with its date, shows and deletes it', async () => {
    const user = userEvent.setup();
    const { vault, diary } = await diaryWith([
      incident('2026-01-02', ['following', 'contact-text']),
      incident('2026-02-20', ['loitering']),
    ]);
    await renderScreen({ vault, status: 'unlocked', diary });
    expect(screen.getByText(/Nothing you answer is saved unless you choose to save the result/)).toBeTruthy();
    expect(screen.getByText(/from the 2 incidents in your diary/)).toBeTruthy();
    await screen.findByText('You have not saved any results.');

    await user.click(screen.getByRole('button', { name: 'Start from my diary' }));
    for (const label of ['Following you', 'Hanging around near your home, work or places you go']) {
      expect((screen.getByLabelText(label) as HTMLInputElement).checked, label).toBe(true);
    }
    expect((screen.getByLabelText(/^Contacting you, or trying to/) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Watching or spying on you') as HTMLInputElement).checked).toBe(false);
    // The person can change a pre-filled answer.
    await user.click(screen.getByLabelText('Following you'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect((screen.getByLabelText('Two or three times') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('For weeks') as HTMLInputElement).checked).toBe(true);
    for (let i = 0; i < 3; i++) await user.click(screen.getByRole('button', { name: /^(Next|See what could help)$/ }));
    await user.click(screen.getByRole('button', { name: 'See what could help' }));

    await user.click(screen.getByRole('button', { name: 'Save this result' }));
    await screen.findByText(/Saved in your diary, encrypted, on/);
    const saved = await screen.findAllByText(/^Saved \d/, { selector: 'p' });
    expect(saved).toHaveLength(1);
    const results = await new ChecklistStore(vault.db, () => vault.session.dataKey()).list();
    expect(results).toHaveLength(1);
    expect(results[0]?.answers.behaviours).toEqual(['loitering', 'unwanted-contact']);

    await user.click(screen.getByRole('button', { name: 'Start again' }));
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByRole('heading', { name: 'What could help' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete it' }));
    await screen.findByText('Result deleted.');
    expect(await new ChecklistStore(vault.db, () => vault.session.dataKey()).list()).toEqual([]);
  });

  it('locking clears the answers and the saved results from the screen', async () => {
    const user = userEvent.setup();
    const { vault, diary } = await diaryWith([incident('2026-01-02', ['threats'])]);
    const { rerenderWith } = await renderScreen({ vault, status: 'unlocked', diary });
    await user.click(screen.getByRole('button', { name: 'Start from my diary' }));
    expect((screen.getByLabelText('Threatening you') as HTMLInputElement).checked).toBe(true);
    act(() => vault.session.lock());
    rerenderWith('locked', null);
    expect(screen.getByRole('button', { name: 'Start' })).toBeTruthy();
    expect(screen.queryByLabelText('Threatening you')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Saved results' })).toBeNull();
    expect(screen.getByText(/Nothing you answer here is saved\./)).toBeTruthy();
  });
});
