import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { treeHead } from '../../../src/core/evidence';
import { sharedNotContained } from '../../../src/core/store/fingerprintCheck';
import type { SharedFingerprint } from '../../../src/core/store/fingerprintStore';

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
const LINKS = Array.from({ length: 5 }, (_, i) => sha256(`link ${i}`));

async function sharedAt(size: number, links: readonly string[] = LINKS): Promise<SharedFingerprint> {
  const head = await treeHead(links.slice(0, size));
  return { ...head, sharedAt: '2026-03-01T10:00:00.000Z', how: 'share' };
}

describe('shared fingerprints the chain does not contain', () => {
  it('none when every one shared is the root of a prefix of the chain, the whole chain included', async () => {
    const shared = [await sharedAt(1), await sharedAt(3), await sharedAt(5)];
    expect(await sharedNotContained(LINKS, shared)).toEqual([]);
  });

  it('one of more records than the chain has now', async () => {
    const four = await sharedAt(4);
    expect(await sharedNotContained(LINKS.slice(0, 3), [await sharedAt(2), four])).toEqual([four]);
  });

  it('one whose root is not the chain’s at that size (a record changed after it was shared)', async () => {
    const changed = [...LINKS.slice(0, 2), sha256('another link 2'), ...LINKS.slice(3)];
    const three = await sharedAt(3);
    const two = await sharedAt(2);
    expect(await sharedNotContained(changed, [two, three, await sharedAt(5, changed)])).toEqual([three]);
    const wrongRoot = { ...two, root: 'f'.repeat(64) };
    expect(await sharedNotContained(LINKS, [wrongRoot])).toEqual([wrongRoot]);
  });

  it('an empty chain contains none but the empty fingerprint; nothing shared, nothing to report', async () => {
    const one = await sharedAt(1);
    const empty = await sharedAt(0);
    expect(await sharedNotContained([], [empty, one])).toEqual([one]);
    expect(await sharedNotContained(LINKS, [empty])).toEqual([]);
    expect(await sharedNotContained(LINKS, [])).toEqual([]);
    expect(await sharedNotContained([], [])).toEqual([]);
  });
});
