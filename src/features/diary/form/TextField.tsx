import type { ReactNode } from 'react';
import { useFieldIds } from '../../../shared/hooks/useFieldIds';
import { catchLongPaste, type LongPaste } from '../paste/longPaste';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  /** A translated error; when present the control is marked invalid and points to it. */
  error?: string;
  /** Rows of a multi-line field; a single-line input when absent. */
  rows?: number;
  type?: 'text' | 'date' | 'time';
  /** Latest date a date picker offers. */
  max?: string;
  autoComplete?: string;
  className?: string;
  /** A paste that would take the field over `limit` is stopped and handed to `onLong`. */
  longPaste?: { limit: number; onLong: (paste: LongPaste) => void };
  /** Shown under the control: an offer about what was pasted into it. */
  children?: ReactNode;
}

/** A labelled input or textarea, its hint and its error, tied together for screen readers. */
export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  rows,
  type = 'text',
  max,
  autoComplete = 'off',
  className,
  longPaste,
  children,
}: TextFieldProps) {
  const { hintId, errorId, controlProps } = useFieldIds({ id, hint, error });
  const shared = { ...controlProps, value, onPaste: longPaste && catchLongPaste(longPaste.limit, longPaste.onLong) };
  return (
    <div className={className ? `field ${className}` : 'field'}>
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
        <input {...shared} type={type} max={max} autoComplete={autoComplete} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <textarea {...shared} rows={rows} autoComplete={autoComplete} onChange={(event) => onChange(event.target.value)} />
      )}
      {children}
    </div>
  );
}
