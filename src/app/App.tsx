import { createBrowserRouter, RouterProvider } from 'react-router';
import { createAppVault } from '../core/vault/instance';
import { routes } from './routes';
import { VaultProvider } from './providers/VaultProvider';
import { DiaryProvider } from './providers/DiaryProvider';

const router = createBrowserRouter(routes);
// The app's one vault; screens reach it only through VaultProvider.
const vault = createAppVault();

export function App() {
  return (
    <VaultProvider vault={vault}>
      <DiaryProvider>
        <RouterProvider router={router} />
      </DiaryProvider>
    </VaultProvider>
  );
}
