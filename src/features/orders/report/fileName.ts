// The breach summary's file name: plain words and the date, nothing from the diary (a Downloads
// folder someone else looks through should say little), as shared/files/fileNames.ts does.

import { localDate } from '../../../core/model/calendarDate';

export function breachReportFileName(now: Date): string {
  return `daybook-summary-${localDate(now)}.pdf`;
}
