// The fonts embedded in PDF reports. They are files of the app (served from its own origin),
// fetched only in the PDF worker when a report is made, and only for the scripts its text has:
// DejaVu Sans always (Latin with its diacritics, Greek, Cyrillic), a Noto font for each other
// script (see core/export/pdf/fontFamilies.ts). All are precached for offline use except the
// Chinese, Japanese and Korean fonts (5-10 MB each), which are kept after their first use; a
// report made offline without one names the characters it could not print on each entry.

import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import arabicUrl from '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf?url';
import arabicBoldUrl from '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf?url';
import hebrewUrl from '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf?url';
import hebrewBoldUrl from '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf?url';
import devanagariUrl from '@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf?url';
import devanagariBoldUrl from '@expo-google-fonts/noto-sans-devanagari/700Bold/NotoSansDevanagari_700Bold.ttf?url';
import bengaliUrl from '@expo-google-fonts/noto-sans-bengali/400Regular/NotoSansBengali_400Regular.ttf?url';
import bengaliBoldUrl from '@expo-google-fonts/noto-sans-bengali/700Bold/NotoSansBengali_700Bold.ttf?url';
import gurmukhiUrl from '@expo-google-fonts/noto-sans-gurmukhi/400Regular/NotoSansGurmukhi_400Regular.ttf?url';
import gurmukhiBoldUrl from '@expo-google-fonts/noto-sans-gurmukhi/700Bold/NotoSansGurmukhi_700Bold.ttf?url';
import gujaratiUrl from '@expo-google-fonts/noto-sans-gujarati/400Regular/NotoSansGujarati_400Regular.ttf?url';
import gujaratiBoldUrl from '@expo-google-fonts/noto-sans-gujarati/700Bold/NotoSansGujarati_700Bold.ttf?url';
import tamilUrl from '@expo-google-fonts/noto-sans-tamil/400Regular/NotoSansTamil_400Regular.ttf?url';
import tamilBoldUrl from '@expo-google-fonts/noto-sans-tamil/700Bold/NotoSansTamil_700Bold.ttf?url';
import sinhalaUrl from '@expo-google-fonts/noto-sans-sinhala/400Regular/NotoSansSinhala_400Regular.ttf?url';
import sinhalaBoldUrl from '@expo-google-fonts/noto-sans-sinhala/700Bold/NotoSansSinhala_700Bold.ttf?url';
import thaiUrl from '@expo-google-fonts/noto-sans-thai/400Regular/NotoSansThai_400Regular.ttf?url';
import thaiBoldUrl from '@expo-google-fonts/noto-sans-thai/700Bold/NotoSansThai_700Bold.ttf?url';
import chineseUrl from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';
import japaneseUrl from '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf?url';
import koreanUrl from '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf?url';
import emojiUrl from '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf?url';
import type { FontFamily } from '../../core/export/pdf/fontFamilies';
import type { FontFiles, ReportFontFiles } from '../../core/export/pdf/types';

/** Regular and bold; the very large fonts (and emoji) have one weight only, used for bold too. */
const FAMILY_URLS: Record<FontFamily, readonly [string, string?]> = {
  arabic: [arabicUrl, arabicBoldUrl],
  hebrew: [hebrewUrl, hebrewBoldUrl],
  devanagari: [devanagariUrl, devanagariBoldUrl],
  bengali: [bengaliUrl, bengaliBoldUrl],
  gurmukhi: [gurmukhiUrl, gurmukhiBoldUrl],
  gujarati: [gujaratiUrl, gujaratiBoldUrl],
  tamil: [tamilUrl, tamilBoldUrl],
  sinhala: [sinhalaUrl, sinhalaBoldUrl],
  thai: [thaiUrl, thaiBoldUrl],
  chinese: [chineseUrl],
  japanese: [japaneseUrl],
  korean: [koreanUrl],
  emoji: [emojiUrl],
};

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Font not available (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

async function familyFiles(family: FontFamily): Promise<FontFiles | null> {
  const [regular, bold] = FAMILY_URLS[family];
  try {
    const [regularBytes, boldBytes] = await Promise.all([fetchBytes(regular), bold ? fetchBytes(bold) : undefined]);
    return boldBytes ? { regular: regularBytes, bold: boldBytes } : { regular: regularBytes };
  } catch {
    // Offline before its first use (not precached), or gone: the report names what it lacks.
    return null;
  }
}

/** DejaVu Sans (a failure here fails the report) and the fonts of the given families that can be had. */
export async function loadReportFonts(families: readonly FontFamily[] = []): Promise<ReportFontFiles> {
  const [regular, bold, ...found] = await Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl), ...families.map(familyFiles)]);
  const files: ReportFontFiles = { regular, bold, families: {} };
  families.forEach((family, i) => {
    const given = found[i];
    if (given && files.families) files.families[family] = given;
  });
  return files;
}
