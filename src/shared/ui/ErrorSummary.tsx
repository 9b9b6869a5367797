import type { Ref } from 'react';

export interface ErrorSummaryItem {
  key: string;
  text: string;
  /** The id of the field the problem is in; absent for a problem of the whole form (no link). */
  target?: string;
}

interface ErrorSummaryProps {
  items: readonly ErrorSummaryItem[];
  /** The translated heading ("There is a problem"). */
  title: string;
  /** The form's name for its summary: the class and the heading's id are made from it. */
  name: string;
  ref?: Ref<HTMLDivElement>;
}

/**
 * The list of problems at the top of a form, focused when saving fails, each linking to its
 * field: on a long form on a phone the field may be far off screen.
 */
export function ErrorSummary({ items, title, name, ref }: ErrorSummaryProps) {
  if (items.length === 0) return null;
  const titleId = `${name}-error-summary-title`;
  return (
    <div ref={ref} className={`${name}-error-summary`} tabIndex={-1} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <ul>
        {items.map(({ key, text, target }) => (
          <li key={key}>
            {target === undefined ? (
              text
            ) : (
              <a
                href={`#${target}`}
                onClick={(event) => {
                  const field = document.getElementById(target);
                  if (!field) return;
                  event.preventDefault();
                  field.focus();
                  field.scrollIntoView?.({ block: 'center' });
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
