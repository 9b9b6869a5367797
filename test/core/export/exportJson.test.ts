import { describe, it, expect } from 'vitest';
import type { ExportDocument } from '../../../src/core/export/exportDocument';
import { EXPORT_LIMITS, parseExportDocument, serializeExportDocument, type ExportParseResult } from '../../../src/core/export/exportJson';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import { sampleExport } from './exportFixture';

type Json = Record<string, unknown>;

/** The sample export as the plain JSON value a file would hold. */
async function sampleJson(): Promise<Json> {
  const { document } = await sampleExport();
  return JSON.parse(serializeExportDocument(document)) as Json;
}

/** Follows a path of keys and indexes into a JSON value. */
function at(value: unknown, ...path: (string | number)[]): Json {
  let node = value;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node as Json;
}

function failure(result: ExportParseResult): { code: string; detail: string } {
  if (result.ok) throw new Error('expected the document to be refused');
  return { code: result.code, detail: result.detail };
}

describe('serializeExportDocument', () => {
  it('writes format and version first, with a 2-space indent and a final newline', async () => {
    const { document } = await sampleExport();
    const text = serializeExportDocument({ ...document, format: document.format } as ExportDocument);
    expect(text.startsWith('{\n  "format": "daybook-export",\n  "version": 1,\n  "generatedAt": ')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(document);
  });

  it('keeps the order of the top level whatever order the object was built in', async () => {
    const { document } = await sampleExport();
    const shuffled = {
      checklists: document.checklists,
      entries: document.entries,
      chain: document.chain,
      scope: document.scope,
      generatedAt: document.generatedAt,
      version: 1,
      format: 'daybook-export',
    } as ExportDocument;
    expect(Object.keys(JSON.parse(serializeExportDocument(shuffled)) as Json)).toEqual([
      'format',
      'version',
      'generatedAt',
      'scope',
      'chain',
      'entries',
      'checklists',
    ]);
  });
});

describe('parseExportDocument: valid documents', () => {
  it('reads back what was written, from text or from a parsed value, as fresh objects', async () => {
    const { document } = await sampleExport();
    const text = serializeExportDocument(document);
    for (const input of [text, JSON.parse(text) as unknown]) {
      const result = parseExportDocument(input);
      expect(result).toEqual({ ok: true, document });
    }
    const fromValue = parseExportDocument(document);
    expect(fromValue.ok && fromValue.document).toEqual(document);
    expect(fromValue.ok && fromValue.document.entries[0]).not.toBe(document.entries[0]);
  });

  it('reads a document that still verifies after the round trip', async () => {
    const { document } = await sampleExport();
    const result = parseExportDocument(serializeExportDocument(document));
    if (!result.ok) throw new Error(result.detail);
    expect(exportVerified(await verifyExportDocument(result.document))).toBe(true);
  });

  it('drops unknown keys everywhere except inside a complete revision', async () => {
    const json = await sampleJson();
    json.extra = 1;
    at(json, 'scope').extra = 2;
    at(json, 'chain', 'links', 0).extra = 3;
    at(json, 'entries', 0).extra = 4;
    at(json, 'entries', 0, 'revisions', 0).extra = 5;
    at(json, 'entries', 1, 'revisions', 0, 'incident').extra = 6;
    const result = parseExportDocument(json);
    if (!result.ok) throw new Error(result.detail);
    expect(JSON.stringify(result.document)).not.toContain('extra');
  });

  it('reads an empty open end of the date range as no end', async () => {
    const json = await sampleJson();
    at(json, 'scope').from = '';
    delete at(json, 'scope').to;
    const result = parseExportDocument(json);
    expect(result.ok && result.document.scope).not.toHaveProperty('from');
    expect(result.ok && result.document.scope).not.toHaveProperty('to');
  });

  it('keeps chosen behaviours and omitted fields in their order, each once', async () => {
    const json = await sampleJson();
    at(json, 'scope').behaviours = ['threats', 'following', 'threats'];
    at(json, 'scope').omittedFields = ['effect', 'where', 'effect'];
    const result = parseExportDocument(json);
    expect(result.ok && result.document.scope.behaviours).toEqual(['threats', 'following']);
    expect(result.ok && result.document.scope.omittedFields).toEqual(['effect', 'where']);
  });
});

describe('parseExportDocument: not an export, or a newer one', () => {
  it.each([
    ['text that is not JSON', 'hello'],
    ['a truncated file', '{"format": "daybook-export", "version": 1,'],
    ['null', null],
    ['a number', 42],
    ['a list', []],
    ['an empty object', {}],
    ['another format', { format: 'daybook-backup', version: 1 }],
    ['the format as an inherited property', Object.create({ format: 'daybook-export', version: 1 }) as unknown],
    ['a function', () => ({ format: 'daybook-export' })],
  ])('refuses %s as not a Daybook export', (_, input) => {
    expect(failure(parseExportDocument(input)).code).toBe('not-daybook-export');
  });

  it('refuses a newer version before looking at the rest', () => {
    expect(failure(parseExportDocument({ format: 'daybook-export', version: 3, anything: 'else' }))).toEqual({
      code: 'newer-version',
      detail: 'version: 3 is newer than 2',
    });
    expect(failure(parseExportDocument('{"format":"daybook-export","version":7}')).code).toBe('newer-version');
  });

  it.each([0, -1, 1.5, '1', null, Number.NaN, 2 ** 60])('refuses version %j as invalid', (version) => {
    expect(failure(parseExportDocument({ format: 'daybook-export', version })).code).toBe('invalid');
  });
});

describe('parseExportDocument: wrong shapes', () => {
  const cases: [string, (json: Json) => void, RegExp][] = [
    ['a missing generatedAt', (j) => delete j.generatedAt, /^generatedAt:/],
    ['a local-time generatedAt', (j) => (j.generatedAt = '2025-04-01 12:00'), /^generatedAt:/],
    ['a missing scope', (j) => delete j.scope, /^scope:/],
    ['an unknown behaviour in the scope', (j) => (at(j, 'scope').behaviours = ['stalking']), /^scope\.behaviours\[0\]:/],
    ['an unknown omitted field', (j) => (at(j, 'scope').omittedFields = ['whatHappened']), /^scope\.omittedFields\[0\]:/],
    ['a date that does not exist', (j) => (at(j, 'scope').from = '2023-02-29'), /^scope\.from:/],
    ['a date range the wrong way round', (j) => Object.assign(at(j, 'scope'), { from: '2025-03-01', to: '2025-02-01' }), /^scope\.to:/],
    ['a flag that is not a boolean', (j) => (at(j, 'scope').pickedIncidents = 'yes'), /^scope\.pickedIncidents:/],
    ['a malformed link', (j) => (at(j, 'chain', 'links', 3).hash = 'XYZ'), /^chain\.links\[3\]:/],
    ['a link seq as text', (j) => (at(j, 'chain', 'links', 0).seq = '0'), /^chain\.links\[0\]:/],
    ['a head in upper case', (j) => (at(j, 'chain').head = String(at(j, 'chain').head).toUpperCase()), /^chain\.head:/],
    ['links that are not a list', (j) => (at(j, 'chain').links = {}), /^chain\.links:/],
    ['an entry without an id', (j) => delete at(j, 'entries', 0).id, /^entries\[0\]\.id:/],
    ['a repeated entry id', (j) => (at(j, 'entries', 1).id = at(j, 'entries', 0).id), /^entries\[1\]\.id: is repeated/],
    ['an entry without revisions', (j) => (at(j, 'entries', 0).revisions = []), /^entries\[0\]\.revisions:/],
    [
      'revisions out of order',
      (j) => (at(j, 'entries', 0).revisions = [...(at(j, 'entries', 0).revisions as unknown as unknown[])].reverse()),
      /revisions\[1\]\.revision:/,
    ],
    ['a revision number of 0', (j) => (at(j, 'entries', 0, 'revisions', 0).revision = 0), /revisions\[0\]\.revision:/],
    ['an unknown revision kind', (j) => (at(j, 'entries', 0, 'revisions', 0).kind = 'full'), /revisions\[0\]\.kind:/],
    [
      'a revision time without milliseconds',
      (j) => (at(j, 'entries', 0, 'revisions', 0).recordedAt = '2025-03-01T08:00:00Z'),
      /revisions\[0\]\.recordedAt:/,
    ],
    [
      'a partial incident that is not valid',
      (j) => (at(j, 'entries', 1, 'revisions', 0, 'incident').witnesses = 'Mrs Patel'),
      /^entries\[1\]\.revisions\[0\]\.incident: witnesses: must be a list/,
    ],
    [
      'a partial revision without its list of omitted fields',
      (j) => delete at(j, 'entries', 1, 'revisions', 0).omittedFields,
      /omittedFields:/,
    ],
    [
      'a complete body that is not valid',
      (j) => (at(j, 'entries', 0, 'revisions', 0, 'content', 'body').when = { kind: 'exact' }),
      /content\.body: when\.date/,
    ],
    ['a content version other than 1', (j) => (at(j, 'entries', 0, 'revisions', 0, 'content').v = 2), /content\.v:/],
    ['a salt of the wrong length', (j) => (at(j, 'entries', 0, 'revisions', 0, 'content').salt = 'abcd'), /content\.salt:/],
    ['a checklist that is not one', (j) => (j.checklists = [{ id: 'x' }]), /^checklists\[0\]:/],
    ['checklists that are not a list', (j) => (j.checklists = null), /^checklists:/],
  ];

  it.each(cases)('refuses %s, naming where', async (_, change, detail) => {
    const json = await sampleJson();
    change(json);
    const refused = failure(parseExportDocument(json));
    expect(refused.code).toBe('invalid');
    expect(refused.detail).toMatch(detail);
  });

  it('names the place, never the content', async () => {
    const json = await sampleJson();
    at(json, 'entries', 1, 'revisions', 0, 'incident').whatHappened = 12345;
    at(json, 'entries', 1, 'revisions', 0, 'incident').whoDidIt = { secret: 'Jane Doe' };
    expect(failure(parseExportDocument(json)).detail).not.toMatch(/12345|Jane/);
  });
});

describe('parseExportDocument: complete revisions must still match their hash', () => {
  // Each change is one parseIncident would accept (and tidy up), but the hash would not.
  const cases: [string, (body: Json, content: Json) => void][] = [
    ['an unknown key in the body', (body) => (body.mood = 'bad')],
    ['an unknown key in the content', (_, content) => (content.note = 'x')],
    ['a SHA-256 in upper case', (body) => (at(body, 'attachments', 0).sha256 = 'AB'.repeat(32))],
    ['behaviours out of canonical order', (body) => (body.behaviours = ['loitering', 'turning-up'])],
    ['a repeated behaviour', (body) => (body.behaviours = ['turning-up', 'loitering', 'loitering'])],
    ['an empty police reference', (body) => (at(body, 'reported').policeReference = '')],
    ['a field left out', (body) => delete body.evidenceElsewhere],
  ];

  it.each(cases)('refuses %s', async (_, change) => {
    const json = await sampleJson();
    const content = at(json, 'entries', 0, 'revisions', 0, 'content');
    change(at(content, 'body'), content);
    const refused = failure(parseExportDocument(json));
    expect(refused).toEqual({
      code: 'invalid',
      detail: expect.stringMatching(/^entries\[0\]\.revisions\[0\]\.content: .*cannot match its hash/) as unknown,
    });
  });

  it('accepts the same content with its keys in another order', async () => {
    const json = await sampleJson();
    const revision = at(json, 'entries', 0, 'revisions', 0);
    const { v, salt, body } = at(revision, 'content');
    const reordered = Object.fromEntries(Object.entries(body as Json).reverse());
    revision.content = { body: reordered, salt, v };
    const result = parseExportDocument(json);
    if (!result.ok) throw new Error(result.detail);
    expect(exportVerified(await verifyExportDocument(result.document))).toBe(true);
  });

  it('refuses content holding something JSON cannot carry, without running it', async () => {
    const { document } = await sampleExport();
    const revision = document.entries[0]?.revisions[0];
    if (revision?.kind !== 'complete') throw new Error('sample changed');
    let ran = false;
    Object.defineProperty(revision.content.body, 'whatHappened', {
      enumerable: true,
      get: () => {
        ran = true;
        return 'x';
      },
    });
    expect(failure(parseExportDocument(document)).code).toBe('invalid');
    expect(ran).toBe(false);
  });
});

describe('parseExportDocument: hostile input', () => {
  it('never pollutes prototypes from a "__proto__" key', async () => {
    const text = serializeExportDocument((await sampleExport()).document)
      .replace('"scope": {', '"scope": { "__proto__": { "polluted": true },')
      .replace('"format"', '"__proto__": { "polluted": true }, "format"');
    const result = parseExportDocument(text);
    expect(result.ok).toBe(true);
    expect(({} as Json).polluted).toBeUndefined();
    expect(result.ok && (result.document as unknown as Json).polluted).toBeUndefined();
    expect(result.ok && Object.getPrototypeOf(result.document)).toBe(Object.prototype);
  });

  it('refuses a "__proto__" key inside a complete body, which would change its hash', async () => {
    const text = serializeExportDocument((await sampleExport()).document).replace('"body": {', '"body": { "__proto__": { "x": 1 },');
    expect(failure(parseExportDocument(text)).detail).toMatch(/cannot match its hash/);
  });

  it('reads getters as absent and never runs them', async () => {
    const json = await sampleJson();
    let ran = 0;
    Object.defineProperty(json, 'entries', {
      enumerable: true,
      get: () => {
        ran++;
        return [];
      },
    });
    expect(failure(parseExportDocument(json)).detail).toMatch(/^entries:/);
    expect(ran).toBe(0);
  });

  it('ignores inherited fields', async () => {
    const json = await sampleJson();
    const inherited = Object.create({ generatedAt: json.generatedAt }) as Json;
    Object.assign(inherited, json);
    delete inherited.generatedAt;
    expect(failure(parseExportDocument(inherited)).detail).toMatch(/^generatedAt:/);
  });

  it('turns a throwing Proxy into a refusal', async () => {
    const json = await sampleJson();
    const trap = () => {
      throw new Error('boom');
    };
    json.scope = new Proxy({}, { get: trap, getOwnPropertyDescriptor: trap, ownKeys: trap, getPrototypeOf: trap });
    expect(parseExportDocument(json)).toEqual({ ok: false, code: 'invalid', detail: 'document: could not be read' });
    expect(() => parseExportDocument(new Proxy({}, { getOwnPropertyDescriptor: trap }))).not.toThrow();
  });

  it('refuses too many links, entries or checklists before reading any of them', async () => {
    for (const [path, count] of [
      [['chain', 'links'], EXPORT_LIMITS.links + 1],
      [['entries'], EXPORT_LIMITS.entries + 1],
      [['checklists'], EXPORT_LIMITS.checklists + 1],
    ] as const) {
      const json = await sampleJson();
      const parent = path.length === 2 ? at(json, path[0]) : json;
      const key = path.at(-1) ?? '';
      // Sparse: the reader must refuse on the length alone.
      parent[key] = new Array<unknown>(count);
      expect(failure(parseExportDocument(json)).detail).toMatch(new RegExp(`^${path.join('\\.')}: more than`));
    }
  });

  it('refuses a huge sparse list inside content without walking it', async () => {
    const json = await sampleJson();
    at(json, 'entries', 0, 'revisions', 0, 'content', 'body').witnesses = new Array<unknown>(2 ** 32 - 1);
    expect(failure(parseExportDocument(json)).detail).toMatch(/more than/);
  });

  it('refuses more revisions in all than the limit', async () => {
    const json = await sampleJson();
    const revision = at(json, 'entries', 0, 'revisions', 0);
    const half = Math.ceil(EXPORT_LIMITS.revisions / 2) + 1;
    at(json, 'entries', 0).revisions = new Array<unknown>(half).fill(revision);
    at(json, 'entries', 1).revisions = new Array<unknown>(half).fill(revision);
    expect(failure(parseExportDocument(json)).detail).toMatch(/^entries\[1\]\.revisions: more than/);
  });

  it('refuses text longer than the limit without parsing it', () => {
    // repeat() makes a rope, not a flat 256 MiB string, so this stays cheap unless parsed.
    const text = ' '.repeat(EXPORT_LIMITS.jsonChars + 1);
    expect(parseExportDocument(text)).toEqual({ ok: false, code: 'too-large', detail: 'file: too large' });
    expect(failure(parseExportDocument(' '.repeat(1000))).code).toBe('not-daybook-export');
  });

  it('survives deeply nested JSON', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseExportDocument(deep)).not.toThrow();
    const nested = `{"format":"daybook-export","version":1,"generatedAt":"2025-04-01T12:00:00.000Z","scope":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    expect(parseExportDocument(nested).ok).toBe(false);
  });
});
