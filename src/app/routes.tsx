import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { Shell } from './Shell';
import { NotFoundScreen } from './NotFoundScreen';
import { RouteError } from './RouteError';

// Screens behind the lock guard load through React.lazy rather than the router's `lazy`: the
// router fetches every matched route's code at once, which would download the diary while
// the lock screen is showing. React.lazy fetches only once the guard renders the screen.
const DiaryRoute = lazy(async () => ({ default: (await import('./composed/DiaryRoute')).DiaryRoute }));
const NewIncidentScreen = lazy(async () => ({ default: (await import('../features/diary/form/NewIncidentScreen')).NewIncidentScreen }));
const IncidentDetailScreen = lazy(async () => ({
  default: (await import('../features/diary/detail/IncidentDetailScreen')).IncidentDetailScreen,
}));
const ExportScreen = lazy(async () => ({ default: (await import('../features/export/ExportScreen')).ExportScreen }));
const BackupScreen = lazy(async () => ({ default: (await import('../features/backup/BackupScreen')).BackupScreen }));
const EditIncidentScreen = lazy(async () => ({ default: (await import('../features/diary/form/EditIncidentScreen')).EditIncidentScreen }));

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
              { index: true, element: <DiaryRoute /> },
              { path: 'incidents/new', element: <NewIncidentScreen /> },
              { path: 'incidents/:id', element: <IncidentDetailScreen /> },
              { path: 'incidents/:id/edit', element: <EditIncidentScreen /> },
              { path: 'export', element: <ExportScreen /> },
              { path: 'backup', element: <BackupScreen /> },
              {
                // Every setting (quick exit's destination, language, automatic lock) changes only
                // while unlocked: someone holding a locked phone must not be able to send quick
                // exit to a site they control. The locked state reads a stored copy.
                path: 'settings',
                lazy: async () => ({ Component: (await import('./composed/SettingsRoute')).SettingsRoute }),
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
            // Works without a diary and while locked: an advocate may have no diary here.
            path: 'package',
            lazy: async () => ({ Component: (await import('../features/evidencePackage/OpenPackageScreen')).OpenPackageScreen }),
          },
          {
            path: 'checklist',
            lazy: async () => ({ Component: (await import('../features/checklist/ChecklistScreen')).ChecklistScreen }),
          },
          { path: '*', element: <NotFoundScreen /> },
        ],
      },
    ],
  },
];
