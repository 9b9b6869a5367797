import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseFingerprint } from '../../core/evidence';
import type { ExportDocument } from '../../core/export/exportDocument';
import { checkFingerprint, type FingerprintCheck as CheckResult } from '../../core/export/fingerprintCheck';
import { formatMoment } from '../../shared/format/formatWhen';
import { useFieldIds } from '../../shared/hooks/useFieldIds';
import { useLocale } from '../../shared/hooks/useLocale';

interface FingerprintCheckProps {
  document: ExportDocument;
  /** Whether the file passed its own check: an answer about an unverified file is only its word. */
  verified: boolean;
}

/**
 * "Check an earlier fingerprint": someone the diary keeper gave a fingerprint to pastes it here
 * and learns whether this file's record of changes contains it, and where. Only such a
 * fingerprint, from the diary keeper, ties the file to their diary. The answer is read out (a
 * status region), and says plainly when this file cannot tell.
 */
export function FingerprintCheck({ document, verified }: FingerprintCheckProps) {
  const { t } = useTranslation('evidence');
  const language = useLocale();
  const [text, setText] = useState('');
  const [result, setResult] = useState<CheckResult | null>(null);
  const { id, hintId } = useFieldIds({ hint: true });

  const check = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setResult(await checkFingerprint(document, text));
    } catch {
      // A hostile or damaged file whose proofs cannot even be read shows nothing at any size.
      const parsed = parseFingerprint(text);
      setResult(parsed ? { result: 'not-shown', size: parsed.size } : { result: 'unreadable' });
    }
  };

  const message = (checked: CheckResult): string => {
    switch (checked.result) {
      case 'unreadable':
        return t('check.unreadable');
      case 'this-export':
        return t('check.this-export', { count: checked.size });
      case 'earlier':
        return t('check.earlier', { count: checked.size, moment: formatMoment(checked.sharedAt, language) });
      case 'prefix':
        return checked.lastRecordedAt === null
          ? t('check.prefix', { count: checked.size })
          : t('check.prefixAt', { count: checked.size, moment: formatMoment(checked.lastRecordedAt, language) });
      case 'differs':
        return t('check.differs', { count: checked.size });
      case 'larger':
        // When the file says it was made (its own claim): made after the reader got the
        // fingerprint, yet smaller than it, points to records removed.
        return t('check.larger', {
          count: checked.size,
          exportSize: checked.exportSize,
          moment: formatMoment(checked.generatedAt, language),
        });
      case 'not-shown':
        return t('check.not-shown', { count: checked.size });
    }
  };

  return (
    <section className="fingerprint-check" aria-labelledby="fingerprint-check-title">
      <h2 id="fingerprint-check-title">{t('check.title')}</h2>
      <form onSubmit={(event) => void check(event)} noValidate>
        <div className="field">
          <label htmlFor={id}>{t('check.label')}</label>
          <p id={hintId} className="hint">
            {t('check.hint')}
          </p>
          <input
            id={id}
            type="text"
            aria-describedby={hintId}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              // An answer stays only while it is about what the field holds.
              setResult(null);
            }}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t('check.submit')}
          </button>
        </div>
      </form>
      {/* Always in the page, so that a new answer is read out when it appears. */}
      <div role="status">
        {result && (
          <>
            <p className={result.result === 'differs' || result.result === 'unreadable' ? 'error' : undefined}>{message(result)}</p>
            {!verified && result.result !== 'unreadable' && <p className="error">{t('check.fileNotVerified')}</p>}
          </>
        )}
      </div>
    </section>
  );
}
