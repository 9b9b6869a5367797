// The CSV export: one row per incident (its latest version), for a spreadsheet.
//
// UTF-8 with a byte order mark (so Excel reads accents and Welsh letters as UTF-8, not as the
// system code page), CRLF between records and every cell quoted as RFC 4180 describes, so
// commas, quotes and line breaks inside a cell survive. Columns for fields the person chose
// to leave out are not written at all: an empty column would still say the field exists.

import type { Behaviour } from '../model/behaviours';
import {
  LATER_INCIDENT_KEYS,
  type AttachmentRef,
  type Incident,
  type IncidentWhen,
  type ToldSomeone,
  type Witness,
} from '../model/incident';
import { incidentFieldsExcept } from '../model/incidentFields';
import {
  breachLine as reportBreachLine,
  breachWordsIn,
  hasLaterFields,
  toldLine as reportToldLine,
  type BreachWords,
  type LaterFieldsTranslate,
} from './breachWords';
import type { ExportDocument, ExportEntry, OmittableField } from './exportDocument';
import { latestIncident, OMITTED_WITH } from './exportDocument';

/** What each row says about the record itself, before the incident's own fields. */
const RECORD_COLUMNS = ['id', 'happened', 'firstWritten', 'lastChanged', 'revisions'] as const;

/** The incident's fields in the app's order; 'when' is the 'happened' column above. */
const FIELD_COLUMNS = incidentFieldsExcept('when');
type FieldColumn = (typeof FIELD_COLUMNS)[number];

export type CsvColumn = (typeof RECORD_COLUMNS)[number] | FieldColumn;

export const CSV_COLUMNS: readonly CsvColumn[] = [...RECORD_COLUMNS, ...FIELD_COLUMNS];

/** The words the CSV needs, in the person's language (the caller supplies i18next's). */
export interface CsvLabels {
  column: (column: CsvColumn) => string;
  behaviour: (behaviour: Behaviour) => string;
  when: (when: IncidentWhen) => string;
  yes: string;
  no: string;
  /** A file size, e.g. "2,048 bytes". */
  size: (bytes: number) => string;
  /**
   * When and how a file reached Daybook, for a file that records it (receivedAt set), e.g.
   * "Shared into Daybook: 2026-01-04T07:15:02.123Z, by the clock of the device it was shared on."
   * Without it the line carries no time.
   */
  received?: (file: AttachmentRef & { receivedAt: string }) => string;
  /**
   * A breach of an order in words (the order and the condition's text, when the export carries
   * the order). Without it: the condition's text, or a plain English line when it is not known.
   */
  breach?: (words: BreachWords) => string;
  /** Someone told, how and when. Without it: who, the code of how, date and time. */
  told?: (item: ToldSomeone) => string;
}

const FIELD_COLUMN_SET: ReadonlySet<CsvColumn> = new Set(FIELD_COLUMNS);
const isFieldColumn = (column: CsvColumn): column is FieldColumn => FIELD_COLUMN_SET.has(column);

const LATER_COLUMNS: ReadonlySet<CsvColumn> = new Set(LATER_INCIDENT_KEYS);

/**
 * The columns written for this document, in order: a field left out takes its column with it.
 * Without `laterFields` (no incident in it has the fields that came with issue 16) their
 * columns are not written either, so such an export reads exactly as it did before them.
 */
export function csvColumnsFor(omittedFields: readonly OmittableField[], laterFields = true): CsvColumn[] {
  const left = new Set(omittedFields);
  return CSV_COLUMNS.filter((column) => {
    if (!laterFields && LATER_COLUMNS.has(column)) return false;
    const group = isFieldColumn(column) ? OMITTED_WITH[column] : null;
    return group === null || !left.has(group);
  });
}

/*
 * Formula injection (OWASP "CSV Injection"): Excel, LibreOffice and Google Sheets treat a cell
 * starting with = + - or @ as a formula, even inside quotes, so text the stalker sent (copied
 * into "what happened") could run =HYPERLINK(...) or a DDE command on the machine of whoever
 * opens the file: a police officer, a solicitor. Tab, CR and LF are listed too because some
 * importers strip them and then see the formula behind them, and leading spaces because some
 * trim cells. The full-width forms are included because some spreadsheets normalise them to
 * ASCII. A leading apostrophe makes the spreadsheet show the cell as text; it is the
 * mitigation OWASP recommends, and it changes nothing else in the cell.
 */
const FORMULA_STARTS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Leading white space, as String.prototype.trimStart understands it. */
const LEADING_SPACE = /^\s+/;

/** True for a cell a spreadsheet might read as a formula. */
export function looksLikeFormula(cell: string): boolean {
  const first = cell.charAt(0);
  const firstVisible = cell.replace(LEADING_SPACE, '').charAt(0);
  return FORMULA_STARTS.has(first) || FORMULA_STARTS.has(firstVisible);
}

/** The cell text a spreadsheet will show as text, never evaluate. */
export function neutraliseFormula(cell: string): string {
  return looksLikeFormula(cell) ? `'${cell}` : cell;
}

/** One RFC 4180 field: always quoted, inner quotes doubled, line breaks kept. */
function quote(cell: string): string {
  return `"${neutraliseFormula(cell).replaceAll('"', '""')}"`;
}

function witnessLine(witness: Witness): string {
  return [witness.name, witness.contact].filter((part) => part !== '').join(' — ');
}

function attachmentLine(file: AttachmentRef, labels: CsvLabels): string {
  // An empty type (the browser did not know it) is left out rather than shown as ", ,".
  const details = [file.type, labels.size(file.size), file.sha256].filter((part) => part !== '');
  const { receivedAt } = file;
  const received = receivedAt !== undefined && labels.received ? ` ${labels.received({ ...file, receivedAt })}` : '';
  return `${file.name} (${details.join(', ')})${received}`;
}

function breachLine(words: BreachWords, labels: CsvLabels): string {
  if (labels.breach) return labels.breach(words);
  if (words.kind === 'condition') return words.condition;
  if (words.kind === 'condition-former') return `${words.condition} (no longer on the order as recorded now)`;
  return 'Breaches a condition of an order';
}

function toldLine(item: ToldSomeone, labels: CsvLabels): string {
  if (labels.told) return labels.told(item);
  return [item.who, item.how, item.date ?? '', item.time ?? ''].filter((part) => part !== '').join(', ');
}

function cellsOf(entry: ExportEntry, labels: CsvLabels, breachWords: ReturnType<typeof breachWordsIn>): Record<CsvColumn, string> {
  const incident: Incident = latestIncident(entry);
  const first = entry.revisions[0];
  const last = entry.revisions.at(-1);
  return {
    id: entry.id,
    happened: labels.when(incident.when),
    // ISO timestamps as they are: every spreadsheet parses them, and no locale is guessed.
    firstWritten: first?.recordedAt ?? '',
    lastChanged: last?.recordedAt ?? '',
    revisions: String(entry.revisions.length),
    where: incident.where,
    whatHappened: incident.whatHappened,
    behaviours: incident.behaviours.map((b) => labels.behaviour(b)).join('; '),
    whoDidIt: incident.whoDidIt,
    witnesses: incident.witnesses.map(witnessLine).join('\n'),
    evidenceElsewhere: incident.evidenceElsewhere,
    attachments: incident.attachments.map((file) => attachmentLine(file, labels)).join('\n'),
    reported: incident.reported.reported ? labels.yes : labels.no,
    policeReference: incident.reported.policeReference ?? '',
    officer: incident.reported.officer ?? '',
    howItFelt: incident.effect.howItFelt,
    whatItChanged: incident.effect.whatItChanged,
    breaches: (incident.breaches ?? []).map((breach) => breachLine(breachWords(breach), labels)).join('\n'),
    told: (incident.told ?? []).map((item) => toldLine(item, labels)).join('\n'),
    privateNotes: incident.privateNotes ?? '',
  };
}

/**
 * The words for breaches and people told, from the report's own strings: the same lines the PDF
 * prints. `t` is i18next's with namespaced keys (as the PDF takes it), `date` writes a calendar date.
 */
export function laterFieldLabels(t: LaterFieldsTranslate, date: (iso: string) => string): Pick<CsvLabels, 'breach' | 'told'> {
  return { breach: (words) => reportBreachLine(t, words), told: (item) => reportToldLine(t, date, item) };
}

/** The byte order mark that tells spreadsheets the file is UTF-8. */
export const UTF8_BOM = '\uFEFF';

/**
 * The incidents of an export as CSV text, byte order mark first. Encode it as UTF-8
 * (TextEncoder, or a Blob of the string) to write the file.
 */
export function buildIncidentsCsv(document: ExportDocument, labels: CsvLabels): string {
  const laterFields = document.entries.some((entry) => hasLaterFields(latestIncident(entry)));
  const columns = csvColumnsFor(document.scope.omittedFields, laterFields);
  const breachWords = breachWordsIn(document);
  const rows = [columns.map((column) => labels.column(column))];
  for (const entry of document.entries) {
    const cells = cellsOf(entry, labels, breachWords);
    rows.push(columns.map((column) => cells[column]));
  }
  return UTF8_BOM + rows.map((row) => `${row.map(quote).join(',')}\r\n`).join('');
}
