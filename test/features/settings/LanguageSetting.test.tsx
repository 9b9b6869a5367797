// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { LanguageSetting } from '../../../src/features/settings/LanguageSetting';
import { VisitLanguageHint } from '../../../src/features/settings/VisitLanguageHint';
import { LANGUAGES } from '../../../src/i18n/languages';
import { testI18n } from '../../support/i18n';

describe('the language list', () => {
  it('names each language in itself, and says in that language when its translation is not yet reviewed', async () => {
    render(
      <I18nextProvider i18n={await testI18n()}>
        <LanguageSetting />
      </I18nextProvider>,
    );
    for (const language of LANGUAGES) {
      const radio = screen.getByRole('radio', { name: new RegExp(`^${language.nativeName}`) });
      const label = radio.closest('label');
      expect(label?.getAttribute('lang')).toBe(language.code);
      if (language.reviewed) expect(label?.querySelector('.language-unreviewed')).toBeNull();
      else expect(label?.querySelector('.language-unreviewed')?.textContent).toBe(language.unreviewed);
    }
    expect(LANGUAGES.find((l) => l.code === 'en-GB')?.reviewed).toBe(true);
  });

  it('after a switch on the lock screen, says the translation is not yet reviewed, in that language', async () => {
    const unreviewed = LANGUAGES.filter((l) => !l.reviewed);
    expect(unreviewed.length).toBeGreaterThan(0);
    for (const language of unreviewed) {
      const { unmount } = render(
        <I18nextProvider i18n={await testI18n(language.code)}>
          <VisitLanguageHint language={language.code} />
        </I18nextProvider>,
      );
      const note = screen.getByText(`${language.unreviewed}.`);
      expect(note.getAttribute('lang')).toBe(language.code);
      unmount();
    }
  });
});
