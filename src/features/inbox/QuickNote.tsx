import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';

/** The longest quick note, in characters (core/inbox/lockedInbox.ts MAX_QUICK_NOTE). */
const MAX_NOTE = 10_000;

interface Props {
  /**
   * Seals the note into the inbox with the time, with the public key alone (the app passes
   * core/inbox/lockedInbox.ts saveQuickNote, loaded on first use). Rejects with a `code`.
   */
  save: (text: string) => Promise<unknown>;
}

/**
 * "Quick note" on the lock screen: a few words sealed at once, without the passphrase. Once
 * saved it cannot be read here: the field clears and nothing else of the diary is shown.
 */
export function QuickNote({ save }: Props) {
  const { t } = useTranslation('inbox');
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, run } = useAsyncAction((caught) =>
    (caught as { code?: unknown } | null)?.code === 'inbox/no-key' ? t('quickNote.noKey') : t('quickNote.failed'),
  );
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(false);
    if (text.trim() === '') {
      setError(t('quickNote.empty'));
      return;
    }
    await run(async () => {
      await save(text);
      setText('');
      setSaved(true);
    });
  };

  return (
    <section className="quick-note" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('quickNote.title')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor={`${id}-text`}>{t('quickNote.label')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('quickNote.hint')}
        </p>
        <textarea
          id={`${id}-text`}
          rows={3}
          maxLength={MAX_NOTE}
          value={text}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
          }}
        />
        {error && (
          <p className="error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
        <p className="button-row">
          <BusyButton type="submit" className="button" busy={busy} label={t('quickNote.save')} busyLabel={t('quickNote.saving')} />
        </p>
        <p role="status" className="saved">
          {saved ? t('quickNote.saved') : ''}
        </p>
      </form>
    </section>
  );
}
