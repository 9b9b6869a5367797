// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE } from '../../../src/i18n/languages';
import { useLocale } from '../../../src/shared/hooks/useLocale';
import { testI18n } from '../../support/i18n';

function withI18n(i18n: typeof i18next) {
  return ({ children }: { children: ReactNode }) => <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}

describe('useLocale', () => {
  it('is the language on screen', async () => {
    const { result } = renderHook(() => useLocale(), { wrapper: withI18n(await testI18n('cy')) });
    expect(result.current).toBe('cy');
  });

  it('follows a change of language', async () => {
    const i18n = await testI18n('en-GB');
    const { result, rerender } = renderHook(() => useLocale(), { wrapper: withI18n(i18n) });
    expect(result.current).toBe('en-GB');
    await i18n.changeLanguage('cy');
    rerender();
    expect(result.current).toBe('cy');
  });

  it('is the default language before i18next has resolved one', () => {
    // Not started: nothing resolved yet (and nothing to wait for).
    const unstarted = i18next.createInstance({ react: { useSuspense: false } });
    const { result } = renderHook(() => useLocale(), { wrapper: withI18n(unstarted) });
    expect(unstarted.resolvedLanguage).toBeUndefined();
    expect(result.current).toBe(DEFAULT_LANGUAGE);
  });
});
