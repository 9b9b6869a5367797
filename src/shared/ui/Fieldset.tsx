import type { ReactNode } from 'react';

interface FieldsetProps {
  legend: ReactNode;
  /** A hint under the legend. */
  hint?: ReactNode;
  /** The hint's id; with it, the whole group is described by the hint. */
  hintId?: string;
  className?: string;
  children: ReactNode;
}

/** A group of controls under a legend, with an optional hint. */
export function Fieldset({ legend, hint, hintId, className, children }: FieldsetProps) {
  return (
    <fieldset className={className} aria-describedby={hint === undefined ? undefined : hintId}>
      <legend>{legend}</legend>
      {hint !== undefined && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {children}
    </fieldset>
  );
}
