import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { chosenOrderIds, EMPTY_SELECTION, selectEntries, summariseSelection } from '../../core/export/selection';
import type { ExportSelection, SharedFingerprint } from '../../core/export/exportDocument';
import { recipientLearns } from '../../core/export/recipientLearns';
import { useUnsavedInput } from '../../shared/hooks/unsavedInput';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { BusyButton } from '../../shared/ui/BusyButton';
import { Choice, Choices } from '../../shared/ui/Choice';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { NewPassphraseFields, useNewPassphrase } from '../../shared/ui/NewPassphraseFields';
import { useFormatSize } from '../../shared/format/useFormatSize';
import { FileReady } from '../../shared/files/FileReady';
import {
  makeExport,
  UNENCRYPTED_FORMATS,
  type ExportFormat,
  type MadeExport,
  type ExportProgress,
} from '../../shared/exportFiles/makeExport';
import { isTaskCancelled } from '../../core/workers/runTask';
import { TaskProgress } from '../../shared/ui/TaskProgress';
import { useProgress, useTaskRunner, type ProgressSource } from '../../shared/ui/useTaskProgress';
import { SelectionFields } from './SelectionFields';
import { useFileErrorMessage } from '../../shared/errors/useFileErrorMessage';
import { useExportSources } from './useExportSources';
import { RecipientLearns } from './RecipientLearns';
import { ExhibitInitials } from './ExhibitInitials';
import { parseExhibitInitials } from '../../core/export/exhibits';
import './export.css';

const FORMATS: readonly ExportFormat[] = ['pdf', 'csv', 'json', 'package'];

/** Choose what to export and in which format, see what will go out, then save or share it. */
export function ExportScreen() {
  // 'tasks' and 'exhibits' load with the screen, so the progress bar and the initials field never
  // wait for their strings.
  const { t, i18n } = useTranslation(['export', 'tasks', 'exhibits']);
  const { diary, attachments, checklists } = useExportSources();
  const { size: formatSize } = useFormatSize();
  const errorMessage = useFileErrorMessage();
  const entries = useMemo(() => diary.snapshot?.entries ?? [], [diary.snapshot]);
  const [selection, setSelection] = useState<ExportSelection>(EMPTY_SELECTION);
  const [picking, setPicking] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [understood, setUnderstood] = useState(false);
  /** Initials for exhibit numbers, as typed (checked when the file is made). */
  const [initials, setInitials] = useState('');
  const [savedChecklists, setSavedChecklists] = useState(0);
  /** Fingerprints shared before: null until read (an export proves it carries on from each). */
  const [fingerprints, setFingerprints] = useState<readonly SharedFingerprint[] | null>(null);
  const { busy, error, setError, run } = useAsyncAction(errorMessage);
  const [submitted, setSubmitted] = useState(false);
  const [made, setMade] = useState<MadeExport | null>(null);
  const passphrase = useNewPassphrase();
  const readyHeading = useRef<HTMLDivElement>(null);
  const task = useTaskRunner<ExportProgress>();
  const [cancelled, setCancelled] = useState(false);
  const cancelledNote = useRef<HTMLParagraphElement>(null);
  useUnsavedInput(passphrase.passphrase.length > 0);

  useEffect(() => {
    let current = true;
    checklists
      .list()
      .then((list) => current && setSavedChecklists(list.length))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [checklists]);

  useEffect(() => {
    let current = true;
    diary.stores.fingerprints
      .list()
      .then((list) => current && setFingerprints(list))
      // Unreadable: the export itself will fail to read them too and say so; nothing to show here.
      .catch(() => current && setFingerprints(null));
    return () => {
      current = false;
    };
  }, [diary.stores.fingerprints]);

  // Single incidents are picked from those matching the dates and behaviours.
  const matching = useMemo(() => selectEntries(entries, { ...selection, entryIds: [] }), [entries, selection]);
  const effective = useMemo<ExportSelection>(() => {
    const ids = new Set(matching.map((e) => e.id));
    return { ...selection, entryIds: picking ? selection.entryIds.filter((id) => ids.has(id)) : [] };
  }, [selection, picking, matching]);
  // Worked out again only when the choice changes, not on every keystroke in the passphrase.
  const chosen = useMemo(() => {
    const picked = new Set(effective.entryIds);
    return picking ? matching.filter((e) => picked.has(e.id)) : matching;
  }, [effective, picking, matching]);
  const summary = useMemo(() => {
    const links = diary.records().map((record) => record.link);
    return summariseSelection(
      chosen,
      diary.history,
      effective,
      chosenOrderIds({ links, entries: chosen, history: diary.history }, effective),
    );
  }, [diary, chosen, effective]);
  // The diary context is a new value whenever the diary changes, so this follows every save.
  const learns = useMemo(
    () =>
      fingerprints &&
      recipientLearns(
        { links: diary.records().map((record) => record.link), entries: chosen, history: diary.history, fingerprints },
        effective,
      ),
    [diary, chosen, fingerprints, effective],
  );
  const unencrypted = UNENCRYPTED_FORMATS.has(format);
  /** PDF reports embed pictures and packages carry files; CSV and JSON only list them. */
  const carriesFiles = format === 'pdf' || format === 'package';
  /** Exhibit numbers are for files that go out with the export: offered only then. */
  const numbersFiles = carriesFiles && effective.includeAttachments && summary.files > 0;
  const exhibitInitials = parseExhibitInitials(initials);

  const change = (next: ExportSelection) => {
    setSelection(next);
    setMade(null);
  };

  useEffect(() => {
    if (made) readyHeading.current?.querySelector('h2')?.focus();
  }, [made]);

  // Cancel goes away with the progress bar: focus moves to what happened instead.
  useEffect(() => {
    if (cancelled) cancelledNote.current?.focus();
  }, [cancelled]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (summary.incidents === 0) return;
    if (unencrypted && !understood) return;
    if (numbersFiles && !exhibitInitials.ok) {
      // The message is by the field, maybe out of view on a small screen: take the person there.
      document.getElementById('export-exhibit-initials')?.focus();
      return;
    }
    if (format === 'package' && (await passphrase.check())) return;
    setMade(null);
    setCancelled(false);
    await run(async () => {
      try {
        const file = await task.start((signal, onProgress) =>
          makeExport({ diary, entries, attachments, checklists }, effective, format, i18n, passphrase.passphrase, new Date(), {
            signal,
            onProgress,
            ...(numbersFiles && exhibitInitials.ok && exhibitInitials.initials ? { exhibitInitials: exhibitInitials.initials } : {}),
          }),
        );
        setMade(file);
      } catch (caught) {
        // Stopped on purpose: not a failure, and nothing was made.
        if (!isTaskCancelled(caught)) throw caught;
        setCancelled(true);
      }
    });
  };

  return (
    <article className="screen">
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <p>
        <Link to="/backup">{t('backupLink')}</Link>
      </p>
      <form onSubmit={create} noValidate>
        <h2>{t('choose')}</h2>
        <SelectionFields
          selection={selection}
          format={format}
          onChange={change}
          matching={matching}
          picking={picking}
          onPickingChange={(next) => {
            setPicking(next);
            setMade(null);
          }}
          savedChecklists={savedChecklists}
          savedOrders={diary.snapshot?.orders.length ?? 0}
        />
        <p className="export-summary" aria-live="polite">
          {summary.incidents === 0
            ? t('summary.none')
            : effective.includeAttachments && summary.files === 0
              ? t('summary.noFiles', { incidents: t('summary.incidents', { count: summary.incidents }) })
              : effective.includeAttachments && !carriesFiles
                ? t('summary.listedFiles', { incidents: t('summary.incidents', { count: summary.incidents }) })
                : effective.includeAttachments
                  ? t('summary.withFiles', {
                      incidents: t('summary.incidents', { count: summary.incidents }),
                      files: t('summary.files', { count: summary.files }),
                      size: formatSize(summary.fileBytes),
                    })
                  : t('summary.withoutFiles', { incidents: t('summary.incidents', { count: summary.incidents }) })}
        </p>
        {submitted && summary.incidents === 0 && (
          <p className="error" role="alert">
            {t('summary.noneError')}
          </p>
        )}

        <fieldset>
          <legend>{t('format.legend')}</legend>
          <Choices
            type="radio"
            name="export-format"
            options={FORMATS}
            isChecked={(f) => format === f}
            onChange={(f) => {
              setFormat(f);
              setMade(null);
            }}
            label={(f) => (
              <span>
                {t(`format.${f}.label`)}
                <span className="hint"> {t(`format.${f}.hint`)}</span>
              </span>
            )}
          />
        </fieldset>

        {numbersFiles && (
          <ExhibitInitials
            value={initials}
            onChange={(next) => {
              setInitials(next);
              setMade(null);
            }}
            files={summary.files}
            showError={submitted}
          />
        )}

        {learns && summary.incidents > 0 && <RecipientLearns learns={learns} format={format} />}

        {unencrypted ? (
          <div className="warning">
            <p>{t('warning.body')}</p>
            <Choice type="checkbox" checked={understood} onChange={setUnderstood}>
              {t('warning.understood')}
            </Choice>
            {submitted && !understood && (
              <p className="error" role="alert">
                {t('warning.required')}
              </p>
            )}
          </div>
        ) : (
          <>
            <p>{t('package.passphraseIntro')}</p>
            <NewPassphraseFields state={passphrase} showErrors={submitted} />
          </>
        )}

        <div className="button-row">
          <BusyButton type="submit" className="button primary" busy={busy} label={t('create')} busyLabel={t('creating')} />
        </div>
      </form>
      {task.running && <ExportProgress source={task.source} onCancel={task.cancel} />}
      {cancelled && (
        <p className="hint" role="status" tabIndex={-1} ref={cancelledNote}>
          {t('tasks:cancelled')}
        </p>
      )}
      <ErrorAlert message={error} />
      <div ref={readyHeading}>{made && <FileReady file={made.file} />}</div>
      {made && made.damagedFiles.length > 0 && (
        <p className="warning" role="status">
          {t('damagedFiles', { count: made.damagedFiles.length })}
        </p>
      )}
    </article>
  );
}

/** The export's progress bar: the only part of the screen that redraws as the file is made. */
function ExportProgress({ source, onCancel }: { source: ProgressSource<ExportProgress>; onCancel: () => void }) {
  const { t } = useTranslation(['export', 'tasks']);
  const progress = useProgress(source);
  return <TaskProgress label={progressLabel(progress, t)} progress={counted(progress)} onCancel={onCancel} />;
}

/** What is being done now: a PDF's phase, a package's records or files, or just "Creating…". */
function progressLabel(progress: ExportProgress | null, t: TFunction<['export', 'tasks']>): string {
  switch (progress?.phase) {
    case 'building':
    case 'checking':
    case 'drawing':
      return t(`tasks:pdf.${progress.phase}`);
    case 'records':
    case 'files':
      return t(`progress.make.${progress.phase}`);
    default:
      return t('creating');
  }
}

/** Only steps that are counted show a count (a PDF's gathering and checking are not). */
function counted(progress: ExportProgress | null): ExportProgress | null {
  if (!progress || progress.total <= 0) return null;
  return progress.phase === 'drawing' || progress.phase === 'records' || progress.phase === 'files' ? progress : null;
}
