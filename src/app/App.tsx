import { createBrowserRouter, RouterProvider } from 'react-router';
import { routes } from './routes';
import { VaultProvider } from '../features/vault/VaultProvider';
import { DiaryProvider } from '../features/diary/DiaryProvider';

const router = createBrowserRouter(routes);

export function App() {
  return (
    <VaultProvider>
      <DiaryProvider>
        <RouterProvider router={router} />
      </DiaryProvider>
    </VaultProvider>
  );
}
