import type { RouteObject } from 'react-router';
import { Shell } from './Shell';
import { NotFoundScreen } from './NotFoundScreen';
import { RouteError } from './RouteError';

/** Every screen of the app. Screens are separate chunks, all precached for offline use. */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../features/home/HomeScreen')).HomeScreen }),
          },
          {
            path: 'settings',
            lazy: async () => ({ Component: (await import('../features/settings/SettingsScreen')).SettingsScreen }),
          },
          { path: '*', element: <NotFoundScreen /> },
        ],
      },
    ],
  },
];
