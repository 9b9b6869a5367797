import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedPackage } from '../../core/export/evidencePackage';
import { AttachmentCorruptError } from '../../core/store/attachments/errors';
import { AttachmentSourceContext, type AttachmentSource } from '../../shared/incident/attachments/attachmentSource';
import { formatMoment } from '../../shared/format/formatWhen';
import { FileReady } from '../../shared/files/FileReady';
import { asFile } from '../../shared/files/fileNames';
import { renderReport } from '../../shared/exportFiles/makeExport';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useLocale } from '../../shared/hooks/useLocale';
import { PassphraseInput } from '../../shared/ui/PassphraseInput';
import { FileButton } from '../../shared/ui/FileButton';

import { useVault } from '../../shared/vault/useVault';
import { needsPassphrase, openPackageFile, type OpenPackageProgress } from './openPackageFile';
import { isTaskCancelled } from '../../core/workers/runTask';
import { TaskProgress } from '../../shared/ui/TaskProgress';
import { useProgress, useTaskRunner, type ProgressSource } from '../../shared/ui/useTaskProgress';
import { PackageEntries } from './PackageEntries';
import { AdvocateSummary } from './AdvocateSummary';
import { SetAsideList } from '../../shared/files/SetAsideList';
import { NotCovered, VerificationResult } from './VerificationResult';
import { FingerprintCheck } from './FingerprintCheck';
import { exportVerified } from '../../core/export/verifyExport';
import { exhibitsOf } from '../../core/export/exhibits';
import { documentOrders } from '../../core/export/exportDocument';
import { PackageOrders } from './PackageOrders';
import { notPrivateNotes, privateNotesLeftOut } from './privateNotes';

/**
 * An advocate opens an evidence package (or a JSON export): read-only, in memory, apart from
 * any diary on this device. It is verified on opening and can be turned into the PDF report.
 */
export function OpenPackageScreen() {
  const { t, i18n } = useTranslation(['export', 'evidence', 'exhibits']);
  const { vault } = useVault();
  const errorMessage = useFileErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [askPassphrase, setAskPassphrase] = useState(true);
  // Whether the file chosen last needs a passphrase, once it has been looked at.
  const passphraseCheck = useRef<Promise<boolean>>(Promise.resolve(true));
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const [opened, setOpened] = useState<OpenedPackage | null>(null);
  const [report, setReport] = useState<File | null>(null);
  const [stopped, setStopped] = useState(false);
  const language = useLocale();
  const task = useTaskRunner<OpenPackageProgress>();
  const { cancel } = task;

  // Locking (by the Lock button, timeout or quick exit) closes the package too, or stops opening it.
  useEffect(
    () =>
      vault.session.onLock(() => {
        cancel();
        setOpened(null);
        setReport(null);
        setPassphrase('');
      }),
    [vault, cancel],
  );

  const source = useMemo<AttachmentSource | null>(
    () =>
      opened && {
        open: async (ref) => {
          const blob = opened.files.get(ref.id);
          if (!blob) throw new AttachmentCorruptError();
          return blob;
        },
        redrawnCopy: (ref) => {
          const found = opened.verification.coverage.redrawnFiles.find((file) => file.ref.id === ref.id);
          return found && { sha256: found.copySha256 };
        },
      },
    [opened],
  );

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setError(null);
    setStopped(false);
    const check = chosen ? needsPassphrase(chosen).catch(() => true) : Promise.resolve(true);
    passphraseCheck.current = check;
    const needs = await check;
    // A file chosen since wins: an earlier one's answer, arriving late, is not used.
    if (passphraseCheck.current === check) setAskPassphrase(needs);
  };

  const open = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStopped(false);
    if (!file) return setError(t('open.noFile'));
    // Open pressed before the chosen file was looked at: wait for that, rather than ask for a
    // passphrase a plain export does not need.
    if ((await passphraseCheck.current) && !passphrase) return setError(t('restore.noPassphrase'));
    await run(async () => {
      let package_: OpenedPackage;
      try {
        // Read and verified in a worker: the screen, and Quick exit, stay responsive meanwhile.
        package_ = await task.start((signal, onProgress) => openPackageFile(file, passphrase, { signal, onProgress }));
      } catch (caught) {
        // Stopped by the person (or by locking or leaving): not a failure, and nothing was opened.
        if (!isTaskCancelled(caught)) throw caught;
        setStopped(true);
        return;
      }
      setOpened(package_);
      setPassphrase('');
    });
  };

  const makeReport = async () => {
    if (!opened) return;
    await run(async () => {
      const files = opened.files;
      const loadFile = opened.document.scope.attachmentsIncluded
        ? async (ref: { id: string }) => {
            const blob = files.get(ref.id);
            if (!blob) throw new AttachmentCorruptError();
            return blob;
          }
        : null;
      // The cover then names the redrawn and left-out pictures, and shows each copy as a copy.
      const { redrawnFiles, withheldFiles } = opened.verification.coverage;
      const packageFiles = { redrawn: redrawnFiles, withheld: withheldFiles };
      // The maker's exhibit numbers, when the package records them (labels, shown as such).
      const exhibits = opened.exhibitInitials ? { exhibitInitials: opened.exhibitInitials } : {};
      setReport(asFile(await renderReport(opened.document, i18n, loadFile, { packageFiles, ...exhibits }), 'pdf', new Date()));
    });
  };

  /** Each file's exhibit, when the package records references that agree with its order. */
  const exhibits = useMemo(() => (opened ? exhibitsOf(opened.document, opened.exhibitInitials) : new Map<string, never>()), [opened]);
  const exhibitRange = useMemo(() => {
    const numbered = [...exhibits.values()];
    const first = numbered[0]?.reference;
    const last = numbered.at(-1)?.reference;
    return first && last ? { first, last } : null;
  }, [exhibits]);

  // Private notes are left out by Daybook unless chosen: not named as the sender's choice.
  const sendersOmitted = opened ? opened.document.scope.omittedFields.filter(notPrivateNotes) : [];

  const close = () => {
    setOpened(null);
    setReport(null);
    setFile(null);
  };

  return (
    <article className="screen">
      <h1>{t('open.title')}</h1>
      {!opened ? (
        <>
          <p className="lead">{t('open.lead')}</p>
          <p>{t('open.separate')}</p>
          <form onSubmit={(e) => void open(e)} noValidate>
            <div className="field">
              <FileButton label={t('open.file')} accept="" onFiles={([chosen]) => void choose(chosen ?? null)} />
              {file && (
                <p className="chosen-file">
                  {t('restore.chosen')} <bdi>{file.name}</bdi>
                </p>
              )}
            </div>
            {askPassphrase && <PassphraseInput label={t('open.passphrase')} value={passphrase} onChange={setPassphrase} />}
            <div className="button-row">
              <BusyButton type="submit" className="button primary" busy={busy} label={t('open.open')} busyLabel={t('open.opening')} />
            </div>
            {task.running && <OpenProgress source={task.source} onCancel={cancel} />}
            {stopped && (
              <p className="notice" role="status">
                {t('progress.cancelled')}
              </p>
            )}
          </form>
        </>
      ) : (
        <AttachmentSourceContext.Provider value={source}>
          <VerificationResult document={opened.document} verification={opened.verification} />
          <NotCovered document={opened.document} verification={opened.verification} />
          <SetAsideList records={opened.setAside} from="package" headingLevel={2} />
          <FingerprintCheck document={opened.document} verified={exportVerified(opened.verification)} />
          <section aria-labelledby="package-summary">
            <h2 id="package-summary">{t('open.summaryTitle')}</h2>
            <ul>
              <li>{t('open.generated', { moment: formatMoment(opened.document.generatedAt, language) })}</li>
              <li>{t('open.incidents', { count: opened.document.entries.length })}</li>
              {sendersOmitted.length > 0 && (
                <li>{t('open.omitted', { fields: sendersOmitted.map((f) => t(`omit.fields.${f}`)).join(', ') })}</li>
              )}
              {privateNotesLeftOut(opened.document.scope) && <li>{t('evidence:scope.privateNotes')}</li>}
              {opened.missingFiles.length > 0 && <li>{t('open.missingFiles', { count: opened.missingFiles.length })}</li>}
              {exhibitRange && <li>{t('exhibits:viewer.numbered', exhibitRange)}</li>}
            </ul>
            <div className="button-row">
              <BusyButton
                className="button primary"
                busy={busy}
                label={t('open.makePdf')}
                busyLabel={t('creating')}
                onClick={() => void makeReport()}
              />
              <button type="button" className="button" onClick={close}>
                {t('open.close')}
              </button>
            </div>
            {report && <FileReady file={report} />}
          </section>
          <AdvocateSummary document={opened.document} verification={opened.verification} />
          {documentOrders(opened.document).length > 0 && (
            <section aria-labelledby="package-orders">
              <h2 id="package-orders">{t('evidence:orders.title')}</h2>
              <p>{t('evidence:orders.intro')}</p>
              <PackageOrders
                orders={documentOrders(opened.document)}
                revisions={opened.verification.coverage.orderRevisions}
                exhibits={exhibits}
              />
            </section>
          )}
          <section aria-labelledby="package-entries">
            <h2 id="package-entries">{t('open.entriesTitle')}</h2>
            <PackageEntries
              entries={opened.document.entries}
              revisions={opened.verification.coverage.revisions}
              orders={documentOrders(opened.document)}
              exhibits={exhibits}
            />
          </section>
        </AttachmentSourceContext.Provider>
      )}
      <ErrorAlert message={error} />
    </article>
  );
}

/** Opening's progress: only this redraws as it moves. */
function OpenProgress({ source, onCancel }: { source: ProgressSource<OpenPackageProgress>; onCancel: () => void }) {
  const { t } = useTranslation('export');
  const progress = useProgress(source);
  return (
    <TaskProgress
      label={t(`progress.package.${progress?.phase ?? 'unlock'}`)}
      progress={progress && progress.total > 0 ? progress : null}
      onCancel={onCancel}
      cancelLabel={t('progress.cancelPackage')}
    />
  );
}
