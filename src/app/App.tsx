import { createBrowserRouter, RouterProvider } from 'react-router';
import { routes } from './routes';
import { VaultProvider } from '../features/vault/VaultProvider';

const router = createBrowserRouter(routes);

export function App() {
  return (
    <VaultProvider>
      <RouterProvider router={router} />
    </VaultProvider>
  );
}
