// Reading version 2 JSON exports: strictly, with budgets checked before anything is read, typed
// errors only, and a version that leaves out other fields than the scope says refused.

import { describe, expect, it } from 'vitest';
import { EXPORT_LIMITS, parseExportDocument, serializeExportDocument, type ExportParseResult } from '../../../src/core/export/exportJson';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import { MAX_PROOF_LENGTH } from '../../../src/core/evidence';
import { sampleExportV2 } from './exportFixtureV2';

type Json = Record<string, unknown>;

async function sampleJson(omit: Parameters<typeof sampleExportV2>[0] = ['where', 'witnesses']): Promise<Json> {
  const { document } = await sampleExportV2(omit);
  return JSON.parse(serializeExportDocument(document)) as Json;
}

function at(value: unknown, ...path: (string | number)[]): Json {
  let node = value;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node as Json;
}

function failure(result: ExportParseResult): { code: string; detail: string } {
  if (result.ok) throw new Error('expected the document to be refused');
  return { code: result.code, detail: result.detail };
}

/** entries[1] is entry C, whose versions are committed (version 2 content). */
const committedContent = (json: Json, revision = 0) => at(json, 'entries', 1, 'revisions', revision, 'content');

describe('parseExportDocument, version 2', () => {
  it('reads back what was written, and it still verifies', async () => {
    const { document } = await sampleExportV2(['where', 'witnesses']);
    const read = parseExportDocument(serializeExportDocument(document));
    expect(read).toEqual({ ok: true, document });
    if (!read.ok) return;
    expect(exportVerified(await verifyExportDocument(read.document))).toBe(true);
  });

  it('writes version 2 first, then the chain with its tree head', async () => {
    const { document } = await sampleExportV2();
    const text = serializeExportDocument(document);
    expect(text.startsWith('{\n  "format": "daybook-export",\n  "version": 2,\n  "generatedAt": ')).toBe(true);
    const json = JSON.parse(text) as Json;
    expect(Object.keys(at(json, 'chain'))).toEqual(['size', 'root', 'links', 'earlier']);
  });

  it('refuses a version newer than 2', () => {
    expect(failure(parseExportDocument({ format: 'daybook-export', version: 3 }))).toEqual({
      code: 'newer-version',
      detail: 'version: 3 is newer than 2',
    });
  });

  const shapes: [string, (json: Json) => void, RegExp][] = [
    ['a missing tree size', (j) => delete at(j, 'chain').size, /^chain\.size:/],
    ['a negative tree size', (j) => (at(j, 'chain').size = -1), /^chain\.size:/],
    ['a root that is not a hash', (j) => (at(j, 'chain').root = 'abc'), /^chain\.root:/],
    ['links that are not a list', (j) => (at(j, 'chain').links = {}), /^chain\.links:/],
    ['a link without a proof', (j) => delete at(j, 'chain', 'links', 0).proof, /^chain\.links\[0\]\.proof:/],
    ['a proof with a bad hash', (j) => (at(j, 'chain', 'links', 0).proof = ['xyz']), /^chain\.links\[0\]\.proof\[0\]:/],
    [
      'a proof longer than any tree needs',
      (j) => (at(j, 'chain', 'links', 0).proof = Array.from({ length: MAX_PROOF_LENGTH + 1 }, () => 'a'.repeat(64))),
      /^chain\.links\[0\]\.proof:/,
    ],
    ['a link beyond the tree', (j) => (at(j, 'chain').size = 3), /^chain\.links\[\d\]\.seq: is beyond/],
    [
      'links out of order',
      (j) => {
        const links = at(j, 'chain').links as unknown[];
        [links[0], links[1]] = [links[1], links[0]];
      },
      /^chain\.links\[1\]\.seq: must come after/,
    ],
    ['a tombstone link', (j) => (at(j, 'chain', 'links', 0).kind = 'tombstone'), /^chain\.links\[0\]\.kind:/],
    ['a clock note with an extra key', (j) => (at(j, 'chain', 'links', 4, 'clock').extra = 1), /^chain\.links\[4\]\.clock:/],
    [
      // A note is its kind alone: the previous link's time (a link perhaps left out) is never carried.
      "a clock note carrying the previous link's time",
      (j) => (at(j, 'chain', 'links', 4, 'clock').lastLinkAt = '2025-03-01T08:00:00.000Z'),
      /^chain\.links\[4\]\.clock:/,
    ],
    ['earlier fingerprints that are not a list', (j) => (at(j, 'chain').earlier = null), /^chain\.earlier:/],
    ['an earlier fingerprint of 0 links', (j) => (at(j, 'chain', 'earlier', 0).size = 0), /^chain\.earlier\[0\]\.size:/],
    ['an earlier fingerprint beyond the tree', (j) => (at(j, 'chain', 'earlier', 1).size = 9), /^chain\.earlier\[1\]\.size:/],
    ['earlier fingerprints out of order', (j) => (at(j, 'chain', 'earlier', 1).size = 2), /^chain\.earlier\[1\]\.size:/],
    ['an earlier fingerprint shared at no time', (j) => (at(j, 'chain', 'earlier', 0).sharedAt = 'yesterday'), /sharedAt:/],
    [
      'a revision of an unknown kind',
      (j) => (at(j, 'entries', 1, 'revisions', 0).kind = 'whole'),
      /kind: must be committed, complete or partial/,
    ],
    ['a committed version with an extra key', (j) => (committedContent(j).extra = true), /content\.extra:/],
    ['a committed version of version 1', (j) => (committedContent(j).v = 1), /content\.v:/],
    ['a shown field with an extra key', (j) => (at(committedContent(j), 'fields', 'when').extra = 1), /fields\.when:/],
    ['a shown field without its value', (j) => delete at(committedContent(j), 'fields', 'when').value, /fields\.when:/],
    ['a shown field with a bad salt', (j) => (at(committedContent(j), 'fields', 'when').salt = 'ABC'), /fields\.when\.salt:/],
    ['a commitment that is not a hash', (j) => (at(committedContent(j), 'withheld').where = 'zz'), /withheld\.where:/],
    [
      'a field both shown and left out',
      (j) => (at(committedContent(j), 'withheld').when = 'a'.repeat(64)),
      /both shows and leaves out|leaves out what happened/,
    ],
    [
      'a field that is not one of an incident',
      (j) => (at(committedContent(j), 'fields').mood = { salt: '0'.repeat(32), value: 1 }),
      /fields\.mood:/,
    ],
    ['a field missing altogether', (j) => delete at(committedContent(j), 'fields').effect, /does not account for every field/],
    [
      'a shown value validation would tidy up',
      (j) => (at(committedContent(j), 'fields', 'behaviours').value = ['loitering', 'turning-up']),
      /fields\.behaviours: is not exactly a saved value/,
    ],
    ['a shown value that is not an incident’s', (j) => (at(committedContent(j), 'fields', 'whatHappened').value = 42), /content\.fields:/],
    [
      'a shown value nested too deeply',
      (j) => {
        let deep: unknown = 'x';
        for (let i = 0; i < 100; i++) deep = [deep];
        at(committedContent(j), 'fields', 'whoDidIt').value = deep;
      },
      /nested too deeply/,
    ],
    ['an origin that is not one', (j) => (committedContent(j).origin = { recordedAt: 'then' }), /content\.origin:/],
  ];

  it.each(shapes)('refuses %s as invalid, saying where', async (_, change, detail) => {
    const json = await sampleJson();
    change(json);
    const refused = failure(parseExportDocument(json));
    expect(refused.code).toBe('invalid');
    expect(refused.detail).toMatch(detail);
  });

  const mismatches: [string, (json: Json) => void][] = [
    [
      'a committed version leaving out a field the scope does not',
      (j) => {
        const content = committedContent(j);
        delete at(content, 'fields').whoDidIt;
        at(content, 'withheld').whoDidIt = 'a'.repeat(64);
      },
    ],
    [
      'a committed version showing a field the scope leaves out',
      (j) => {
        const content = committedContent(j);
        delete at(content, 'withheld').where;
        at(content, 'fields').where = { salt: '0'.repeat(32), value: 'Home' };
      },
    ],
    [
      'a committed version leaving out what happened',
      (j) => {
        const content = committedContent(j);
        delete at(content, 'fields').whatHappened;
        at(content, 'withheld').whatHappened = 'a'.repeat(64);
      },
    ],
    ['a scope that names fewer fields than the versions leave out', (j) => (at(j, 'scope').omittedFields = ['where'])],
    [
      'a partial version leaving out other fields than the scope',
      (j) => (at(j, 'entries', 0, 'revisions', 0).omittedFields = ['where', 'witnesses', 'effect']),
    ],
  ];

  it.each(mismatches)('refuses %s as scope-mismatch', async (_, change) => {
    const json = await sampleJson();
    change(json);
    expect(failure(parseExportDocument(json)).code).toBe('scope-mismatch');
  });

  it('refuses a whole version shown while the scope leaves fields out, and a partial one while it leaves none out', async () => {
    const full = await sampleJson([]);
    at(full, 'scope').omittedFields = ['where'];
    // entries[0] is entry A, whose versions are complete (version 1 content, nothing left out).
    expect(failure(parseExportDocument(full))).toMatchObject({ code: 'scope-mismatch', detail: expect.stringMatching(/entries\[0\]/) });

    const redacted = await sampleJson(['where']);
    at(redacted, 'scope').omittedFields = [];
    expect(failure(parseExportDocument(redacted)).code).toBe('scope-mismatch');
  });

  it('sizes up lists before reading them', async () => {
    for (const [path, limit] of [
      [['chain', 'links'], EXPORT_LIMITS.links],
      [['chain', 'earlier'], EXPORT_LIMITS.earlier],
    ] as const) {
      const json = await sampleJson();
      const huge: unknown[] = [];
      huge.length = limit + 1;
      at(json, path[0])[path[1]] = huge;
      // Sparse: refused on the length alone, never allocated or walked.
      expect(failure(parseExportDocument(json))).toEqual({ code: 'invalid', detail: `${path.join('.')}: more than ${limit} items` });
    }
  });

  it('turns getters and throwing proxies into refusals', async () => {
    const json = await sampleJson();
    Object.defineProperty(at(json, 'chain'), 'root', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    expect(failure(parseExportDocument(json)).code).toBe('invalid');
    const trap = () => {
      throw new Error('trap');
    };
    const proxied = await sampleJson();
    at(proxied, 'entries', 1, 'revisions', 0).content = new Proxy({}, { get: trap, getOwnPropertyDescriptor: trap, ownKeys: trap });
    expect(failure(parseExportDocument(proxied)).code).toBe('invalid');
  });
});
