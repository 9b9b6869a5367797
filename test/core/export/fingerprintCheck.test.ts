import { describe, expect, it } from 'vitest';
import { formatFingerprint, prefixRoots, treeHead } from '../../../src/core/evidence';
import { checkFingerprint } from '../../../src/core/export/fingerprintCheck';
import { sampleExport } from './exportFixture';
import { sampleExportV2 } from './exportFixtureV2';

describe('checkFingerprint, version 2 file', () => {
  it('finds the file’s own fingerprint, however it is typed', async () => {
    const { document } = await sampleExportV2();
    const own = formatFingerprint({ size: document.chain.size, root: document.chain.root });
    expect(await checkFingerprint(document, own)).toEqual({ result: 'this-export', size: 8 });
    const typed = `8-${document.chain.root
      .slice(0, 32)
      .toLowerCase()
      .replace(/(.{4})/g, '$1 ')}`;
    expect(await checkFingerprint(document, typed)).toEqual({ result: 'this-export', size: 8 });
    expect(await checkFingerprint(document, `8 ${document.chain.root}`)).toEqual({ result: 'this-export', size: 8 });
  });

  it('finds an earlier fingerprint the file proves, with when it was shared', async () => {
    const { document } = await sampleExportV2();
    const earlier = document.chain.earlier[1];
    if (earlier === undefined) throw new Error('sample changed');
    expect(await checkFingerprint(document, formatFingerprint(earlier))).toEqual({
      result: 'earlier',
      size: 5,
      sharedAt: '2025-03-02T09:00:00.000Z',
    });
  });

  it('says which fingerprints this diary does not contain, and which this file cannot show', async () => {
    const { document, diary } = await sampleExportV2();
    const roots = await prefixRoots(diary.links.map((l) => l.hash));
    // The diary at 3 links: true, but this file carries nothing that shows it.
    expect(await checkFingerprint(document, formatFingerprint({ size: 3, root: roots[2] ?? '' }))).toEqual({
      result: 'not-shown',
      size: 3,
    });
    // Another tree at this file's size, or at a size it proves: not this diary.
    expect(await checkFingerprint(document, formatFingerprint({ size: 8, root: 'a'.repeat(64) }))).toEqual({ result: 'differs', size: 8 });
    expect(await checkFingerprint(document, formatFingerprint({ size: 5, root: 'a'.repeat(64) }))).toEqual({ result: 'differs', size: 5 });
    // A larger diary: from after this export, or another diary. With when the file says it was
    // made, so a reader can see a file made after their fingerprint yet smaller than it.
    expect(await checkFingerprint(document, formatFingerprint({ size: 12, root: 'a'.repeat(64) }))).toEqual({
      result: 'larger',
      size: 12,
      exportSize: 8,
      generatedAt: document.generatedAt,
    });
    expect(await checkFingerprint(document, 'not a fingerprint')).toEqual({ result: 'unreadable' });
    expect(await checkFingerprint(document, 'ABCD EF01')).toEqual({ result: 'unreadable' });
  });

  it('does not take an earlier fingerprint whose proof fails', async () => {
    const { document } = await sampleExportV2();
    const earlier = document.chain.earlier[1];
    if (earlier === undefined) throw new Error('sample changed');
    earlier.proof = [];
    expect(await checkFingerprint(document, formatFingerprint(earlier))).toEqual({ result: 'not-shown', size: 5 });
  });
});

describe('checkFingerprint, version 1 file (every link in it)', () => {
  it('finds the diary at any size up to the file’s, with when its last link then was written', async () => {
    const { document } = await sampleExport();
    const hashes = document.chain.links.map((l) => l.hash);
    const at3 = await treeHead(hashes.slice(0, 3));
    expect(await checkFingerprint(document, formatFingerprint(at3))).toEqual({
      result: 'prefix',
      size: 3,
      lastRecordedAt: document.chain.links[2]?.recordedAt,
    });
    expect(await checkFingerprint(document, formatFingerprint(await treeHead(hashes)))).toEqual({ result: 'this-export', size: 8 });
    expect(await checkFingerprint(document, formatFingerprint({ size: 3, root: 'b'.repeat(64) }))).toEqual({ result: 'differs', size: 3 });
    expect(await checkFingerprint(document, formatFingerprint({ size: 9, root: 'b'.repeat(64) }))).toEqual({
      result: 'larger',
      size: 9,
      exportSize: 8,
      generatedAt: document.generatedAt,
    });
  });
});
