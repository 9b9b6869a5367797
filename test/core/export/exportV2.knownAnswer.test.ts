// A tiny version 2 export, every value of it recomputed here from the design (docs/evidence-v2-
// design.md) with node:crypto alone, and pinned: field commitments, content hash, v2 link hashes,
// the RFC 9162 tree head and inclusion proofs. An independent tool can check the same numbers.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendLink, revisionContentHash, type ChainLink, type RevisionContentV2 } from '../../../src/core/evidence';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { formatFingerprint } from '../../../src/core/evidence';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import type { Incident } from '../../../src/core/model/incident';
import type { RevisionRecord } from '../../../src/core/store/diaryRepository';
import { aDiaryEntry } from '../../support/incidentFactories';

// ---------------------------------------------------------------------------------------------
// An independent implementation, from the design alone

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();
const hex = (data: string | Buffer) => sha256(data).toString('hex');

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const commitment = (field: string, salt: string, value: unknown) => hex(canonical({ v: 2, field, salt, value }));

function contentHashOf(salts: Record<string, string>, body: Record<string, unknown>): string {
  const commitments = Object.fromEntries(Object.keys(body).map((f) => [f, commitment(f, salts[f] ?? '', body[f])]));
  return hex(canonical({ v: 2, commitments }));
}

/** The v2 link preimage: a clock note is `{ kind }` alone, inside meta. */
function linkPreimageOf(link: Omit<ChainLink, 'hash'>): string {
  const { seq, entryId, revision, kind, recordedAt, contentHash, prevHash, clock } = link;
  const note = clock ? { clock: { kind: clock.kind } } : {};
  return canonical({ v: 2, prevHash, contentHash, meta: { seq, entryId, revision, kind, recordedAt, ...note } });
}

const linkHashOf = (link: Omit<ChainLink, 'hash'>): string => hex(linkPreimageOf(link));

const leaf = (linkHash: string) => sha256(Buffer.concat([Buffer.from([0]), Buffer.from(linkHash, 'hex')]));
const node = (left: Buffer, right: Buffer) => sha256(Buffer.concat([Buffer.from([1]), left, right]));

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 2.1.1 MTH. */
function mth(hashes: string[]): Buffer {
  if (hashes.length === 0) return sha256('');
  if (hashes.length === 1) return leaf(hashes[0] ?? '');
  const k = split(hashes.length);
  return node(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

/** RFC 9162 2.1.3.1 PATH. */
function path(m: number, hashes: string[]): string[] {
  if (hashes.length <= 1) return [];
  const k = split(hashes.length);
  return m < k
    ? [...path(m, hashes.slice(0, k)), mth(hashes.slice(k)).toString('hex')]
    : [...path(m - k, hashes.slice(k)), mth(hashes.slice(0, k)).toString('hex')];
}

// ---------------------------------------------------------------------------------------------
// The diary: three links; entry-1 written and edited, entry-2 between them.

const salt = (n: number) => n.toString(16).padStart(2, '0').repeat(16);
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

function incident(whatHappened: string): Incident {
  return {
    when: { kind: 'exact', date: '2025-02-28', time: '21:30' },
    where: 'Station Road',
    whatHappened,
    behaviours: ['loitering'],
    whoDidIt: 'My ex-partner',
    witnesses: [],
    evidenceElsewhere: '',
    attachments: [],
    reported: { reported: false },
    effect: { howItFelt: '', whatItChanged: '' },
  };
}

function content(whatHappened: string, first: number): RevisionContentV2<Incident> {
  return { v: 2, salts: Object.fromEntries(FIELDS.map((f, i) => [f, salt(first + i)])), body: incident(whatHappened) };
}

async function tinyDiary() {
  const contents = [content('Car outside', 0), content('Missed calls', 10), content('Car outside, grey Ford', 20)];
  const places: [string, number, string][] = [
    ['entry-1', 1, '2025-03-01T08:00:00.000Z'],
    ['entry-2', 1, '2025-03-01T08:01:00.000Z'],
    ['entry-1', 2, '2025-03-01T08:02:00.000Z'],
  ];
  const links: ChainLink[] = [];
  for (const [i, [entryId, revision, recordedAt]] of places.entries()) {
    const c = contents[i] as RevisionContentV2<Incident>;
    links.push(
      await appendLink(links.at(-1) ?? null, {
        entryId,
        revision,
        kind: 'revision',
        recordedAt,
        contentHash: await revisionContentHash(c),
      }),
    );
  }
  const records: RevisionRecord[] = links.map((link, i) => ({ link, content: contents[i] ?? null }));
  return { links, records, contents };
}

describe('a tiny version 2 export, recomputed from the design', () => {
  it('matches an independent computation, value for value, and the pinned answers', async () => {
    const { links, records, contents } = await tinyDiary();
    const document = await buildExportDocument(
      {
        links,
        entries: [aDiaryEntry(contents[2]?.body, { id: 'entry-1' })],
        history: (id) => records.filter((r) => r.link.entryId === id),
        checklists: [],
        fingerprints: [],
      },
      { ...EMPTY_SELECTION, omitFields: ['where'] },
      new Date('2025-03-02T10:00:00.000Z'),
    );

    // Content hashes and link hashes.
    for (const [i, link] of links.entries()) {
      const c = contents[i] as RevisionContentV2<Incident>;
      expect(link.contentHash).toBe(contentHashOf(c.salts as Record<string, string>, c.body as unknown as Record<string, unknown>));
      const { hash, ...unsigned } = link;
      expect(hash).toBe(linkHashOf(unsigned));
      expect(link.prevHash).toBe(i === 0 ? '0'.repeat(64) : links[i - 1]?.hash);
    }
    // The tree head and the proofs of the two exported links.
    const hashes = links.map((l) => l.hash);
    expect(document.chain.size).toBe(3);
    expect(document.chain.root).toBe(mth(hashes).toString('hex'));
    expect(document.chain.links.map((l) => [l.seq, l.proof])).toEqual([
      [0, path(0, hashes)],
      [2, path(2, hashes)],
    ]);
    // Where is left out: its commitment only; every other field with its salt and value.
    const first = document.entries[0]?.revisions[0];
    if (first?.kind !== 'committed') throw new Error('expected a committed version');
    expect(first.content.withheld).toEqual({ where: commitment('where', salt(1), 'Station Road') });
    expect(first.content.fields.whatHappened).toEqual({ salt: salt(2), value: 'Car outside' });
    expect(Object.keys(first.content.fields)).toHaveLength(9);
    expect(JSON.stringify(document)).not.toContain('Station Road');
    expect(JSON.stringify(document)).not.toContain(salt(1));
    expect(JSON.stringify(document)).not.toContain('entry-2');

    // Pinned answers (change only with the format, and then the documentation's example too).
    expect(links.map((l) => l.contentHash)).toEqual(PINNED.contentHashes);
    expect(hashes).toEqual(PINNED.linkHashes);
    expect(document.chain.root).toBe(PINNED.root);
    expect(first.content.withheld.where).toBe(PINNED.whereCommitment);
    expect(formatFingerprint(document.chain)).toBe(PINNED.fingerprint);

    expect(exportVerified(await verifyExportDocument(document))).toBe(true);
  });

  it('a version saved more than a day after the link before carries an "ahead" note: its kind, never that time', async () => {
    const { links } = await tinyDiary();
    const [, second, third] = links;
    if (second === undefined || third === undefined) throw new Error('tiny diary changed');
    // Had the edit been saved on 3 March (more than a day after link 1, an incident left out).
    const recordedAt = '2025-03-03T09:00:00.000Z';
    const noted = await appendLink(second, {
      entryId: 'entry-1',
      revision: 2,
      kind: 'revision',
      recordedAt,
      contentHash: third.contentHash,
    });
    expect(noted.clock).toEqual({ kind: 'ahead' });
    const { hash, ...unsigned } = noted;
    expect(linkPreimageOf(unsigned)).toBe(PINNED.clockLink.preimage);
    expect(hex(PINNED.clockLink.preimage)).toBe(PINNED.clockLink.hash);
    expect(hash).toBe(PINNED.clockLink.hash);
    // Link 1's time is nowhere in the link.
    expect(JSON.stringify(noted)).not.toContain(second.recordedAt);
  });
});

const PINNED = {
  contentHashes: [
    '16ceaa876d70985fe435911daf7fee5b45c683c634b5756cb0ce9f690e71278f',
    'e04b206e9ff9a632179ccafe733ed488203100bdbd2706b456bfa1b133b1e54b',
    'ca4557fea4f35cd7ca3960d8627d891d4d508dd0c2b130b3a1d49bf263b133f2',
  ],
  linkHashes: [
    'b51cc6e7ebe222cfd3ae117297e280cf3d695c9cbe0dad296ba51e92d8411bd1',
    '2b35d4f854d68503a359008afd3589953458cd8a8c0494f66109f00a3c5db2b4',
    '74318cdf8b2993c6cf912aa1288cdd45e1636e0fe63781d90931bb7a55f06bf0',
  ],
  root: '070a835a935288dc1e9210e767b84e7be9ddf9899309db6cac22db0192ccfa5e',
  whereCommitment: '2f39071edbdb29796754d8ee1b3655d59d8bddaf989c3e3583f067c61d4896c3',
  fingerprint: '3 · 070A 835A 9352 88DC 1E92 10E7 67B8 4E7B',
  clockLink: {
    preimage:
      '{"contentHash":"ca4557fea4f35cd7ca3960d8627d891d4d508dd0c2b130b3a1d49bf263b133f2","meta":{"clock":{"kind":"ahead"},' +
      '"entryId":"entry-1","kind":"revision","recordedAt":"2025-03-03T09:00:00.000Z","revision":2,"seq":2},' +
      '"prevHash":"2b35d4f854d68503a359008afd3589953458cd8a8c0494f66109f00a3c5db2b4","v":2}',
    hash: 'cd096e76e1d3027101928fd939368b7c5c7b0ca21c0f8712ad1786726aea91f8',
  },
};
