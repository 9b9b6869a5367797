import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { devicePreferences } from '../core/prefs/preferences';
import { DEFAULT_LANGUAGE, LANGUAGES, toSupportedLanguage, type LanguageCode } from './languages';

/**
 * The language to start in: the person's own choice on this device, else the first of the
 * browser's languages that Daybook ships, else English. (A detector library cost 2 KB of the
 * first screen for these few lines.)
 */
function startingLanguage(): LanguageCode {
  const chosen = devicePreferences.read('language');
  if (chosen) return toSupportedLanguage(chosen);
  const shipped = new Set<string>(LANGUAGES.map((l) => l.code.toLowerCase().split('-')[0] ?? ''));
  const tags = typeof navigator === 'undefined' ? [] : navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  const match = tags.find((tag) => shipped.has(tag.toLowerCase().split('-')[0] ?? ''));
  return toSupportedLanguage(match);
}

/** Keeps <html lang dir> in step with the language, so screen readers and RTL layout follow. */
function applyToDocument(lng: string): void {
  const root = document.documentElement;
  root.lang = lng;
  root.dir = i18next.dir(lng);
}

/**
 * Starts i18next. Each language's namespaces are separate chunks, loaded on demand and
 * precached by the service worker: at start-up, the chosen language's and (as its fallback)
 * English's.
 */
export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', applyToDocument);
  await i18next
    .use(
      resourcesToBackend(
        (lng: string, ns: string) => import(`./locales/${lng}/${ns}.json`) as Promise<{ default: Record<string, unknown> }>,
      ),
    )
    .use(initReactI18next)
    .init({
      lng: startingLanguage(),
      supportedLngs: LANGUAGES.map((l) => l.code),
      fallbackLng: DEFAULT_LANGUAGE,
      load: 'currentOnly',
      ns: ['common'],
      defaultNS: 'common',
      fallbackNS: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: true },
    });
  applyToDocument(i18next.resolvedLanguage ?? DEFAULT_LANGUAGE);
  return i18next;
}

/** The user's manual choice: switch and remember it on this device. */
export async function chooseLanguage(code: LanguageCode): Promise<void> {
  devicePreferences.write('language', code);
  // Load every namespace in use first, so the screen switches in one step without a spinner.
  await i18next.loadLanguages(code);
  await i18next.changeLanguage(code);
}
