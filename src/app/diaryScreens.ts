import { preloadableLazy } from '../shared/ui/preloadableLazy';

// The unlocked diary's first screen and the incident screen its rows open. The lock screen
// preloads them (preloadUnlocked.ts); once loaded they render without suspending, so the rows
// are not held behind the route's loading message after the keys open.
const diaryRoute = preloadableLazy(async () => (await import('./composed/DiaryRoute')).DiaryRoute);
const incidentDetail = preloadableLazy(async () => (await import('../features/diary/detail/IncidentDetailScreen')).IncidentDetailScreen);

export const DiaryRoute = diaryRoute.Component;
export const IncidentDetailScreen = incidentDetail.Component;

/** Loads each screen's code, one function per screen, so each can run in its own task. */
export const diaryScreenPreloads: ReadonlyArray<() => Promise<unknown>> = [diaryRoute.preload, incidentDetail.preload];
