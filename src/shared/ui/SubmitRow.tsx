import { BusyButton } from './BusyButton';

interface SubmitRowProps {
  /** useAsyncAction's `busy`. */
  busy: boolean;
  label: string;
  busyLabel?: string;
  primary?: boolean;
  /** What the last submit achieved ("Saved."), or '' before it: read out as it changes. */
  status: string;
  /** A Stop button shown while busy, for a submit that can take seconds (Argon2id). */
  stop?: { label: string; onStop: () => void };
}

/** A form's submit button, and the status line under it that says it worked. */
export function SubmitRow({ busy, label, busyLabel, primary, status, stop }: SubmitRowProps) {
  return (
    <>
      <div className="button-row">
        <BusyButton type="submit" className={primary ? 'button primary' : 'button'} busy={busy} label={label} busyLabel={busyLabel} />
        {stop && busy && (
          <button type="button" className="button" onClick={stop.onStop}>
            {stop.label}
          </button>
        )}
      </div>
      <p role="status" className="success">
        {status}
      </p>
    </>
  );
}
