// The worked examples of docs/export-format.md (1.9 for version 1, 2.11 for version 2), read from
// the document's own text and checked with an implementation written from the document alone:
// Node's crypto, a canonical JSON and RFC 9162's algorithms written here, nothing of
// src/core/evidence. So the document and an independent tool agree, and the document cannot
// drift from the format. Last, the example file is opened with Daybook's own reader and verifier,
// which must call it "Verified" (the document says so).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExportDocument } from '../../src/core/export/exportJson';
import { verifiedStatement, verifyExportDocument } from '../../src/core/export/verifyExport';

const DOC = readFileSync(new URL('../../docs/export-format.md', import.meta.url), 'utf8');

// ---------------------------------------------------------------------------------------------
// Reading the document

/** The fenced block right after `<!-- name -->`, without its fences; where it ends in the document. */
function fenced(name: string): { text: string; end: number } {
  const marker = `<!-- ${name} -->\n`;
  const at = DOC.indexOf(marker);
  if (at < 0 || DOC.indexOf(marker, at + 1) >= 0) throw new Error(`${name}: not exactly one block`);
  const open = at + marker.length;
  if (!DOC.startsWith('```', open)) throw new Error(`${name}: no fence after the marker`);
  const start = DOC.indexOf('\n', open) + 1;
  const close = DOC.indexOf('\n```\n', start);
  return { text: DOC.slice(start, close), end: close + 5 };
}

const block = (name: string): string => fenced(name).text;

/** The prose after a block, up to the next block's marker. */
function proseAfter(name: string): string {
  const { end } = fenced(name);
  const next = DOC.indexOf('<!--', end);
  return DOC.slice(end, next < 0 ? undefined : next);
}

/** A block's lines as cells split on white space. */
function cells(name: string): string[][] {
  return block(name)
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
}

/** A table block's rows, its header line dropped. */
const rows = (name: string): string[][] => cells(name).slice(1);

/** A block of `label  value` lines (two or more spaces between) as a map. */
function labelled(name: string): Map<string, string> {
  return new Map(
    block(name)
      .split('\n')
      .map((line) => {
        const [label = '', value = ''] = line.split(/\s{2,}/);
        return [label, value];
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// An independent implementation, from the document alone

const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();
const hex = (data: string | Uint8Array): string => sha256(data).toString('hex');

/** 1.9: no whitespace, keys sorted by UTF-16 code units, strings and numbers as JSON.stringify writes them. */
function canonical(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('not a JSON number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Array.prototype.sort compares strings by UTF-16 code units, as RFC 8785 asks.
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
      .join(',')}}`;
  }
  throw new TypeError(`no JSON form for ${typeof value}`);
}

const ZEROS = '0'.repeat(64);
const FIELDS = [
  'when',
  'where',
  'whatHappened',
  'behaviours',
  'whoDidIt',
  'witnesses',
  'evidenceElsewhere',
  'attachments',
  'reported',
  'effect',
];
const DAY_MS = 86_400_000;

interface StoredContent {
  v: 2;
  salts: Record<string, string>;
  body: Record<string, unknown>;
}

interface Link {
  v: 2;
  seq: number;
  entryId: string;
  revision: number;
  kind: 'revision';
  recordedAt: string;
  contentHash: string;
  prevHash: string;
  hash: string;
  clock?: { kind: 'behind' | 'ahead' };
}

/** 2.8: a field's commitment. */
const commitment = (field: string, salt: string, value: unknown): string => hex(canonical({ v: 2, field, salt, value }));

/** 2.8: a version 2 content hash from the commitments of its ten fields. */
const contentHashOf = (commitments: Record<string, string>): string => hex(canonical({ v: 2, commitments }));

function commitmentsOf(content: StoredContent): Record<string, string> {
  return Object.fromEntries(Object.keys(content.body).map((f) => [f, commitment(f, content.salts[f] ?? '', content.body[f])]));
}

/** 2.6: the clock note a link written at `recordedAt` after one written at `last` carries: its kind only. */
function clockNote(last: string | undefined, recordedAt: string): Link['clock'] {
  if (last === undefined) return undefined;
  const gap = Date.parse(recordedAt) - Date.parse(last);
  if (gap < 0) return { kind: 'behind' };
  if (gap > DAY_MS) return { kind: 'ahead' };
  return undefined;
}

/** 2.8: the text a version 2 link's hash is taken over. */
function linkPreimage(link: Omit<Link, 'hash'>): string {
  const { seq, entryId, revision, kind, recordedAt, contentHash, prevHash, clock } = link;
  const meta = {
    seq,
    entryId,
    revision,
    kind,
    recordedAt,
    ...(clock ? { clock: { kind: clock.kind } } : {}),
  };
  return canonical({ v: 2, prevHash, contentHash, meta });
}

// RFC 9162 section 2.1 over link hashes (32 bytes each).
const leaf = (linkHash: string): Buffer => sha256(Buffer.concat([Buffer.from([0x00]), Buffer.from(linkHash, 'hex')]));
const node = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.concat([Buffer.from([0x01]), left, right]));

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** 2.1.1 MTH. */
function mth(hashes: readonly string[]): Buffer {
  if (hashes.length === 0) return sha256('');
  if (hashes.length === 1) return leaf(hashes[0] ?? '');
  const k = split(hashes.length);
  return node(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

/** 2.1.3.1 PATH(m, D[n]). */
function path(m: number, hashes: readonly string[]): string[] {
  if (hashes.length <= 1) return [];
  const k = split(hashes.length);
  return m < k
    ? [...path(m, hashes.slice(0, k)), mth(hashes.slice(k)).toString('hex')]
    : [...path(m - k, hashes.slice(k)), mth(hashes.slice(0, k)).toString('hex')];
}

/** 2.1.4.1 SUBPROOF(m, D[n], b). */
function subproof(m: number, hashes: readonly string[], whole: boolean): string[] {
  if (m === hashes.length) return whole ? [] : [mth(hashes).toString('hex')];
  const k = split(hashes.length);
  return m <= k
    ? [...subproof(m, hashes.slice(0, k), whole), mth(hashes.slice(k)).toString('hex')]
    : [...subproof(m - k, hashes.slice(k), false), mth(hashes.slice(0, k)).toString('hex')];
}

/** 2.1.3.2: verifying an inclusion proof. */
function verifyInclusion(linkHash: string, index: number, size: number, root: string, proof: readonly string[]): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf(linkHash);
  for (const p of proof.map((h) => Buffer.from(h, 'hex'))) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === root;
}

/** 2.1.4.2: verifying a consistency proof (first < second, first > 0). */
function verifyConsistency(first: number, firstRoot: string, second: number, secondRoot: string, proof: readonly string[]): boolean {
  if (first <= 0 || first >= second || proof.length === 0) return false;
  const isPowerOfTwo = (first & (first - 1)) === 0;
  const steps = (isPowerOfTwo ? [firstRoot, ...proof] : [...proof]).map((h) => Buffer.from(h, 'hex'));
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = steps[0] as Buffer;
  let sr = fr;
  for (const c of steps.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = node(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.toString('hex') === firstRoot && sr.toString('hex') === secondRoot;
}

/** 2.8: "{size} · " and the root's first 32 hex digits, upper case, in 8 groups of 4. */
const fingerprint = (size: number, root: string): string =>
  `${size} \u00b7 ${(root.slice(0, 32).toUpperCase().match(/.{4}/g) ?? []).join(' ')}`;

// ---------------------------------------------------------------------------------------------
// Version 1 (1.9)

describe('the version 1 worked example (docs/export-format.md 1.9)', () => {
  it('gives the content hash and the link hash the document states', () => {
    const text = block('example-v1:content');
    const content: unknown = JSON.parse(text);
    expect(canonical(content)).toBe(text);
    const contentHash = hex(text);
    expect(proseAfter('example-v1:content')).toContain(contentHash);

    const meta = { seq: 0, entryId: 'entry-1', revision: 1, kind: 'revision', recordedAt: '2025-03-01T08:00:00.000Z' };
    const preimage = canonical({ v: 1, prevHash: ZEROS, contentHash, meta });
    expect(block('example-v1:link-preimage')).toBe(preimage);
    expect(proseAfter('example-v1:link-preimage')).toContain(hex(preimage));
  });
});

// ---------------------------------------------------------------------------------------------
// Version 2 (2.11)

/** The diary of the example: its rows, stored contents, and links as computed here. */
function exampleDiary() {
  const places = cells('example-v2:diary').map(([seq = '', entryId = '', revision = '', recordedAt = '']) => ({
    seq: Number(seq),
    entryId,
    revision: Number(revision),
    recordedAt,
  }));
  const contents = JSON.parse(block('example-v2:contents')) as StoredContent[];
  const links: Link[] = [];
  for (const [i, place] of places.entries()) {
    const prev = links[i - 1];
    const content = contents[i] as StoredContent;
    const clock = clockNote(prev?.recordedAt, place.recordedAt);
    const unsigned: Omit<Link, 'hash'> = {
      v: 2,
      ...place,
      kind: 'revision',
      contentHash: contentHashOf(commitmentsOf(content)),
      prevHash: prev?.hash ?? ZEROS,
      ...(clock ? { clock } : {}),
    };
    links.push({ ...unsigned, hash: hex(linkPreimage(unsigned)) });
  }
  return { places, contents, links, hashes: links.map((l) => l.hash) };
}

describe('the version 2 worked example (docs/export-format.md 2.11), recomputed from the document', () => {
  const { places, contents, links, hashes } = exampleDiary();

  it('has the diary and salts the document describes', () => {
    expect(places.map((p) => p.seq)).toEqual([0, 1, 2]);
    expect(contents).toHaveLength(3);
    for (const [c, content] of contents.entries()) {
      expect(Object.keys(content.salts)).toEqual(FIELDS);
      expect(Object.keys(content.body)).toEqual(FIELDS);
      // "the byte 10 × c + i repeated 16 times"
      FIELDS.forEach((field, i) => expect(content.salts[field]).toBe((10 * c + i).toString(16).padStart(2, '0').repeat(16)));
    }
  });

  it('states the field commitments and their preimage', () => {
    const table = rows('example-v2:commitments');
    expect(table.map(([c, field]) => `${c} ${field}`)).toEqual([...FIELDS.map((f) => `0 ${f}`), ...FIELDS.map((f) => `2 ${f}`)]);
    for (const [c = '', field = '', stated = ''] of table) {
      const content = contents[Number(c)] as StoredContent;
      expect(stated).toBe(commitment(field, content.salts[field] ?? '', content.body[field]));
    }
    const first = contents[0] as StoredContent;
    const preimage = canonical({ v: 2, field: 'where', salt: first.salts.where, value: first.body.where });
    expect(block('example-v2:commitment-preimage')).toBe(preimage);
    expect(hex(preimage)).toBe(table[1]?.[2]);
  });

  it('states the content hashes and their preimage', () => {
    expect(block('example-v2:content-preimage')).toBe(canonical({ v: 2, commitments: commitmentsOf(contents[0] as StoredContent) }));
    expect(rows('example-v2:content-hashes')).toEqual(contents.map((content, c) => [String(c), contentHashOf(commitmentsOf(content))]));
  });

  it('states the link hashes and their preimages (no clock notes: a minute apart)', () => {
    expect(links.every((link) => link.clock === undefined)).toBe(true);
    expect(block('example-v2:link-preimages').split('\n')).toEqual(links.map(({ hash: _, ...unsigned }) => linkPreimage(unsigned)));
    expect(rows('example-v2:link-hashes')).toEqual(links.map((link) => [String(link.seq), link.hash]));
  });

  it('states the tree: leaves, roots, proofs and fingerprints, as RFC 9162 makes them', () => {
    const tree = labelled('example-v2:tree');
    const root2 = mth(hashes.slice(0, 2)).toString('hex');
    const root3 = mth(hashes).toString('hex');
    const expected: [string, string][] = [
      ['leaf 0', leaf(hashes[0] ?? '').toString('hex')],
      ['leaf 1', leaf(hashes[1] ?? '').toString('hex')],
      ['leaf 2', leaf(hashes[2] ?? '').toString('hex')],
      ['root 2', root2],
      ['root 3', root3],
      ['proof seq 0', path(0, hashes).join(' ')],
      ['proof seq 2', path(2, hashes).join(' ')],
      ['consistency 2 to 3', subproof(2, hashes, true).join(' ')],
      ['fingerprint 3', fingerprint(3, root3)],
      ['fingerprint 2', fingerprint(2, root2)],
    ];
    expect([...tree.entries()]).toEqual(expected);
    expect(root3).toBe(node(node(leaf(hashes[0] ?? ''), leaf(hashes[1] ?? '')), leaf(hashes[2] ?? '')).toString('hex'));
    expect(verifyInclusion(hashes[0] ?? '', 0, 3, root3, path(0, hashes))).toBe(true);
    expect(verifyInclusion(hashes[2] ?? '', 2, 3, root3, path(2, hashes))).toBe(true);
    expect(verifyInclusion(hashes[1] ?? '', 2, 3, root3, path(2, hashes))).toBe(false);
    expect(verifyConsistency(2, root2, 3, root3, subproof(2, hashes, true))).toBe(true);
  });

  it('shows an export file that an independent verifier checks, holding nothing of what was left out', () => {
    const text = block('example-v2:export');
    const file = JSON.parse(text) as {
      format: string;
      version: number;
      scope: { omittedFields: string[] };
      chain: {
        size: number;
        root: string;
        links: (Link & { proof: string[] })[];
        earlier: { size: number; root: string; proof: string[] }[];
      };
      entries: {
        id: string;
        revisions: {
          revision: number;
          recordedAt: string;
          kind: string;
          content: { v: number; fields: Record<string, { salt: string; value: unknown }>; withheld: Record<string, string> };
        }[];
      }[];
    };
    expect([file.format, file.version]).toEqual(['daybook-export', 2]);
    const { chain } = file;
    expect([chain.size, chain.root]).toEqual([3, mth(hashes).toString('hex')]);

    // The links of entry-1's two versions, nothing of entry-2; each hash and proof checks out.
    const exported = [links[0], links[2]] as Link[];
    expect(chain.links).toEqual(exported.map((link) => ({ ...link, proof: path(link.seq, hashes) })));
    for (const { proof, hash, ...unsigned } of chain.links) {
      expect(hex(linkPreimage(unsigned))).toBe(hash);
      expect(verifyInclusion(hash, unsigned.seq, chain.size, chain.root, proof)).toBe(true);
    }
    expect(chain.links[0]?.prevHash).toBe(ZEROS);

    // The earlier fingerprint: the diary at two links, and this diary continues from it.
    expect(chain.earlier).toHaveLength(1);
    const [earlier] = chain.earlier;
    expect(earlier?.root).toBe(mth(hashes.slice(0, 2)).toString('hex'));
    expect(verifyConsistency(earlier?.size ?? 0, earlier?.root ?? '', chain.size, chain.root, earlier?.proof ?? [])).toBe(true);

    // Each version: the scope's fields withheld, every other field shown with its salt, and the
    // content hash its link recorded recomputed from them.
    expect(file.entries.map((e) => e.id)).toEqual(['entry-1']);
    const versions = file.entries[0]?.revisions ?? [];
    expect(versions.map((v) => [v.revision, v.recordedAt, v.kind])).toEqual(exported.map((l) => [l.revision, l.recordedAt, 'committed']));
    for (const [i, version] of versions.entries()) {
      const link = exported[i] as Link;
      const stored = contents[link.seq] as StoredContent;
      const { fields, withheld } = version.content;
      expect(Object.keys(withheld)).toEqual(file.scope.omittedFields);
      expect([...Object.keys(fields), ...Object.keys(withheld)].sort()).toEqual([...FIELDS].sort());
      for (const [field, { salt, value }] of Object.entries(fields)) {
        expect(salt).toBe(stored.salts[field]);
        expect(canonical(value)).toBe(canonical(stored.body[field]));
      }
      const commitments = {
        ...withheld,
        ...Object.fromEntries(Object.entries(fields).map(([field, { salt, value }]) => [field, commitment(field, salt, value)])),
      };
      expect(contentHashOf(commitments)).toBe(link.contentHash);
    }

    // Nothing of entry-2 or of "where" but the hashes: not its text, salts, time or content hash.
    for (const absent of [
      'Station Road',
      'entry-2',
      '01'.repeat(16),
      '15'.repeat(16),
      places[1]?.recordedAt ?? '',
      links[1]?.contentHash ?? '',
    ]) {
      expect(text).not.toContain(absent);
    }
  });

  it('states the clock note variant: an "ahead" note, its kind alone, never the left-out link\u2019s time', () => {
    const [preimage = '', hash = ''] = block('example-v2:clock-link').split('\n');
    const prev = links[1] as Link;
    const recordedAt = '2025-03-03T09:00:00.000Z';
    const clock = clockNote(prev.recordedAt, recordedAt);
    expect(clock).toEqual({ kind: 'ahead' });
    const unsigned = { ...(links[2] as Link), recordedAt, ...(clock ? { clock } : {}) };
    expect(preimage).toBe(linkPreimage(unsigned));
    expect(hash).toBe(hex(preimage));
    expect(preimage).not.toContain(prev.recordedAt);
  });
});

describe('the version 2 worked example, opened by Daybook', () => {
  it('reads and is "Verified", with where left out and the earlier fingerprint proven', async () => {
    const parsed = parseExportDocument(block('example-v2:export'));
    if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.detail}`);
    const statement = verifiedStatement(await verifyExportDocument(parsed.document));
    expect(statement).toMatchObject({
      outcome: 'verified',
      checkedRevisions: 2,
      fieldsLeftOut: ['where'],
      earlierProven: 1,
      problems: 0,
      notCovered: ['whose-diary', 'fields-left-out', 'scope', 'device-clock', 'later-versions'],
    });
    expect(statement.fieldsChecked).not.toContain('where');
    expect(statement.fieldsChecked).toHaveLength(9);
  });
});
