/**
 * Languages Daybook ships. Each needs a complete set of files under locales/<code>/.
 * `reviewed` is true only once a native speaker has reviewed the whole translation; until then
 * the language list says so, in that language (`unreviewed`), and the README lists the status.
 */
export const LANGUAGES = [
  { code: 'en-GB', nativeName: 'English', reviewed: true, unreviewed: '' },
  { code: 'cy', nativeName: 'Cymraeg', reviewed: false, unreviewed: 'Nid yw siaradwr brodorol wedi adolygu’r cyfieithiad eto' },
  {
    code: 'pl',
    nativeName: 'Polski',
    reviewed: false,
    unreviewed: 'Tłumaczenie nie zostało jeszcze sprawdzone przez rodzimego użytkownika języka',
  },
  { code: 'ro', nativeName: 'Română', reviewed: false, unreviewed: 'Traducere încă neverificată de un vorbitor nativ' },
  { code: 'pa', nativeName: 'ਪੰਜਾਬੀ', reviewed: false, unreviewed: 'ਇਸ ਅਨੁਵਾਦ ਦੀ ਅਜੇ ਕਿਸੇ ਮਾਂ-ਬੋਲੀ ਵਾਲੇ ਵੱਲੋਂ ਜਾਂਚ ਨਹੀਂ ਹੋਈ' },
  { code: 'ur', nativeName: 'اردو', reviewed: false, unreviewed: 'اس ترجمے کا ابھی کسی اہلِ زبان نے جائزہ نہیں لیا' },
  { code: 'ar', nativeName: 'العربية', reviewed: false, unreviewed: 'لم يراجع هذه الترجمة متحدث أصلي بعد' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANGUAGE: LanguageCode = 'en-GB';

/** Maps whatever the browser reports (cy-GB, en-US, fr) onto a shipped language. */
export function toSupportedLanguage(tag: string | null | undefined): LanguageCode {
  const lower = (tag ?? '').toLowerCase();
  const exact = LANGUAGES.find((l) => l.code.toLowerCase() === lower);
  if (exact) return exact.code;
  const base = lower.split('-')[0];
  const sameBase = LANGUAGES.find((l) => l.code.toLowerCase().split('-')[0] === base);
  return sameBase?.code ?? DEFAULT_LANGUAGE;
}
