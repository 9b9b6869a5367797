import { lazy, Suspense, useRef, useState, type ComponentType, type FormEvent, type Ref } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PendingVault, Vault } from '../../core/vault/vault';
import { requestPersistentStorage } from '../../core/vault/storagePersistence';
import { NewPassphraseFields, useNewPassphrase } from '../../shared/ui/NewPassphraseFields';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useUnsavedInput } from '../../shared/hooks/unsavedInput';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useStoppable } from '../../shared/hooks/useStoppable';
import { BusyButton } from '../../shared/ui/BusyButton';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import type { CheckedBackup } from '../../core/backup/checkBackup';
import type { FileErrorCode } from '../../core/export/fileErrorCode';
import { Loading } from '../../shared/ui/Loading';
import type { ErasedState } from './EraseEverything';

/** What set-up needs to start from a backup; the backup feature provides it, the app composes it in. */
export interface StartFromBackup {
  /** The step that picks a backup file and checks it in full. */
  Step: ComponentType<{
    backup: CheckedBackup | null;
    onChecked: (backup: CheckedBackup | null) => void;
    onContinue: () => void;
    onBack: () => void;
  }>;
  /** Fills the vault created a moment ago from the checked backup; says why it failed, or null. */
  restore: (backup: CheckedBackup, vault: Vault) => Promise<FileErrorCode | null>;
  /**
   * Where that restore shows its progress and Stop: mounted on the recovery-key step, started
   * from the person's click through its handle ('stopped': the new vault is whole and empty).
   */
  Restoring: ComponentType<{ ref: Ref<BackupRestorer> }>;
}

/** The handle of StartFromBackup.Restoring. */
export interface BackupRestorer {
  restore: (backup: CheckedBackup, vault: Vault) => Promise<FileErrorCode | 'stopped' | null>;
}

type Step = 'intro' | 'backup' | 'passphrase' | 'recovery';

// Only after an erase, by then already loaded (see EraseEverything): not part of the first screen.
// If its code cannot be had (offline, no saved copy), the set-up screen still works, without it.
const ErasedNotice = lazy(async () => ({
  default: await import('./ErasedNotice').then(
    (module) => module.ErasedNotice,
    (): ComponentType<{ report: ErasedState['erased'] }> => () => null,
  ),
}));

/** First run: what Daybook keeps, a passphrase, and the recovery key shown once. */
export function SetupScreen({ startFromBackup }: { startFromBackup?: StartFromBackup }) {
  const { t } = useTranslation('vault');
  const { vault } = useVault();
  const navigate = useNavigate();
  const errorMessage = useVaultErrorMessage();
  const [step, setStep] = useState<Step>('intro');
  const [pending, setPending] = useState<PendingVault | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, run } = useAsyncAction(errorMessage);
  /** Set when starting from a backup: checked first, restored once the vault exists. */
  const [backup, setBackup] = useState<CheckedBackup | null>(null);
  const restorer = useRef<BackupRestorer | null>(null);
  const passphrase = useNewPassphrase();
  // Set by EraseEverything; navigation state lives in memory only (app/router), never in the URL.
  const erased = (useLocation().state as Partial<ErasedState> | null)?.erased;
  useUnsavedInput(step !== 'intro' && (passphrase.passphrase.length > 0 || pending !== null));

  /** Making the keys (Argon2id, seconds on a slow phone) under way, for Stop; a stop stores nothing. */
  const creating = useStoppable(run);

  const choosePassphrase = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    creating.setStopped(false);
    if (await passphrase.check()) return;
    await creating.start(async (signal) => {
      setPending(await vault.prepare(passphrase.passphrase, { signal }));
      setStep('recovery');
    });
  };

  const openDiary = async () => {
    if (!pending) return;
    // Asked now, while the click still counts as the person's own action, and never waited for:
    // some browsers answer only once the person answers their prompt, which may be never.
    // Settings shows the answer and how to ask again.
    void requestPersistentStorage();
    await run(async () => {
      const restore: { outcome?: Awaited<ReturnType<BackupRestorer['restore']>> } = {};
      // The vault announces itself unlocked (and this screen goes) once the restore is done.
      await pending.commit(async () => {
        if (!backup || !startFromBackup) return;
        // Without its progress view (its code not loaded yet), restore all the same.
        restore.outcome = restorer.current ? await restorer.current.restore(backup, vault) : await startFromBackup.restore(backup, vault);
      });
      // The diary exists now, so this screen is gone: say on the backup screen what happened.
      if (restore.outcome === 'stopped') await navigate('/backup', { state: { restoreStopped: true } });
      else if (restore.outcome) await navigate('/backup', { state: { restoreFailed: restore.outcome } });
    });
  };

  return (
    <article className="screen">
      <h1>{t('setup.title')}</h1>
      {step === 'intro' && (
        <>
          {erased && (
            <Suspense fallback={null}>
              <ErasedNotice report={erased} />
            </Suspense>
          )}
          <p className="lead">{t('setup.lead')}</p>
          <h2>{t('setup.keeps.title')}</h2>
          <ul>
            <li>{t('setup.keeps.onDevice')}</li>
            <li>{t('setup.keeps.encrypted')}</li>
            <li>{t('setup.keeps.neverLeaves')}</li>
          </ul>
          <h2>{t('setup.passphrase.title')}</h2>
          <p>{t('setup.passphrase.body')}</p>
          <p className="notice">{t('setup.passphrase.forgotten')}</p>
          <h2>{t('setup.monitored.title')}</h2>
          <p>
            {t('setup.monitored.body')} <Link to="/help/tech-safety">{t('setup.monitored.link')}</Link>
          </p>
          <div className="button-row">
            <button type="button" className="button primary" onClick={() => setStep('passphrase')}>
              {t('setup.start')}
            </button>
            {startFromBackup && (
              <button type="button" className="button" onClick={() => setStep('backup')}>
                {t('setup.fromBackup')}
              </button>
            )}
          </div>
          <p>
            {t('setup.advocate')} <Link to="/package">{t('setup.openPackage')}</Link>
          </p>
        </>
      )}
      {step === 'backup' && startFromBackup && (
        <Suspense fallback={<Loading />}>
          <startFromBackup.Step
            backup={backup}
            onChecked={setBackup}
            onContinue={() => setStep('passphrase')}
            onBack={() => {
              setBackup(null);
              setStep('intro');
            }}
          />
        </Suspense>
      )}
      {step === 'passphrase' && (
        <form onSubmit={choosePassphrase} noValidate>
          <h2>{t('setup.choose.title')}</h2>
          <p>{t('setup.choose.body')}</p>
          <p>{t('setup.choose.notSaved')}</p>
          <NewPassphraseFields state={passphrase} showErrors={submitted} />
          <div className="button-row">
            <BusyButton type="submit" className="button primary" busy={busy} label={t('setup.create')} busyLabel={t('setup.creating')} />
            {busy && (
              <button type="button" className="button" onClick={creating.stop}>
                {t('unlock.stop')}
              </button>
            )}
            <button type="button" className="button" onClick={() => setStep(backup ? 'backup' : 'intro')} disabled={busy}>
              {t('setup.back')}
            </button>
          </div>
          {creating.stopped && !busy && (
            <p className="hint" role="status">
              {t('setup.stopped')}
            </p>
          )}
        </form>
      )}
      {step === 'recovery' && pending && (
        <>
          <RecoveryKeyPanel recoveryKey={pending.recoveryKey} busy={busy} continueLabel={t('setup.openDiary')} onConfirmed={openDiary} />
          {backup && startFromBackup && (
            <Suspense fallback={null}>
              <startFromBackup.Restoring ref={restorer} />
            </Suspense>
          )}
        </>
      )}
      <ErrorAlert message={error} />
    </article>
  );
}
