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
            lazy: async () => ({ Component: (await import('./LockGuard')).LockGuard }),
            children: [
              {
                index: true,
                lazy: async () => ({ Component: (await import('../features/diary/DiaryScreen')).DiaryScreen }),
              },
              {
                path: 'incidents/new',
                lazy: async () => ({ Component: (await import('../features/diary/form/NewIncidentScreen')).NewIncidentScreen }),
              },
              {
                path: 'incidents/:id',
                lazy: async () => ({ Component: (await import('../features/diary/detail/IncidentDetailScreen')).IncidentDetailScreen }),
              },
              {
                path: 'incidents/:id/edit',
                lazy: async () => ({ Component: (await import('../features/diary/form/EditIncidentScreen')).EditIncidentScreen }),
              },
            ],
          },
          {
            path: 'about',
            lazy: async () => ({ Component: (await import('../features/home/HomeScreen')).HomeScreen }),
          },
          {
            path: 'help',
            lazy: async () => ({ Component: (await import('../features/help/HelpScreen')).HelpScreen }),
          },
          {
            path: 'help/tech-safety',
            lazy: async () => ({ Component: (await import('../features/help/TechSafetyScreen')).TechSafetyScreen }),
          },
          {
            path: 'help/what-can-i-do',
            lazy: async () => ({ Component: (await import('../features/help/WhatCanIDoScreen')).WhatCanIDoScreen }),
          },
          {
            path: 'checklist',
            lazy: async () => ({ Component: (await import('../features/checklist/ChecklistScreen')).ChecklistScreen }),
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
