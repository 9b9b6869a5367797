import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../core/model/incident';
import { AttachmentTooLargeError, AttachmentUnreadableError } from '../../../core/store/attachmentStore';
import { useUnsavedInput } from '../../../shared/hooks/unsavedInput';
import { useVaultErrorMessage } from '../../../shared/errors/useVaultErrorMessage';
import { useAttachmentStore } from '../../../shared/incident/attachments/useAttachmentStore';
import { useFormatSize } from '../../../shared/format/useFormatSize';

export interface AddProgress {
  current: number;
  total: number;
}

export interface AddOutcome {
  added: number;
  problems: string[];
}

/**
 * Saves chosen files one at a time, handing each ref over as soon as it is stored, so files
 * saved before a failure are kept. Each ref records when its save started (receivedAt, this
 * device's clock) and that it was added in the form (receivedVia 'form'). A file too large or unreadable is skipped; any other
 * failure (storage full, vault locked) stops the rest, which would fail the same way.
 */
export function useAddAttachments(onAdded: (ref: AttachmentRef) => void) {
  const { t } = useTranslation('attachments');
  const store = useAttachmentStore();
  const vaultMessage = useVaultErrorMessage();
  const { megabytes } = useFormatSize();
  const [progress, setProgress] = useState<AddProgress | null>(null);
  const [outcome, setOutcome] = useState<AddOutcome | null>(null);
  // An update must not reload the page while files are being written.
  useUnsavedInput(progress !== null);

  /** Saves the files; resolves (never rejects) with what was added and what went wrong. */
  const add = async (files: readonly File[]): Promise<AddOutcome> => {
    setOutcome(null);
    const problems: string[] = [];
    let added = 0;
    for (const [index, file] of files.entries()) {
      setProgress({ current: index + 1, total: files.length });
      try {
        // When the file reached Daybook, by this device's clock: taken as its save starts.
        const receivedAt = new Date().toISOString();
        const ref = await store.save(file, file.name);
        onAdded({ ...ref, receivedAt, receivedVia: 'form' });
        added += 1;
      } catch (error) {
        const name = file.name;
        if (error instanceof AttachmentTooLargeError) {
          problems.push(t('picker.tooLarge', { name, size: megabytes(error.size), limit: megabytes(error.limit) }));
          continue;
        }
        if (error instanceof AttachmentUnreadableError) {
          problems.push(t('picker.unreadable', { name }));
          continue;
        }
        problems.push(t('picker.notSaved', { name, reason: vaultMessage(error) }));
        const rest = files.length - index - 1;
        if (rest > 0) problems.push(t('picker.notTried', { count: rest }));
        break;
      }
    }
    setProgress(null);
    setOutcome({ added, problems });
    return { added, problems };
  };

  return { add, progress, outcome };
}
