import { createContext, useContext } from 'react';
import type { Preferences } from '../../core/prefs/preferences';

/** The device's preferences; the app provides them, tests can provide their own. */
export const PreferencesContext = createContext<Preferences | null>(null);

export function usePreferences(): Preferences {
  const preferences = useContext(PreferencesContext);
  if (!preferences) throw new Error('usePreferences needs the app to provide PreferencesContext');
  return preferences;
}
