import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../core/model/incident';
import { useUnsavedInput } from '../../../shared/hooks/unsavedInput';
import { useLocale } from '../../../shared/hooks/useLocale';
import { BusyButton } from '../../../shared/ui/BusyButton';
import { useAddAttachments } from '../../../shared/incident/attachments/useAddAttachments';
import { pastedTextFile, type PasteState } from './longPaste';
import { ProblemList } from '../../../shared/ui/ProblemList';

interface PasteOfferProps {
  state: PasteState;
  /** The pasted text is stored, encrypted, as this attachment: add it to the incident. */
  onAttached: (ref: AttachmentRef) => void;
  /** The person wants it in the field after all (it then shows as too long to save). */
  onKeepAsText: () => void;
  disabled?: boolean;
}

/**
 * Shown under a field when a paste would take it over its limit: the field is left as it was,
 * and the pasted text can be attached to the incident as a text file, or put in the field
 * anyway. Another long paste meanwhile is turned away, and that is said here (offerPaste). If storing the file fails, the offer stays with the reason, so nothing is lost.
 * Render it in the same place from the offer until it is gone: its status line is already on
 * screen when "attached" is said, so screen readers hear it.
 */
export function PasteOffer({ state, onAttached, onKeepAsText, disabled = false }: PasteOfferProps) {
  const { t } = useTranslation('attachments');
  const locale = useLocale();
  const { add, progress, outcome } = useAddAttachments(onAttached);
  // The pasted text is held only here until the person chooses.
  useUnsavedInput(state.kind === 'offer');
  const busy = disabled || progress !== null;
  const number = new Intl.NumberFormat(locale);

  return (
    <div className="paste-offer">
      <div role="status">{state.kind === 'attached' && <p className="notice">{t('paste.attached', { name: state.name })}</p>}</div>
      {state.kind === 'offer' && (
        <div className="notice">
          <p role="alert">{t('paste.offer', { length: number.format(state.paste.length), limit: number.format(state.paste.limit) })}</p>
          {/* A new element for each paste turned away, so that each is said. */}
          {state.refused !== undefined && (
            <p key={state.refused} role="alert" className="error">
              {t('paste.answerFirst')}
            </p>
          )}
          <div className="button-row">
            <BusyButton
              className="button primary"
              busy={busy}
              label={t('paste.attach')}
              busyLabel={t('paste.attaching')}
              onClick={() => void add([pastedTextFile(state.paste.text, new Date())])}
            />
            <button type="button" className="button" disabled={busy} onClick={onKeepAsText}>
              {t('paste.keepAsText')}
            </button>
          </div>
          <ProblemList problems={outcome?.problems} />
        </div>
      )}
    </div>
  );
}
