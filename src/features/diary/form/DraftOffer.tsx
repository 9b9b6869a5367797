import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDraft } from '../../../core/store/draftStore';
import { formatMoment } from '../../../shared/format/formatWhen';
import { useAsyncAction } from '../../../shared/hooks/useAsyncAction';
import { useLocale } from '../../../shared/hooks/useLocale';

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
  const { t } = useTranslation('incident');
  const language = useLocale();
  const [confirming, setConfirming] = useState(false);
  // Once thrown away, the offer goes: it stays busy until then.
  const { busy, error: failed, run } = useAsyncAction(() => true);
  const text = draft.incident.whatHappened.trim();
  const excerpt = text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;

  const discard = () => run(onDiscard, { busyAfterSuccess: true });

  return (
    <section className="notice incident-draft-offer" aria-labelledby="incident-draft-offer-title">
      <h2 id="incident-draft-offer-title">{t('draft.offerTitle')}</h2>
      <p>{t('draft.offer', { moment: formatMoment(draft.savedAt, language) })}</p>
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
