import { lazy } from 'react';
import i18next from 'i18next';
import { matchPath, useRoutes, type RouteObject } from 'react-router';
import { preloadableLazy } from '../shared/ui/preloadableLazy';
import { Shell } from './Shell';
import { DiaryRoute, IncidentDetailScreen, incidentScreenReady } from './diaryScreens';
import { NotFoundScreen } from './NotFoundScreen';
import { RouteErrorBoundary } from './RouteErrorBoundary';

// Every screen but the shell loads through React.lazy when it is first shown, so the first
// screen downloads only the shell, the lock guard and the lock or set-up screen. While the lock
// screen shows, the diary's screens may load their code and words (preloadUnlocked.ts), never
// any of the diary: they render only once the guard lets them through.
const lockGuard = preloadableLazy(async () => (await import('./LockGuard')).LockGuard);
const LockGuard = lockGuard.Component;

/**
 * Every start shows the lock guard (set-up or lock screen), so its code can be fetched while the
 * language loads rather than after the shell has rendered. A failure is the caller's to ignore:
 * the guard's own load tries once more, and a failure there shows the route's error.
 */
export const preloadLockGuard = lockGuard.preload;

const NewIncidentScreen = lazy(async () => ({ default: (await import('../features/diary/form/NewIncidentScreen')).NewIncidentScreen }));
const ExportScreen = lazy(async () => ({ default: (await import('../features/export/ExportScreen')).ExportScreen }));
const ChronologyScreen = lazy(async () => ({ default: (await import('../features/chronology/ChronologyScreen')).ChronologyScreen }));
const BackupScreen = lazy(async () => ({ default: (await import('../features/backup/BackupScreen')).BackupScreen }));
const EditIncidentScreen = lazy(async () => ({ default: (await import('../features/diary/form/EditIncidentScreen')).EditIncidentScreen }));
const SettingsRoute = lazy(async () => ({ default: (await import('./composed/SettingsRoute')).SettingsRoute }));
const HomeScreen = lazy(async () => ({ default: (await import('../features/home/HomeScreen')).HomeScreen }));
const HelpScreen = lazy(async () => ({ default: (await import('../features/help/HelpScreen')).HelpScreen }));
const TechSafetyScreen = lazy(async () => ({ default: (await import('../features/help/TechSafetyScreen')).TechSafetyScreen }));
const WhatCanIDoScreen = lazy(async () => ({ default: (await import('../features/help/WhatCanIDoScreen')).WhatCanIDoScreen }));
const OpenPackageScreen = lazy(async () => ({
  default: (await import('../features/evidencePackage/OpenPackageScreen')).OpenPackageScreen,
}));
const RecordRoute = lazy(async () => ({ default: (await import('./composed/RecordRoute')).RecordRoute }));
const OrdersScreen = lazy(async () => ({ default: (await import('../features/orders/OrdersScreen')).OrdersScreen }));
const NewOrderScreen = lazy(async () => ({ default: (await import('../features/orders/OrderFormScreens')).NewOrderScreen }));
const EditOrderScreen = lazy(async () => ({ default: (await import('../features/orders/OrderFormScreens')).EditOrderScreen }));
const OrderDetailScreen = lazy(async () => ({ default: (await import('../features/orders/OrderDetailScreen')).OrderDetailScreen }));
const ChecklistScreen = lazy(async () => ({ default: (await import('../features/checklist/ChecklistScreen')).ChecklistScreen }));

const INCIDENT_PATH = 'incidents/:id';
const NEW_INCIDENT = 'new';

/** Every screen of the app. Screens are separate chunks, all precached for offline use. */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      {
        element: <RouteErrorBoundary />,
        children: [
          {
            element: <LockGuard />,
            children: [
              { index: true, element: <DiaryRoute /> },
              { path: `incidents/${NEW_INCIDENT}`, element: <NewIncidentScreen /> },
              { path: INCIDENT_PATH, element: <IncidentDetailScreen /> },
              { path: 'incidents/:id/edit', element: <EditIncidentScreen /> },
              { path: 'orders', element: <OrdersScreen /> },
              { path: 'orders/new', element: <NewOrderScreen /> },
              { path: 'orders/:id', element: <OrderDetailScreen /> },
              { path: 'orders/:id/edit', element: <EditOrderScreen /> },
              { path: 'export', element: <ExportScreen /> },
              { path: 'chronology', element: <ChronologyScreen /> },
              { path: 'backup', element: <BackupScreen /> },
              // Started unlocked; the recording itself goes on if the diary locks (core/capture).
              { path: 'record', element: <RecordRoute /> },
              // Every setting (quick exit's destination, language, automatic lock) changes only
              // while unlocked: someone holding a locked phone must not be able to send quick
              // exit to a site they control. The locked state reads a stored copy.
              { path: 'settings', element: <SettingsRoute /> },
            ],
          },
          { path: 'about', element: <HomeScreen /> },
          { path: 'help', element: <HelpScreen /> },
          { path: 'help/tech-safety', element: <TechSafetyScreen /> },
          { path: 'help/what-can-i-do', element: <WhatCanIDoScreen /> },
          // Works without a diary and while locked: an advocate may have no diary here.
          { path: 'package', element: <OpenPackageScreen /> },
          { path: 'checklist', element: <ChecklistScreen /> },
          { path: '*', element: <NotFoundScreen /> },
        ],
      },
    ],
  },
];

/** The screen for the current address, inside the router (see router/AppRouter.tsx). */
export function AppRoutes() {
  return useRoutes(routes);
}

/**
 * Whether the screen at `pathname` renders without waiting for code or words: the incident
 * screen the diary's rows open, once loaded ahead (preloadUnlocked.ts). The router renders a
 * navigation to it in the tap's own task (see router/AppRouter.tsx). Only this screen: its
 * render is one incident's, where the diary's own screen (Back from it) builds the timeline of
 * every incident, kept in a transition's short slices. One pattern is matched, not the whole
 * table: this runs on every navigation.
 */
export function rendersAtOnce(pathname: string): boolean {
  if (!lockGuard.loaded()) return false;
  const incident = matchPath(`/${INCIDENT_PATH}`, pathname);
  // "/incidents/new" is the new-incident screen, ranked above the pattern in the table (which,
  // like matchPath, ignores case and reads the id decoded).
  return incident !== null && incident.params.id?.toLowerCase() !== NEW_INCIDENT && incidentScreenReady(i18next);
}
