import { createBrowserRouter, RouterProvider } from 'react-router';
import { routes } from './routes';
import { VaultProvider } from './providers/VaultProvider';
import { DiaryProvider } from './providers/DiaryProvider';

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
