import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../core/model/incident';
import { AttachmentList } from '../../../shared/incident/attachments/AttachmentList';
import { Fieldset } from '../../../shared/ui/Fieldset';
import { AttachmentPicker } from '../../../shared/incident/attachments/AttachmentPicker';

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
    <Fieldset className="incident-group" legend={t('attachments.legend')} hint={t('attachments.hint')} hintId="incident-attachments-hint">
      <AttachmentList attachments={attachments} onRemove={onRemove} />
      <AttachmentPicker onAdded={onAdded} disabled={disabled} />
    </Fieldset>
  );
}
