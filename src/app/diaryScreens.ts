import type { i18n as I18n } from 'i18next';
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

/**
 * The words the diary's first screen, the notices composed into it and the incident screen use,
 * besides 'common' (loaded at the start) and 'vault' (the lock screen's): loaded ahead with
 * their code (preloadUnlocked.ts). A namespace the incident screen starts to use must be added
 * here, or a tap on a row renders the route's loading line while the words load.
 */
export const DIARY_NAMESPACES = ['diary', 'chronology', 'orders', 'incident', 'export', 'inbox', 'capture', 'attachments'];

/** Whether the incident screen renders without waiting for anything: its code and every word it uses are here. */
export function incidentScreenReady(i18n: I18n): boolean {
  return incidentDetail.loaded() && ['common', 'vault', ...DIARY_NAMESPACES].every((namespace) => i18n.hasLoadedNamespace(namespace));
}
