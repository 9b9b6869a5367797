import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, type FieldKey } from './formRules';

export interface SummaryItem {
  key: FieldKey;
  text: string;
}

interface ErrorSummaryProps {
  items: readonly SummaryItem[];
  ref?: Ref<HTMLDivElement>;
}

/**
 * The list of problems at the top of the form, focused when saving fails, each linking to
 * its field: on a long form on a phone the field may be far off screen.
 */
export function ErrorSummary({ items, ref }: ErrorSummaryProps) {
  const { t } = useTranslation('incident');
  if (items.length === 0) return null;
  return (
    <div ref={ref} className="incident-error-summary" tabIndex={-1} aria-labelledby="incident-error-summary-title">
      <h2 id="incident-error-summary-title">{t('errors.summaryTitle')}</h2>
      <ul>
        {items.map(({ key, text }) => (
          <li key={key}>
            {key === 'form' ? (
              text
            ) : (
              <a
                href={`#${fieldId(key)}`}
                onClick={(event) => {
                  const target = document.getElementById(fieldId(key));
                  if (!target) return;
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView?.({ block: 'center' });
                }}
              >
                {text}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
