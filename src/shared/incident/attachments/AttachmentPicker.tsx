import { Suspense, lazy, useId, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../core/model/incident';
import { MAX_ATTACHMENT_BYTES } from '../../../core/store/attachmentStore';
import { FileButton } from '../../../shared/ui/FileButton';
import { useAddAttachments } from './useAddAttachments';
import { useFormatSize } from '../../../shared/format/useFormatSize';
import { ProblemList } from '../../../shared/ui/ProblemList';

// How to add a screenshot on this platform (share into Daybook, or pick it here): loaded with the form.
const HowToAddScreenshot = lazy(async () => ({
  default: await import('../../../shared/capture/HowToAddScreenshot').then(
    (module): ComponentType => module.HowToAddScreenshot,
    (): ComponentType => () => null,
  ),
}));

/** What the file picker offers: pictures, recordings, PDFs, text and common office documents. */
const ACCEPT = [
  'image/*',
  'audio/*',
  'video/*',
  'text/*',
  'application/pdf',
  'application/rtf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'message/rfc822',
  // Extensions too: some systems report no type for these.
  '.pdf,.txt,.rtf,.doc,.docx,.xls,.xlsx,.odt,.ods,.csv,.eml,.msg,.heic,.heif',
].join(',');

interface Props {
  /** Called once per file as soon as its bytes are stored (so use a functional state update). */
  onAdded: (ref: AttachmentRef) => void;
  disabled?: boolean;
}

/** Adds files from the device or straight from the camera or microphone, encrypted as they are saved. */
export function AttachmentPicker({ onAdded, disabled = false }: Props) {
  const { t } = useTranslation('attachments');
  const { megabytes } = useFormatSize();
  const { add, progress, outcome } = useAddAttachments(onAdded);
  const hintId = useId();
  const busy = disabled || progress !== null;
  const choose = (files: File[]) => void add(files);

  return (
    <div className="attachment-picker">
      <p id={hintId} className="hint">
        {t('picker.hint', { limit: megabytes(MAX_ATTACHMENT_BYTES) })}
      </p>
      <div className="button-row">
        <FileButton label={t('picker.addFiles')} accept={ACCEPT} multiple disabled={busy} onFiles={choose} />
        <FileButton label={t('picker.takePhoto')} accept="image/*" capture="environment" disabled={busy} onFiles={choose} />
        <FileButton label={t('picker.recordVideo')} accept="video/*" capture="environment" disabled={busy} onFiles={choose} />
        <FileButton label={t('picker.recordAudio')} accept="audio/*" capture="user" disabled={busy} onFiles={choose} />
      </div>
      <p role="status" className="hint">
        {progress
          ? t('picker.saving', { current: progress.current, total: progress.total })
          : outcome && outcome.added > 0
            ? t('picker.added', { count: outcome.added })
            : ''}
      </p>
      <ProblemList problems={outcome?.problems} />
      <Suspense fallback={null}>
        <HowToAddScreenshot />
      </Suspense>
    </div>
  );
}
