import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Also replace the key that encrypts the diary", with what it does and what it does not, in the
 * forms that change a secret (passphrase, recovery key).
 */
export function ReplaceKeyChoice({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation('keys');
  const id = useId();
  return (
    <div className="choice-with-hint">
      <div className="choice">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={`${id}-hint`}
        />
        <label htmlFor={id}>{t('replace.label')}</label>
      </div>
      <p id={`${id}-hint`} className="hint">
        {checked ? t('replace.hint') : t('replace.off')}
      </p>
    </div>
  );
}

/**
 * Ticked at first. The usual reason to change a passphrase or a recovery key is that someone else
 * may know the old one, and against someone who also copied the vault's header (or the whole
 * database) only a new data key helps: a rewrap leaves the old secret opening everything, what is
 * written later included. The cost (a few seconds to minutes of re-encryption, and a new recovery
 * key shown and confirmed before anything is stored) is said on screen and can be declined.
 */
export const REPLACE_KEY_BY_DEFAULT = true;
