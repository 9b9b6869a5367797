import type { ButtonHTMLAttributes } from 'react';

interface BusyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  /** True while the action runs (useAsyncAction's `busy`): the button cannot be pressed again. */
  busy: boolean;
  label: string;
  /** Said instead of the label while busy ("Saving…"); the label stays when absent. */
  busyLabel?: string;
}

/** A button for an asynchronous action: disabled while it runs, and saying so when it can. */
export function BusyButton({ busy, label, busyLabel, disabled, type = 'button', ...rest }: BusyButtonProps) {
  return (
    <button {...rest} type={type} disabled={busy || disabled}>
      {busy && busyLabel ? busyLabel : label}
    </button>
  );
}
