import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { useLocation, useNavigate } from 'react-router';
import { browserTargets, eraseDeviceState, forgetDatabase, type DeviceEraseReport } from '../../core/device/eraseDeviceState';
import { usePreferences } from '../../shared/prefs/usePreferences';
import { useVault } from '../../shared/vault/useVault';
import { useVaultErrorMessage } from '../../shared/errors/useVaultErrorMessage';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

/**
 * What the set-up screen finds in the navigation state after an erase, to say what was cleared
 * and what Daybook cannot clear. Navigation state stays in memory (app/router): never stored.
 */
export interface ErasedState {
  erased: DeviceEraseReport;
}

/**
 * The notice the set-up screen shows after an erase comes in its own chunk (it is not part of
 * the first screen), with the settings namespace. Fetched as soon as this shows: the page may
 * not be served by the service worker (on a first visit) and the network may be gone by the
 * time the person erases.
 */
const loadNotice = (i18n: I18n) => Promise.all([import('./ErasedNotice').catch(() => undefined), i18n.loadNamespaces('settings')]);

/** Deletes the diary and everything in it, after two deliberate steps. */
export function EraseEverything() {
  const { t, i18n } = useTranslation('vault');
  const { vault } = useVault();
  const preferences = usePreferences();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const errorMessage = useVaultErrorMessage();
  const [step, setStep] = useState<'idle' | 'confirm'>('idle');
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useAsyncAction(errorMessage);
  const word = t('erase.word');

  useEffect(() => {
    void loadNotice(i18n);
  }, [i18n]);

  // Erasing ends on the set-up screen: it stays busy until then, and a failure replaces the last one.
  const erase = () =>
    run(
      async () => {
        // Loaded already (see above), unless that failed; erasing goes ahead without it.
        await loadNotice(i18n);
        // First what the browser keeps outside the diary: preferences change only while the
        // diary is unlocked, and the screen after the erase says what could not be cleared.
        const erased = await eraseDeviceState(browserTargets(preferences));
        // The same screen, carrying the report: once the diary is gone, the set-up screen shows
        // here and reads it. Nothing loads from the network afterwards, so this works offline.
        await navigate(pathname, { replace: true, state: { erased } satisfies ErasedState });
        await vault.erase();
        // The vault leaves an empty database behind; nothing named after Daybook should stay.
        // (The screen claims only that the diary is gone, which the vault's erase made true.)
        await forgetDatabase();
      },
      { keepError: true, busyAfterSuccess: true },
    );

  return (
    <div>
      <h3>{t('erase.title')}</h3>
      <p>{t('erase.body')}</p>
      {step === 'idle' ? (
        <button type="button" className="button danger" onClick={() => setStep('confirm')}>
          {t('erase.start')}
        </button>
      ) : (
        <div className="danger-zone" role="group" aria-labelledby="erase-confirm-title">
          <p id="erase-confirm-title" className="error">
            {t('erase.warning')}
          </p>
          <label htmlFor="erase-word">{t('erase.typeWord', { word })}</label>
          <input id="erase-word" type="text" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
          <div className="button-row">
            <button
              type="button"
              className="button danger"
              disabled={busy || typed.trim().toLocaleUpperCase() !== word.toLocaleUpperCase()}
              onClick={erase}
            >
              {t('erase.confirm')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setStep('idle');
                setTyped('');
              }}
            >
              {t('erase.cancel')}
            </button>
          </div>
          <ErrorAlert message={error} />
        </div>
      )}
    </div>
  );
}
