import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../core/model/incident';
import { AttachmentItem } from './AttachmentItem';
import './attachments.css';

interface Props {
  attachments: AttachmentRef[];
  /** Shows a "Remove" button per file; the caller decides what removing means. */
  onRemove?: (id: string) => void;
}

/** The files attached to an incident: facts shown from the record alone, contents decrypted only on request. */
export function AttachmentList({ attachments, onRemove }: Props) {
  const { t } = useTranslation('attachments');
  if (attachments.length === 0) return null;
  return (
    <ul className="attachment-list" aria-label={t('list.label')}>
      {attachments.map((attachment) => (
        <AttachmentItem key={attachment.id} attachment={attachment} onRemove={onRemove} />
      ))}
    </ul>
  );
}
