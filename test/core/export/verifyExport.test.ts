import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import type { ChainLink } from '../../../src/core/evidence';
import { computeLinkHash, contentHash, GENESIS_HASH, treeHead } from '../../../src/core/evidence';
import type { ExportDocument, ExportRevision } from '../../../src/core/export/exportDocument';
import { exportVerified, verifiedStatement, verifyExportDocument } from '../../../src/core/export/verifyExport';
import { appendLinkV1 } from '../evidence/diaryBuilder';
import { sampleExport } from './exportFixture';

// Chain of the sample (see exportFixture.ts):
//   0 A#1  1 B#1  2 A#2  3 C#1  4 D#1  5 B#2 (tombstone)  6 C#2  7 E#1
// Exported: A complete (2 versions), C partial (2), E complete (1). B deleted, D left out.

function revisionOf(doc: ExportDocument, entryIndex: number, revisionIndex: number): ExportRevision {
  const revision = doc.entries[entryIndex]?.revisions[revisionIndex];
  if (revision === undefined) throw new Error('sample changed');
  return revision;
}

function link(doc: ExportDocument, index: number): ChainLink {
  const found = doc.chain.links[index];
  if (found === undefined) throw new Error('sample changed');
  return found;
}

describe('verifyExportDocument: a sound export', () => {
  it('verifies the whole chain, the complete bodies, and counts what it could and could not check', async () => {
    const { document } = await sampleExport();
    const result = await verifyExportDocument(document);
    expect(result).toMatchObject({
      version: 1,
      chain: { ok: true, length: 8, head: document.chain.head },
      completeRevisions: 3,
      partialRevisions: 2,
      setAsideRevisions: 0,
      notHeld: [],
      entriesChecked: 3,
      problems: [],
    });
    expect(exportVerified(result)).toBe(true);
    // What was checked, by version: the partial versions' text is named as not checked.
    expect(result.coverage.revisions.map((r) => [r.entryId, r.revision, r.status])).toEqual([
      ['entry-a', 1, 'checked'],
      ['entry-a', 2, 'checked'],
      ['entry-c', 1, 'text-unchecked'],
      ['entry-c', 2, 'text-unchecked'],
      ['entry-e', 1, 'checked'],
    ]);
    expect(result.coverage).toMatchObject({ checkedRevisions: 3, uncheckedV1Partial: 2, notHeld: 0, clockNotes: [], earlier: [] });
    expect(result.coverage.notCovered).toEqual([
      'whose-diary',
      'fields-left-out',
      'scope',
      'checklists',
      'device-clock',
      'v1-partial-text',
    ]);
    expect(verifiedStatement(result)).toMatchObject({
      outcome: 'partly-verified',
      uncheckedText: 2,
      fieldsLeftOut: ['where', 'witnesses'],
    });
    // A version 1 file carries every link: its fingerprint is the tree over all of them.
    expect(result.tree).toEqual(await treeHead(document.chain.links.map((l) => l.hash)));
  });

  it('verifies an export of nothing but links (everything left out)', async () => {
    const { document } = await sampleExport();
    const result = await verifyExportDocument({ ...document, entries: [] });
    expect(exportVerified(result)).toBe(true);
    expect(result.completeRevisions + result.partialRevisions).toBe(0);
  });

  it('verifies an empty diary', async () => {
    const { document } = await sampleExport();
    const result = await verifyExportDocument({ ...document, chain: { links: [], head: GENESIS_HASH }, entries: [] });
    expect(result.chain).toEqual({ ok: true, length: 0, head: GENESIS_HASH });
    expect(exportVerified(result)).toBe(true);
  });

  it('checks against a head recorded elsewhere when one is given', async () => {
    const { document } = await sampleExport();
    expect(exportVerified(await verifyExportDocument(document, { expectedHead: document.chain.head }))).toBe(true);
    const earlier = link(document, 6).hash;
    const result = await verifyExportDocument(document, { expectedHead: earlier });
    expect(result.chain).toEqual({ ok: false, brokenAt: 8, reason: 'head-mismatch' });
    expect(exportVerified(result)).toBe(false);
  });
});

describe('verifyExportDocument: tampering', () => {
  it('finds a complete body whose text was changed', async () => {
    const { document } = await sampleExport();
    const revision = revisionOf(document, 0, 1);
    if (revision.kind !== 'complete') throw new Error('sample changed');
    revision.content.body.whatHappened = 'Nothing happened';
    const result = await verifyExportDocument(document);
    expect(result.chain).toEqual({ ok: false, brokenAt: 2, reason: 'content-mismatch', entryId: 'entry-a' });
    expect(exportVerified(result)).toBe(false);
  });

  it('finds a changed salt (a body swapped for another with the same text)', async () => {
    const { document } = await sampleExport();
    const revision = revisionOf(document, 2, 0);
    if (revision.kind !== 'complete') throw new Error('sample changed');
    revision.content.salt = '0'.repeat(32);
    expect(await verifyExportDocument(document)).toMatchObject({ chain: { ok: false, reason: 'content-mismatch', entryId: 'entry-e' } });
  });

  it('does not notice a changed partial text: that is what partial means', async () => {
    const { document } = await sampleExport();
    const revision = revisionOf(document, 1, 0);
    if (revision.kind !== 'partial') throw new Error('sample changed');
    revision.incident.whatHappened = 'Rewritten';
    const result = await verifyExportDocument(document);
    expect(exportVerified(result)).toBe(true);
    expect(result.partialRevisions).toBe(2);
  });

  it('finds a link dropped from the chain', async () => {
    const { document } = await sampleExport();
    // The left-out entry D's link: nothing exported depends on it, the chain still breaks.
    document.chain.links.splice(4, 1);
    const result = await verifyExportDocument(document);
    expect(result.chain).toMatchObject({ ok: false, brokenAt: 4, reason: 'sequence' });
    expect(exportVerified(result)).toBe(false);
  });

  it('finds an exported revision whose link was cut off the end of the chain', async () => {
    const { document } = await sampleExport();
    document.chain.links.pop();
    const result = await verifyExportDocument(document);
    expect(result.problems).toEqual([{ kind: 'missing-link', entryId: 'entry-e', revision: 1 }]);
    expect(result.chain).toMatchObject({ ok: false, reason: 'unlinked-content' });
    expect(exportVerified(result)).toBe(false);
  });

  it('finds a stated head that is not where the chain ends', async () => {
    const { document } = await sampleExport();
    const result = await verifyExportDocument({ ...document, chain: { ...document.chain, head: 'f'.repeat(64) } });
    expect(result.chain).toEqual({ ok: false, brokenAt: 8, reason: 'head-mismatch' });
    expect(exportVerified(result)).toBe(false);
  });

  it('finds a stated head that differs from the chain even when an expected head is given', async () => {
    const { document } = await sampleExport();
    const real = document.chain.head;
    const result = await verifyExportDocument({ ...document, chain: { ...document.chain, head: 'f'.repeat(64) } }, { expectedHead: real });
    expect(result.chain.ok).toBe(true);
    expect(result.problems).toEqual([{ kind: 'stated-head-mismatch', stated: 'f'.repeat(64), actual: real }]);
    expect(exportVerified(result)).toBe(false);
  });

  it('finds an exported revision dated other than its link, complete or partial', async () => {
    for (const [entry, index] of [
      [0, 0],
      [1, 1],
    ] as const) {
      const { document } = await sampleExport();
      const revision = revisionOf(document, entry, index);
      const linked = revision.recordedAt;
      revision.recordedAt = '2025-02-01T08:00:00.000Z';
      const result = await verifyExportDocument(document);
      expect(result.chain.ok).toBe(true);
      expect(result.problems).toEqual([
        {
          kind: 'time-mismatch',
          entryId: document.entries[entry]?.id,
          revision: revision.revision,
          exported: '2025-02-01T08:00:00.000Z',
          linked,
        },
      ]);
      expect(exportVerified(result)).toBe(false);
    }
  });

  it('finds an entry that is not in the chain', async () => {
    const { document } = await sampleExport();
    const copy = structuredClone(revisionOf(document, 1, 0));
    document.entries.push({ id: 'entry-forged', revisions: [copy] });
    const result = await verifyExportDocument(document);
    expect(result.problems).toEqual([{ kind: 'missing-link', entryId: 'entry-forged', revision: 1 }]);
    expect(exportVerified(result)).toBe(false);
  });

  it('finds a complete entry that is not in the chain (its body matches no link)', async () => {
    const { document } = await sampleExport();
    const copy = structuredClone(revisionOf(document, 0, 0));
    document.entries.push({ id: 'entry-forged', revisions: [copy] });
    const result = await verifyExportDocument(document);
    expect(result.chain).toMatchObject({ ok: false, reason: 'unlinked-content' });
    expect(result.problems).toEqual([{ kind: 'missing-link', entryId: 'entry-forged', revision: 1 }]);
  });

  it('finds a revision that does not exist in the chain', async () => {
    const { document } = await sampleExport();
    const entry = document.entries[2];
    if (entry === undefined) throw new Error('sample changed');
    entry.revisions.push({ ...structuredClone(revisionOf(document, 1, 0)), revision: 2 });
    expect((await verifyExportDocument(document)).problems).toEqual([{ kind: 'missing-link', entryId: 'entry-e', revision: 2 }]);
  });

  it('finds an exported entry that the chain says was deleted', async () => {
    const { diary, document } = await sampleExport();
    const content = diary.links.find((l) => l.entryId === 'entry-b');
    if (content === undefined) throw new Error('sample changed');
    // B's content is gone from the diary; a forger shows B as if it were current.
    document.entries.push({
      id: 'entry-b',
      revisions: [{ ...structuredClone(revisionOf(document, 1, 0)), recordedAt: content.recordedAt }],
    });
    const result = await verifyExportDocument(document);
    expect(result.problems).toEqual([{ kind: 'deleted-entry', entryId: 'entry-b' }]);
    expect(exportVerified(result)).toBe(false);
  });

  it('finds a version held back (the original of an edited entry)', async () => {
    const { document } = await sampleExport();
    document.entries[0]?.revisions.shift();
    const result = await verifyExportDocument(document);
    expect(result.chain.ok).toBe(true);
    expect(result.problems).toEqual([{ kind: 'missing-revision', entryId: 'entry-a', revision: 1 }]);
  });

  it('finds the same revision exported twice', async () => {
    const { document } = await sampleExport();
    const first = document.entries[0];
    if (first === undefined) throw new Error('sample changed');
    document.entries.push(structuredClone(first));
    const result = await verifyExportDocument(document);
    expect(result.problems).toEqual([
      { kind: 'duplicate-revision', entryId: 'entry-a', revision: 1 },
      { kind: 'duplicate-revision', entryId: 'entry-a', revision: 2 },
    ]);
  });

  it('does not throw for a malformed link, and reports it through the chain', async () => {
    const { document } = await sampleExport();
    (document.chain.links as unknown[])[3] = null;
    const result = await verifyExportDocument(document);
    expect(result.chain).toEqual({ ok: false, brokenAt: 3, reason: 'malformed' });
  });
});

describe('the chain hash, as docs/export-format.md describes it', () => {
  // An independent implementation from the documentation: node:crypto, and canonical JSON
  // written here for the simple values a link and a revision hold.
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  function canonical(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    return JSON.stringify(value);
  }

  it('recomputes every link hash and every complete content hash of the sample', async () => {
    const { document } = await sampleExport();
    let prevHash = '0'.repeat(64);
    for (const l of document.chain.links) {
      const { seq, entryId, revision, kind, recordedAt, contentHash: ch } = l;
      expect(l.prevHash).toBe(prevHash);
      expect(sha256(canonical({ v: 1, prevHash, contentHash: ch, meta: { seq, entryId, revision, kind, recordedAt } }))).toBe(l.hash);
      prevHash = l.hash;
    }
    expect(prevHash).toBe(document.chain.head);
    for (const entry of document.entries) {
      for (const revision of entry.revisions) {
        if (revision.kind !== 'complete') continue;
        const linked = document.chain.links.find((l) => l.entryId === entry.id && l.revision === revision.revision);
        expect(sha256(canonical(revision.content))).toBe(linked?.contentHash);
      }
    }
    const tombstone = link(document, 5);
    const deleted = link(document, 1);
    expect(sha256(canonical({ v: 1, tombstone: 'entry-b', deletesRevision: 1, deletedContentHash: deleted.contentHash }))).toBe(
      tombstone.contentHash,
    );
  });

  it('matches the worked example in the documentation', async () => {
    const content = { v: 1, salt: '00112233445566778899aabbccddeeff', body: { whatHappened: 'Example' } };
    // Version 1 links, as the documentation's version 1 example was written.
    const first = await appendLinkV1(null, {
      entryId: 'entry-1',
      revision: 1,
      kind: 'revision',
      recordedAt: '2025-03-01T08:00:00.000Z',
      contentHash: await contentHash(content),
    });
    expect(first.contentHash).toBe(sha256('{"body":{"whatHappened":"Example"},"salt":"00112233445566778899aabbccddeeff","v":1}'));
    expect(first.contentHash).toBe('5cefd8d787e28579f203b22e5afc38b0471b0299599e63f8e5206dddddf5f34d');
    expect(first.hash).toBe(await computeLinkHash(first));
    expect(first.hash).toBe('21c3860a7e21e3dc487ea4fb5e831d8b1723d4b08c60bb3aaaf8bbbeab75a12a');
    expect(first.hash).toBe(
      sha256(
        `{"contentHash":"${first.contentHash}","meta":{"entryId":"entry-1","kind":"revision","recordedAt":"2025-03-01T08:00:00.000Z","revision":1,"seq":0},"prevHash":"${'0'.repeat(64)}","v":1}`,
      ),
    );
  });
});
