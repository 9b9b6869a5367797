import { lazy, type ComponentType } from 'react';
import { DATABASE_NAME } from '../../core/store/schema';

// The lock screen's quick note: its component and the sealing code load after the lock screen
// (not part of the first screen's JavaScript); the sealing code only when a note is saved.
// If its code cannot be had (offline with no saved copy, as just after Erase everything), the
// lock screen works without it rather than failing as a whole.
export const QuickNote = lazy(async () => ({
  default: await import('../../features/inbox/QuickNote').then(
    (module) => module.QuickNote,
    (): ComponentType<{ save: (text: string) => Promise<string> }> => () => null,
  ),
}));

/** Seals a quick note into this device's diary with the time now (public key only, no Dexie). */
export async function saveQuickNote(text: string): Promise<string> {
  const { saveQuickNote: seal } = await import('../../core/inbox/lockedInbox');
  return seal(DATABASE_NAME, text, new Date());
}
