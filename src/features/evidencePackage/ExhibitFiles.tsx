import './exhibitFiles.css';
import { useTranslation } from 'react-i18next';
import { exhibitFileName, type Exhibit } from '../../core/export/exhibits';
import { DOWNLOAD_TYPE, extensionFor, safeDownloadName, sniffContent } from '../../core/files';
import type { AttachmentRef } from '../../core/model/incident';
import { readBytes } from '../../core/store/attachments/readBytes';
import { useAttachmentSource } from '../../shared/incident/attachments/attachmentSource';
import { useAttachmentErrorMessage } from '../../shared/incident/attachments/useAttachmentErrorMessage';
import { downloadFile } from '../../shared/files/saveFile';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

/** Enough of a file's start and end to tell its format by (as core/files reads it). */
const SNIFF_BYTES = 64 * 1024;

/**
 * The name a package's file is saved under with its exhibit label in front ("AB-1 IMG_2041.jpg"),
 * made safe as every saved file's name is: the extension follows the bytes, not the name.
 */
export async function exhibitDownloadName(file: Blob, exhibit: Pick<Exhibit, 'fileLabel'>, name: string): Promise<string> {
  const head = await readBytes(file.slice(0, SNIFF_BYTES));
  const tail = file.size > head.length ? await readBytes(file.slice(Math.max(0, file.size - SNIFF_BYTES))) : head;
  return safeDownloadName(exhibitFileName(exhibit, name), extensionFor(sniffContent(head, tail)));
}

interface ExhibitFilesProps {
  attachments: readonly AttachmentRef[];
  /** Exhibits by attachment id, only when the package's recorded references agree (openPackage.ts). */
  exhibits: ReadonlyMap<string, Exhibit>;
}

/**
 * An incident's files with the exhibit reference each was given when the package was made, each
 * saved under its exhibit file name, so a witness statement's references match the saved files.
 */
export function ExhibitFiles({ attachments, exhibits }: ExhibitFilesProps) {
  const { t } = useTranslation(['exhibits', 'attachments']);
  const source = useAttachmentSource();
  const { error, run } = useAsyncAction(useAttachmentErrorMessage());
  const numbered = attachments.flatMap((ref) => {
    const exhibit = exhibits.get(ref.id);
    return exhibit ? [{ ref, exhibit }] : [];
  });
  if (numbered.length === 0) return null;

  const save = (ref: AttachmentRef, exhibit: Exhibit) =>
    run(async () => {
      const blob = await source.open(ref);
      // Octet-stream bytes, as the file's own save gives them: saved, never opened as a page.
      downloadFile(new File([blob], await exhibitDownloadName(blob, exhibit, ref.name), { type: DOWNLOAD_TYPE }));
    });

  return (
    <div className="package-exhibits">
      <ul className="plain-list">
        {numbered.map(({ ref, exhibit }) => (
          <li key={ref.id}>
            <span className="exhibit-reference">{t('viewer.reference', { reference: exhibit.reference })}</span>{' '}
            <bdi>{ref.name || t('attachments:list.unnamed')}</bdi>{' '}
            <button type="button" className="button" onClick={() => void save(ref, exhibit)}>
              {t('viewer.save', { reference: exhibit.reference })}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">{t('viewer.note')}</p>
      <p className="hint">{t('attachments:list.downloadWarning')}</p>
      <ErrorAlert message={error} />
    </div>
  );
}
