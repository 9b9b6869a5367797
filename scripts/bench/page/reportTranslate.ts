// The report's words as the app prints them: an i18next instance with the en-GB namespaces the
// PDF report uses (the app loads the same files on demand, see makeExport.ts).

import i18next from 'i18next';
import type { ReportTranslate } from '../../../src/core/export/pdf';
import checklist from '../../../src/i18n/locales/en-GB/checklist.json';
import diary from '../../../src/i18n/locales/en-GB/diary.json';
import incident from '../../../src/i18n/locales/en-GB/incident.json';
import report from '../../../src/i18n/locales/en-GB/report.json';

export const REPORT_LOCALE = 'en-GB';

export async function reportTranslate(): Promise<ReportTranslate> {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: REPORT_LOCALE,
    fallbackLng: false,
    ns: ['report', 'diary', 'checklist', 'incident'],
    defaultNS: 'report',
    resources: { [REPORT_LOCALE]: { report, diary, checklist, incident } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n.getFixedT(REPORT_LOCALE) as unknown as ReportTranslate;
}
