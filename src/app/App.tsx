import { createBrowserRouter, RouterProvider } from 'react-router';
import { devicePreferences } from '../core/prefs/preferences';
import { createAppVault } from '../core/vault/instance';
import { PreferencesContext } from '../shared/prefs/usePreferences';
import { routes } from './routes';
import { VaultProvider } from './providers/VaultProvider';
import { DiaryProvider } from './providers/DiaryProvider';

const router = createBrowserRouter(routes);
// The app's one vault; screens reach it only through VaultProvider.
const vault = createAppVault();

export function App() {
  return (
    <PreferencesContext.Provider value={devicePreferences}>
      <VaultProvider vault={vault}>
        <DiaryProvider>
          <RouterProvider router={router} />
        </DiaryProvider>
      </VaultProvider>
    </PreferencesContext.Provider>
  );
}
