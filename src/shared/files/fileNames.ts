// File names for exports: the date and what it is, never anything from the diary itself.
import { localDate } from '../../core/model/calendarDate';

export type ExportKind = 'pdf' | 'csv' | 'json' | 'package' | 'backup';

const EXTENSIONS: Record<ExportKind, string> = {
  pdf: 'pdf',
  csv: 'csv',
  json: 'json',
  package: 'daybook-package',
  backup: 'daybook-backup',
};

/** Plain words only: a Downloads folder someone else looks through should say little. */
const NAMES: Record<ExportKind, string> = {
  pdf: 'daybook-report',
  csv: 'daybook-table',
  json: 'daybook-data',
  package: 'daybook-package',
  backup: 'daybook-backup',
};

export const MIME_TYPES: Record<ExportKind, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
  package: 'application/octet-stream',
  backup: 'application/octet-stream',
};

export function exportFileName(kind: ExportKind, now: Date): string {
  return `${NAMES[kind]}-${localDate(now)}.${EXTENSIONS[kind]}`;
}

export function asFile(blob: Blob | Uint8Array | string, kind: ExportKind, now: Date): File {
  const part: BlobPart = blob instanceof Uint8Array ? (blob as Uint8Array<ArrayBuffer>) : blob;
  return new File([part], exportFileName(kind, now), { type: MIME_TYPES[kind] });
}
