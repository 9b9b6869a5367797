import { useEffect, useState, type ComponentProps } from 'react';
import type { AttachmentRef } from '../../../core/model/incident';
import { keepAsText, offerPaste, type LongPaste, type PasteState } from '../paste/longPaste';
import { PasteOffer } from '../paste/PasteOffer';
import { fieldId, type TextKey } from './formRules';
import { TextField } from './TextField';

interface PastableTextFieldProps extends Omit<ComponentProps<typeof TextField>, 'id' | 'longPaste' | 'children'> {
  field: TextKey;
  /** The most characters the field may hold (formRules' TEXT_LIMITS). */
  limit: number;
  /** A paste too long for the field, stored as a text file: add it to the incident. */
  onAttached: (ref: AttachmentRef) => void;
  /** The form is saving: the offer's buttons wait. */
  busy: boolean;
  /**
   * The paste waiting for an answer, or null once there is none: the form is not saved
   * meanwhile, and leaving with the draft keeps it, or the paste would be lost.
   */
  onWaiting: (field: TextKey, paste: LongPaste | null) => void;
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
  const waiting = paste?.kind === 'offer' ? paste.paste : null;
  useEffect(() => onWaiting(field, waiting), [field, waiting, onWaiting]);
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
        // An offer still waiting is kept: a second long paste is turned away, not put in its place.
        onLong: (long) => setPaste((current) => offerPaste(current, long)),
      }}
    >
      {paste && (
        <PasteOffer
          state={paste}
          disabled={busy}
          onAttached={(ref) => {
            onAttached(ref);
            setPaste({ kind: 'attached', name: ref.name });
            focus();
          }}
          onKeepAsText={() => {
            if (paste.kind !== 'offer') return;
            onChange(keepAsText(paste.paste, value));
            setPaste(null);
            focus();
          }}
        />
      )}
    </TextField>
  );
}
