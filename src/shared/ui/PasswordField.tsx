import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldIds } from '../hooks/useFieldIds';

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password' | 'off';
  error?: string | null;
  hint?: string;
  autoFocus?: boolean;
  monospace?: boolean;
}

/** A password input with a show/hide toggle and an error message tied to it. */
export function PasswordField({ label, value, onChange, autoComplete, error, hint, autoFocus, monospace }: PasswordFieldProps) {
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
          type={visible ? 'text' : 'password'}
          className={monospace ? 'monospace' : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete={autoComplete}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={autoFocus}
        />
        <button type="button" className="button" aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
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
