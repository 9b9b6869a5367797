import { devicePreferences } from '../core/prefs/preferences';
import { createAppVault } from '../core/vault/instance';
import { PreferencesContext } from '../shared/prefs/usePreferences';
import { AppRoutes, preloadLockGuard, rendersAtOnce } from './routes';
import { VaultProvider } from './providers/VaultProvider';
import { DiaryProvider } from './providers/DiaryProvider';
import { AppRouter } from './router/AppRouter';
import { createRootOnlyHistory } from './router/rootOnlyHistory';
import { installPrivacyCover } from './privacyCover';

// The address bar and the browser's history show only "/" (see router/rootOnlyHistory.ts),
// from the moment the app's code runs.
const history = createRootOnlyHistory();
// The app's one vault; screens reach it only through VaultProvider.
const vault = createAppVault();
// Settings are read at any time (quick exit and help work while locked) but kept only while
// the diary is unlocked: whoever holds a locked phone cannot change where quick exit goes
// through Daybook. A copy changed in the browser's storage is set back from the vault at the
// next unlock, and the diary says so (see DiaryProvider).
devicePreferences.onlyWriteWhen(() => vault.session.unlocked);
// Hidden page (app switcher, another app): cover everything at once.
installPrivacyCover();

/**
 * Work for the first screen that need not wait for the language, started before it loads. The
 * promise settles when the lock guard's code is here (or failed to load: its route then says so).
 */
export function startFirstScreen(): Promise<void> {
  vault.readStateEarly();
  return preloadLockGuard().catch(() => undefined);
}

export function App() {
  return (
    <PreferencesContext.Provider value={devicePreferences}>
      <VaultProvider vault={vault}>
        <DiaryProvider>
          <AppRouter history={history} rendersAtOnce={rendersAtOnce}>
            <AppRoutes />
          </AppRouter>
        </DiaryProvider>
      </VaultProvider>
    </PreferencesContext.Provider>
  );
}
