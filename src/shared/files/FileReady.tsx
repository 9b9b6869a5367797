import { useTranslation } from 'react-i18next';
import { canShareFile, downloadFile, shareFile } from './saveFile';
import { useFormatSize } from '../format/useFormatSize';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { ErrorAlert } from '../ui/ErrorAlert';
import './fileReady.css';

interface FileReadyProps {
  file: File;
  /** Called once the person has saved or shared it (for backups: the last backup date). */
  onHandedOver?: () => void;
}

/** A finished export: save it to the device, or share it where the browser can. */
export function FileReady({ file, onHandedOver }: FileReadyProps) {
  const { t } = useTranslation('export');
  const { size: formatSize } = useFormatSize();
  const { error, run } = useAsyncAction(() => t('ready.shareFailed'));
  const shareable = canShareFile(file);

  const save = () => {
    downloadFile(file);
    onHandedOver?.();
  };
  const share = () =>
    run(async () => {
      if (await shareFile(file)) onHandedOver?.();
    });

  return (
    <section className="file-ready" aria-labelledby="file-ready-title">
      <h2 id="file-ready-title" tabIndex={-1}>
        {t('ready.title')}
      </h2>
      <p>{t('ready.file', { name: file.name, size: formatSize(file.size) })}</p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={save}>
          {t('ready.save')}
        </button>
        {shareable && (
          <button type="button" className="button" onClick={() => void share()}>
            {t('ready.share')}
          </button>
        )}
      </div>
      <p className="hint">{t('ready.where')}</p>
      <ErrorAlert message={error} />
    </section>
  );
}
