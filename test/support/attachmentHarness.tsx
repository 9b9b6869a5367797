import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { vi } from 'vitest';
import { AttachmentStore } from '../../src/core/store/attachmentStore';
import { diaryActions } from '../../src/app/providers/diaryActions';
import { createUnlockedStores } from '../../src/core/vault/featureStores';
import { DiaryContext, type DiaryContextValue } from '../../src/shared/diary/diaryContext';
import { createdVault } from './vault';
import { openedTestDiary } from './diaryContext';
import { testI18n } from './i18n';

/** The diary context the harness renders with: the last attachmentVault()'s stores. */
let diary: DiaryContextValue | null = null;

/** A test vault whose attachment store uses small chunks; components get it through the diary context. */
export async function attachmentVault() {
  const vault = await createdVault();
  const store = new AttachmentStore(vault.db, () => vault.session.dataKey(), { chunkSize: 64 });
  const { repository } = await openedTestDiary(vault.vault);
  diary = {
    state: 'ready',
    snapshot: repository.snapshot(),
    integrity: null,
    checkFailed: false,
    ...diaryActions(repository, { ...createUnlockedStores(vault.vault), attachments: store }, (passphrase) =>
      vault.vault.confirmPassphrase(passphrase),
    ),
  };
  return { ...vault, store };
}

export async function renderWithI18n(ui: ReactNode, language = 'en-GB') {
  const i18n = await testI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <DiaryContext.Provider value={diary}>{ui}</DiaryContext.Provider>
    </I18nextProvider>,
  );
}

/** jsdom has no object URLs: count them instead. */
export function fakeObjectUrls() {
  let next = 0;
  const live = new Set<string>();
  const create = vi.fn(() => {
    const url = `blob:test/${next++}`;
    live.add(url);
    return url;
  });
  const revoke = vi.fn((url: string) => live.delete(url));
  Object.defineProperty(URL, 'createObjectURL', { value: create, configurable: true, writable: true });
  Object.defineProperty(URL, 'revokeObjectURL', { value: revoke, configurable: true, writable: true });
  return { live, create, revoke };
}

/** jsdom's Blob has no text(): read it the old way. */
export function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}
