import { useState, type ComponentProps } from 'react';
import type { AttachmentRef } from '../../../core/model/incident';
import { keepAsText, type PasteState } from '../paste/longPaste';
import { PasteOffer } from '../paste/PasteOffer';
import { fieldId, type FieldKey } from './formRules';
import { TextField } from './TextField';

interface PastableTextFieldProps extends Omit<ComponentProps<typeof TextField>, 'id' | 'longPaste' | 'children'> {
  field: FieldKey;
  /** The most characters the field may hold (formRules' TEXT_LIMITS). */
  limit: number;
  /** A paste too long for the field, stored as a text file: add it to the incident. */
  onAttached: (ref: AttachmentRef) => void;
  /** The form is saving: the offer's buttons wait. */
  busy: boolean;
  /** Whether an offer is waiting for an answer: the form is not saved meanwhile, or the paste would be lost. */
  onWaiting: (field: FieldKey, waiting: boolean) => void;
}

/**
 * A free-text field where a paste that would take it over its limit is not put in, nor cut
 * short: it is offered as a text file attached to the incident instead (PasteOffer). Either
 * answer brings focus back to the field.
 */
export function PastableTextField({ field, limit, onAttached, busy, onWaiting, ...props }: PastableTextFieldProps) {
  const { value, onChange } = props;
  const id = fieldId(field);
  const [paste, setPaste] = useState<PasteState | null>(null);
  const answered = (state: PasteState | null) => {
    setPaste(state);
    onWaiting(field, false);
  };
  const focus = () => requestAnimationFrame(() => document.getElementById(id)?.focus());
  return (
    <TextField
      {...props}
      id={id}
      onChange={(text) => {
        onChange(text);
        // "Attached" has been said; an offer still waiting stays until it is answered.
        if (paste?.kind === 'attached') setPaste(null);
      }}
      longPaste={{
        limit,
        onLong: (long) => {
          setPaste({ kind: 'offer', paste: long });
          onWaiting(field, true);
        },
      }}
    >
      {paste && (
        <PasteOffer
          state={paste}
          disabled={busy}
          onAttached={(ref) => {
            onAttached(ref);
            answered({ kind: 'attached', name: ref.name });
            focus();
          }}
          onKeepAsText={() => {
            if (paste.kind !== 'offer') return;
            onChange(keepAsText(paste.paste, value));
            answered(null);
            focus();
          }}
        />
      )}
    </TextField>
  );
}
