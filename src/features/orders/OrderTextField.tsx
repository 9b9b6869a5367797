import { useFieldIds } from '../../shared/hooks/useFieldIds';

interface OrderTextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  /** A translated error; when present the control is marked invalid and points to it. */
  error?: string;
  /** Rows of a multi-line field; a single-line input when absent. */
  rows?: number;
  type?: 'text' | 'date';
}

/** A labelled input or textarea with its hint and error, tied together for screen readers. */
export function OrderTextField({ id, label, value, onChange, hint, error, rows, type = 'text' }: OrderTextFieldProps) {
  const { hintId, errorId, controlProps } = useFieldIds({ id, hint, error });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="error">
          {error}
        </p>
      )}
      {rows === undefined ? (
        // What the person types runs its own way (an English court name in an Arabic form).
        <input
          {...controlProps}
          type={type}
          dir={type === 'text' ? 'auto' : undefined}
          value={value}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <textarea
          {...controlProps}
          rows={rows}
          dir="auto"
          value={value}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}
