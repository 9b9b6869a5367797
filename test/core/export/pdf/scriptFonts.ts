// The report's fonts as the tests load them: from node_modules, the files the app's build serves
// (see src/shared/exportFiles/reportFonts.ts, which names the same files).

import { readFileSync } from 'node:fs';
import type { FontFamily } from '../../../../src/core/export/pdf/fontFamilies';
import type { ReportFontFiles } from '../../../../src/core/export/pdf/types';

const NOTO: Record<FontFamily, { dir: string; name: string; bold: boolean }> = {
  arabic: { dir: 'noto-naskh-arabic', name: 'NotoNaskhArabic', bold: true },
  hebrew: { dir: 'noto-sans-hebrew', name: 'NotoSansHebrew', bold: true },
  devanagari: { dir: 'noto-sans-devanagari', name: 'NotoSansDevanagari', bold: true },
  bengali: { dir: 'noto-sans-bengali', name: 'NotoSansBengali', bold: true },
  gurmukhi: { dir: 'noto-sans-gurmukhi', name: 'NotoSansGurmukhi', bold: true },
  gujarati: { dir: 'noto-sans-gujarati', name: 'NotoSansGujarati', bold: true },
  tamil: { dir: 'noto-sans-tamil', name: 'NotoSansTamil', bold: true },
  sinhala: { dir: 'noto-sans-sinhala', name: 'NotoSansSinhala', bold: true },
  thai: { dir: 'noto-sans-thai', name: 'NotoSansThai', bold: true },
  chinese: { dir: 'noto-sans-sc', name: 'NotoSansSC', bold: false },
  japanese: { dir: 'noto-sans-jp', name: 'NotoSansJP', bold: false },
  korean: { dir: 'noto-sans-kr', name: 'NotoSansKR', bold: false },
  emoji: { dir: 'noto-emoji', name: 'NotoEmoji', bold: false },
};

const read = (path: string) => new Uint8Array(readFileSync(path));

export function fontFiles(families: readonly FontFamily[]): ReportFontFiles {
  const files: ReportFontFiles = {
    regular: read('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    bold: read('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
    families: {},
  };
  for (const family of families) {
    const { dir, name, bold } = NOTO[family];
    const base = `node_modules/@expo-google-fonts/${dir}`;
    files.families = {
      ...files.families,
      [family]: {
        regular: read(`${base}/400Regular/${name}_400Regular.ttf`),
        ...(bold ? { bold: read(`${base}/700Bold/${name}_700Bold.ttf`) } : {}),
      },
    };
  }
  return files;
}
