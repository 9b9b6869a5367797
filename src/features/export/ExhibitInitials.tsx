import { useTranslation } from 'react-i18next';
import { EXHIBIT_INITIALS_MAX, exhibitReference, parseExhibitInitials } from '../../core/export/exhibits';

interface ExhibitInitialsProps {
  value: string;
  onChange: (value: string) => void;
  /** How many files go out, for the example ("AB/1 to AB/5"). */
  files: number;
  /** Whether to show a problem with the initials (after the person tried to create the file). */
  showError: boolean;
}

/** Initials for numbering the files that go out as exhibits (AB/1, AB/2, …); empty for none. */
export function ExhibitInitials({ value, onChange, files, showError }: ExhibitInitialsProps) {
  const { t } = useTranslation('exhibits');
  const parsed = parseExhibitInitials(value);
  const problem = !parsed.ok && showError ? t(`screen.errors.${parsed.problem}`) : null;
  // Only for what will be used: numbers from valid initials, as the export will give them.
  const initials = parsed.ok && files > 0 ? parsed.initials : null;
  const first = initials && exhibitReference(initials, 1);
  const last = initials && exhibitReference(initials, files);
  return (
    <fieldset className="exhibit-initials">
      <legend>{t('screen.legend')}</legend>
      <label htmlFor="export-exhibit-initials">{t('screen.label')}</label>
      <p className="hint" id="export-exhibit-initials-hint">
        {t('screen.hint')}
      </p>
      <input
        id="export-exhibit-initials"
        type="text"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        // Room for a few stray characters, so that a mistake is shown rather than cut off.
        maxLength={EXHIBIT_INITIALS_MAX + 4}
        size={6}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'export-exhibit-initials-hint export-exhibit-initials-error' : 'export-exhibit-initials-hint'}
        onChange={(event) => onChange(event.target.value)}
      />
      {problem && (
        <p id="export-exhibit-initials-error" className="error" role="alert">
          {problem}
        </p>
      )}
      {/* Always there, so the first example is announced when it appears. */}
      <p className="hint" aria-live="polite">
        {first && last ? (first === last ? t('screen.exampleOne', { first }) : t('screen.example', { first, last })) : null}
      </p>
    </fieldset>
  );
}
