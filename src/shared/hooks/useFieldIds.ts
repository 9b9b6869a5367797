import { useId, type ReactNode } from 'react';

export interface FieldIdsOptions {
  /** The control's id; a generated one when absent. */
  id?: string;
  /** Whether a hint is shown (anything truthy: the hint itself, or true). */
  hint?: ReactNode;
  /** Whether an error is shown (anything truthy: the message itself, or true). */
  error?: ReactNode;
}

export interface FieldIds {
  id: string;
  hintId: string;
  errorId: string;
  /** The ids of the hint and the error that are shown, or undefined when neither is. */
  describedBy: string | undefined;
  /** For the input, textarea or select: its id, what describes it, and whether it is invalid. */
  controlProps: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined };
}

/**
 * Ties a control to its label, hint and error for screen readers: the label uses `id`
 * (htmlFor), the hint `hintId`, the error `errorId`, and the control spreads `controlProps`.
 */
export function useFieldIds({ id: givenId, hint, error }: FieldIdsOptions = {}): FieldIds {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return {
    id,
    hintId,
    errorId,
    describedBy,
    controlProps: { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined },
  };
}
