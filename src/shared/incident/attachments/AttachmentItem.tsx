import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../core/model/incident';
import { AttachmentPreview } from './AttachmentPreview';
import { useAttachmentOrigin, useAttachmentSource } from './attachmentSource';
import { usePictureLocation } from './usePictureLocation';
import { shortFingerprint } from './previewKind';
import { useAttachmentErrorMessage } from './useAttachmentErrorMessage';
import { useDecryptedFile } from './useDecryptedFile';
import { useFormatSize } from '../../format/useFormatSize';
import { formatMoment } from '../../format/formatWhen';
import { useLocale } from '../../hooks/useLocale';

interface Props {
  attachment: AttachmentRef;
  onRemove?: (id: string) => void;
}

/**
 * One attachment's facts; its content is decrypted only after "Show". When and how the file
 * reached Daybook is said by the clock of the device it reached (a package or a restored backup
 * may be read on another device).
 */
export function AttachmentItem({ attachment, onRemove }: Props) {
  const { t } = useTranslation('attachments');
  const language = useLocale();
  const { size } = useFormatSize();
  const errorMessage = useAttachmentErrorMessage();
  const { file, show, hide } = useDecryptedFile(attachment);
  const nameId = useId();
  const previewId = useId();
  const open = file.status !== 'hidden';
  const origin = useAttachmentOrigin();
  const holdsLocation = usePictureLocation(attachment);
  const copy = useAttachmentSource().redrawnCopy?.(attachment);
  const name = attachment.name || t('list.unnamed');

  return (
    <li className="attachment-item">
      <p className="attachment-name" id={nameId}>
        <bdi>{name}</bdi>
      </p>
      <dl className="attachment-facts">
        <div>
          <dt>{t('list.type')}</dt>
          <dd>{attachment.type || t('list.unknownType')}</dd>
        </div>
        <div>
          <dt>{t('list.size')}</dt>
          <dd>{size(attachment.size)}</dd>
        </div>
        <div>
          <dt>{t('list.fingerprint')}</dt>
          <dd>
            {/* The full hash stays one tap away, for comparing with an exported report. */}
            <details className="attachment-hash">
              <summary>{t('list.fingerprintSummary', { short: shortFingerprint(attachment.sha256) })}</summary>
              <code>{attachment.sha256}</code>
            </details>
          </dd>
        </div>
      </dl>
      {attachment.receivedAt && (
        <p className="hint attachment-received">
          {t(`received.${attachment.receivedVia ?? 'any'}`, { moment: formatMoment(attachment.receivedAt, language) })}
        </p>
      )}
      {attachment.interrupted && <p className="hint attachment-interrupted">{t('interrupted')}</p>}
      {copy && <p className="hint attachment-copy">{t('list.redrawnCopy', { hash: copy.sha256 })}</p>}
      {holdsLocation && (
        <div className="attachment-location">
          <p>
            <strong>{t('location.notice')}</strong>
          </p>
          <p>{t(origin === 'package' ? 'location.package' : 'location.diary')}</p>
        </div>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-expanded={open}
          aria-controls={previewId}
          aria-describedby={nameId}
          onClick={open ? hide : show}
        >
          {open ? t('list.hide') : t('list.show')}
        </button>
        {onRemove && (
          <button type="button" className="button" aria-describedby={nameId} onClick={() => onRemove(attachment.id)}>
            {t('list.remove')}
          </button>
        )}
      </div>
      <div id={previewId} className="attachment-preview">
        {file.status === 'opening' && (
          <p role="status" className="loading">
            {t('list.opening')}
          </p>
        )}
        {file.status === 'failed' && (
          <p role="alert" className="error">
            {errorMessage(file.error)}
          </p>
        )}
        {file.status === 'shown' && <AttachmentPreview key={file.file.download.url} name={name} file={file.file} />}
      </div>
    </li>
  );
}
