// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { PassphraseInput } from '../../../src/shared/ui/PassphraseInput';
import { testI18n } from '../../support/i18n';

function Field({ error }: { error?: string }) {
  const [value, setValue] = useState('');
  return <PassphraseInput label="Passphrase" hint="Four words" value={value} onChange={setValue} error={error} />;
}

describe('PassphraseInput', () => {
  it('asks the browser not to save or fill it, and keyboards not to learn it, with a real label, hint and error', async () => {
    render(
      <I18nextProvider i18n={await testI18n()}>
        <Field error="Too short" />
      </I18nextProvider>,
    );
    const input = screen.getByLabelText('Passphrase');
    expect(input.getAttribute('type')).toBe('password');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.getAttribute('autocapitalize')).toBe('off');
    expect(input.getAttribute('autocorrect')).toBe('off');
    expect(input.getAttribute('spellcheck')).toBe('false');
    expect(input.hasAttribute('name')).toBe(false);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(describedBy).toEqual(['Four words', 'Too short']);
  });

  it('shows and hides what was typed, the toggle saying which', async () => {
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={await testI18n()}>
        <Field />
      </I18nextProvider>,
    );
    const input = screen.getByLabelText('Passphrase');
    await user.type(input, 'violet harbour');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(input.getAttribute('type')).toBe('text');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(screen.getByRole('button', { name: 'Hide' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(input.getAttribute('type')).toBe('password');
    expect((input as HTMLInputElement).value).toBe('violet harbour');
  });
});
