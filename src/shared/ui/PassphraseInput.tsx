import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldIds } from '../hooks/useFieldIds';

export interface PassphraseInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: string;
  autoFocus?: boolean;
  /** For a recovery key: letters and digits easier to tell apart. */
  monospace?: boolean;
}

/**
 * What every passphrase or recovery-key input carries so browsers do not offer to save it.
 *
 * - `type="password"` stays: screen readers announce a protected field and do not read the
 *   characters aloud, and on-screen keyboards do not learn the words into their suggestions
 *   (a text field with `-webkit-text-security` would lose both).
 * - `autocomplete="off"` is ignored for password fields by Chromium, Firefox and Safari, and
 *   `new-password` invites Chrome and Safari to suggest a generated password, which they save
 *   to the account at once. `one-time-code` is the one value Chromium's password manager reads as
 *   "not a password to keep": it neither offers to save nor to fill the field. Other browsers
 *   may still ask; the set-up screen says so and what to do.
 * - No `name`: nothing that looks like a login to the browser's heuristics.
 */
export const PASSPHRASE_INPUT_ATTRIBUTES = {
  type: 'password',
  autoComplete: 'one-time-code',
  autoCapitalize: 'off',
  autoCorrect: 'off',
  spellCheck: false,
} as const;

/** A passphrase or recovery-key input with its label, a show/hide toggle and its error. */
export function PassphraseInput({ label, value, onChange, error, hint, autoFocus, monospace }: PassphraseInputProps) {
  const { t } = useTranslation('vault');
  const [visible, setVisible] = useState(false);
  const { id, hintId, errorId, controlProps } = useFieldIds({ hint, error });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <div className="password-row">
        <input
          {...controlProps}
          {...PASSPHRASE_INPUT_ATTRIBUTES}
          // Shown, it is plain text for as long as the person wants to read it; keyboards are
          // still asked not to correct or learn it.
          type={visible ? 'text' : 'password'}
          className={monospace ? 'monospace' : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoFocus={autoFocus}
        />
        <button type="button" className="button" aria-pressed={visible} aria-controls={id} onClick={() => setVisible((v) => !v)}>
          {visible ? t('field.hide') : t('field.show')}
        </button>
      </div>
      {error && (
        <p id={errorId} className="error">
          {error}
        </p>
      )}
    </div>
  );
}
