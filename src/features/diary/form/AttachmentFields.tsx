import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../core/model/incident';
import { AttachmentList } from '../../../shared/incident/attachments/AttachmentList';
import { AttachmentPicker } from '../attachments/AttachmentPicker';

interface AttachmentFieldsProps {
  attachments: AttachmentRef[];
  onAdded: (ref: AttachmentRef) => void;
  onRemove: (id: string) => void;
  disabled?: boolean;
}

/** Photos, screenshots, recordings and documents: stored encrypted as soon as they are chosen. */
export function AttachmentFields({ attachments, onAdded, onRemove, disabled }: AttachmentFieldsProps) {
  const { t } = useTranslation('incident');
  return (
    <fieldset className="incident-group" aria-describedby="incident-attachments-hint">
      <legend>{t('attachments.legend')}</legend>
      <p id="incident-attachments-hint" className="hint">
        {t('attachments.hint')}
      </p>
      <AttachmentList attachments={attachments} onRemove={onRemove} />
      <AttachmentPicker onAdded={onAdded} disabled={disabled} />
    </fieldset>
  );
}
