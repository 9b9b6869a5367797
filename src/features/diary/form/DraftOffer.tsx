import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDraft } from '../../../core/store/draftStore';
import { formatMoment } from '../../../shared/format/formatWhen';

interface DraftOfferProps {
  draft: IncidentDraft;
  /** For an edit: the entry changed after the draft was started. */
  changedSince: boolean;
  onContinue: () => void;
  /** Throws the draft away; rejects if that failed. */
  onDiscard: () => Promise<void>;
}

const EXCERPT_LENGTH = 120;

/** Offers back a draft kept earlier: continue with it, or (after a second press) throw it away. */
export function DraftOffer({ draft, changedSince, onContinue, onDiscard }: DraftOfferProps) {
  const { t, i18n } = useTranslation('incident');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const text = draft.incident.whatHappened.trim();
  const excerpt = text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;

  const discard = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await onDiscard();
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <section className="notice incident-draft-offer" aria-labelledby="incident-draft-offer-title">
      <h2 id="incident-draft-offer-title">{t('draft.offerTitle')}</h2>
      <p>{t('draft.offer', { moment: formatMoment(draft.savedAt, i18n.resolvedLanguage ?? 'en-GB') })}</p>
      {excerpt && <p className="incident-excerpt">{t('draft.excerpt', { text: excerpt })}</p>}
      {changedSince && <p>{t('draft.changedSince')}</p>}
      {confirming ? (
        <>
          <p id="incident-confirm-discard">
            <strong>{t('draft.confirmDiscard')}</strong>
          </p>
          <div className="button-row" role="group" aria-labelledby="incident-confirm-discard">
            <button type="button" className="button danger" disabled={busy} onClick={() => void discard()}>
              {t('draft.confirmDiscardYes')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              autoFocus
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => document.getElementById('incident-draft-discard')?.focus());
              }}
            >
              {t('draft.confirmDiscardNo')}
            </button>
          </div>
        </>
      ) : (
        <div className="button-row">
          <button type="button" className="button primary" onClick={onContinue}>
            {t('draft.continue')}
          </button>
          <button type="button" id="incident-draft-discard" className="button" onClick={() => setConfirming(true)}>
            {t('draft.discard')}
          </button>
        </div>
      )}
      {failed && (
        <p className="error" role="alert">
          {t('draft.discardFailed')}
        </p>
      )}
    </section>
  );
}
