// Which fonts a report needs. DejaVu Sans (always embedded) prints Latin with its diacritics,
// Greek and Cyrillic; every other script a person may type has a Noto font of its own, loaded
// only when the report's text contains that script. The fonts themselves come in as bytes
// (shared/exportFiles/reportFonts.ts fetches them from the app's own origin).

export const FONT_FAMILIES = [
  'arabic',
  'hebrew',
  'devanagari',
  'bengali',
  'gurmukhi',
  'gujarati',
  'tamil',
  'sinhala',
  'thai',
  'chinese',
  'japanese',
  'korean',
  'emoji',
] as const;

export type FontFamily = (typeof FONT_FAMILIES)[number];

/** Characters that call for each family. Han also calls for Japanese when kana are present. */
const SCRIPTS: Record<FontFamily, RegExp> = {
  arabic: /\p{Script=Arabic}/u,
  hebrew: /\p{Script=Hebrew}/u,
  devanagari: /\p{Script=Devanagari}/u,
  bengali: /\p{Script=Bengali}/u,
  gurmukhi: /\p{Script=Gurmukhi}/u,
  gujarati: /\p{Script=Gujarati}/u,
  tamil: /\p{Script=Tamil}/u,
  sinhala: /\p{Script=Sinhala}/u,
  thai: /\p{Script=Thai}/u,
  chinese: /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u,
  japanese: /[\p{Script=Hiragana}\p{Script=Katakana}]/u,
  korean: /\p{Script=Hangul}/u,
  emoji: /\p{Extended_Pictographic}/u,
};

/** The families some character of `texts` belongs to, in FONT_FAMILIES order. */
export function familiesFor(texts: Iterable<string>): FontFamily[] {
  const found = new Set<FontFamily>();
  for (const text of texts) {
    // Most text is plain Latin: skip the per-script tests for it.
    // eslint-disable-next-line no-control-regex
    if (/^[\u0000-\u024f\u2000-\u206f]*$/.test(text)) continue;
    for (const family of FONT_FAMILIES) if (!found.has(family) && SCRIPTS[family].test(text)) found.add(family);
  }
  return FONT_FAMILIES.filter((family) => found.has(family));
}

/** The family to try first for a character (before DejaVu Sans and the rest), if any. */
export function preferredFamily(char: string): FontFamily | undefined {
  for (const family of FONT_FAMILIES) if (SCRIPTS[family].test(char)) return family;
  return undefined;
}

/** Every string in an export's entries (all versions, every field), for choosing fonts. */
export function* stringsIn(value: unknown, depth = 0): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (depth > 32 || value === null || typeof value !== 'object') return;
  else for (const item of Array.isArray(value) ? value : Object.values(value)) yield* stringsIn(item, depth + 1);
}
