import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../core/model/incident';
import type { IncidentDraft } from '../../../core/store/draftStore';
import { DraftOffer } from './DraftOffer';
import { fieldId } from './formRules';
import { IncidentForm, type IncidentFormProps } from './IncidentForm';

/** After the offer's buttons go, carry on where writing starts. */
const focusWhatHappened = () => requestAnimationFrame(() => document.getElementById(fieldId('whatHappened'))?.focus());

type Phase =
  | { kind: 'checking' }
  | { kind: 'offer'; draft: IncidentDraft }
  | { kind: 'editing'; start: Incident | null; notice: 'restored' | 'loadFailed' | null };

type IncidentEditorProps = Omit<IncidentFormProps, 'initial'>;

/**
 * Looks for a kept draft before showing the form. If there is one it is offered back first,
 * and nothing is typed (or kept) until the person has chosen, so it cannot be overwritten.
 * Give it a `key` of the draft id: it reads the draft once, when it appears.
 */
export function IncidentEditor(props: IncidentEditorProps) {
  const { t } = useTranslation('incident');
  const { store, draftId, baseline, baseRevision } = props;
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });

  useEffect(() => {
    let current = true;
    store.load(draftId).then(
      (draft) => current && setPhase(draft ? { kind: 'offer', draft } : { kind: 'editing', start: null, notice: null }),
      // A damaged draft cannot be read back by anyone; start afresh and say so.
      () => current && setPhase({ kind: 'editing', start: null, notice: 'loadFailed' }),
    );
    return () => {
      current = false;
    };
  }, [store, draftId]);

  switch (phase.kind) {
    case 'checking':
      return (
        <p className="loading" role="status">
          {t('draft.checking')}
        </p>
      );
    case 'offer':
      return (
        <DraftOffer
          draft={phase.draft}
          changedSince={phase.draft.baseRevision !== undefined && phase.draft.baseRevision !== baseRevision}
          onContinue={() => {
            setPhase({ kind: 'editing', start: phase.draft.incident, notice: 'restored' });
            focusWhatHappened();
          }}
          onDiscard={async () => {
            await store.discard(draftId);
            setPhase({ kind: 'editing', start: null, notice: null });
            focusWhatHappened();
          }}
        />
      );
    case 'editing':
      return (
        <>
          {phase.notice && (
            <p className="notice" role="status">
              {t(phase.notice === 'restored' ? 'draft.restored' : 'draft.loadFailed')}
            </p>
          )}
          <IncidentForm {...props} initial={phase.start ?? baseline} />
        </>
      );
  }
}
