import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface LeavePanelProps {
  busy: boolean;
  /** A long paste waits for an answer: keeping the draft keeps it too, in its field. */
  pasteWaiting?: boolean;
  onKeep: () => void;
  onDiscard: () => void;
  onStay: () => void;
}

/** Asked on Cancel with something typed: the draft is never thrown away without a choice. */
export function LeavePanel({ busy, pasteWaiting = false, onKeep, onDiscard, onStay }: LeavePanelProps) {
  const { t } = useTranslation('incident');
  const heading = useRef<HTMLHeadingElement>(null);
  // The Cancel button's place is taken by this question: move focus to it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="notice incident-leave" aria-labelledby="incident-leave-title">
      <h2 id="incident-leave-title" tabIndex={-1} ref={heading}>
        {t('leave.title')}
      </h2>
      <p>{t('leave.body')}</p>
      {pasteWaiting && <p>{t('leave.pasteWaiting', { stay: t('leave.stay') })}</p>}
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} onClick={onKeep}>
          {t('leave.keep')}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={onDiscard}>
          {t('leave.discard')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onStay}>
          {t('leave.stay')}
        </button>
      </div>
    </section>
  );
}
