// The restore's closing sentence claims only what was checked: a chain copied as it is "was
// checked" only if it verified, and a seal "was this diary's" only if this vault's key said so.

import { describe, expect, it } from 'vitest';
import type { MergePlan } from '../../../src/core/backup/mergePlan';
import type { ChainSeal } from '../../../src/core/evidence';
import { restoreChangesWording, restoreJoinedKey } from '../../../src/features/backup/restoreWording';
import { readLocale } from '../../support/i18n';

const plan = (relation: MergePlan['relation'], sealedByThisDiary = false): MergePlan => ({
  relation,
  sealedByThisDiary,
  verbatim: [],
  imported: [],
  checklists: [],
  files: [],
  newIncidents: 0,
  updatedIncidents: 0,
  deletedIncidents: 0,
  changes: [],
});
const withChanges = (given: MergePlan): MergePlan => ({
  ...given,
  changes: [{ entryId: 'e'.repeat(32), title: 'An incident', happened: { kind: 'ongoing' }, kind: 'changed' }],
});
const seal: ChainSeal = { v: 2, size: 1, head: 'a'.repeat(64), mac: 'b'.repeat(64) };
const verified = { ok: true, length: 1, head: 'a'.repeat(64) } as const;
const broken = { ok: false, brokenAt: 0, reason: 'hash-mismatch' } as const;

describe('restoreJoinedKey', () => {
  it.each<[string, MergePlan, { seal: ChainSeal | null; verification: typeof verified | typeof broken }, string]>([
    ['this diary further along', plan('behind', true), { seal, verification: verified }, 'restore.joinedBehind'],
    ['this diary, nothing new', plan('same', true), { seal, verification: verified }, 'restore.joinedSame'],
    ['anything else', plan('merged'), { seal, verification: verified }, 'restore.joinedMerged'],
    [
      'anything else, giving an incident here a version',
      withChanges(plan('merged')),
      { seal, verification: verified },
      'restore.joinedMergedChanges',
    ],
    ['this diary further along, with changes', withChanges(plan('behind', true)), { seal, verification: verified }, 'restore.joinedBehind'],
    ['an empty diary, sealed here', plan('empty', true), { seal, verification: verified }, 'restore.joinedEmptySealed'],
    ['an empty diary, another key', plan('empty'), { seal, verification: verified }, 'restore.joinedEmptyOtherKey'],
    ['an empty diary, no seal', plan('empty'), { seal: null, verification: verified }, 'restore.joinedEmptyNoSeal'],
    ['an empty diary, a chain that does not verify', plan('empty', true), { seal, verification: broken }, 'restore.joinedEmptyNotVerified'],
  ])('%s', (_, given, backup, key) => {
    expect(restoreJoinedKey(given, backup)).toBe(key);
  });

  it('every sentence is there in English and Welsh', () => {
    for (const language of ['en-GB', 'cy']) {
      const restore = readLocale(language).export?.restore as Record<string, unknown>;
      for (const key of [
        'joinedBehind',
        'joinedSame',
        'joinedMerged',
        'joinedMergedChanges',
        'joinedEmptySealed',
        'joinedEmptyOtherKey',
        'joinedEmptyNoSeal',
        'joinedEmptyNotVerified',
      ]) {
        expect(typeof restore[key], `${language} ${key}`).toBe('string');
      }
    }
  });
});

describe('restoreChangesWording', () => {
  it('this same diary further along: its own later versions and deletions', () => {
    expect(restoreChangesWording(plan('behind', true))).toEqual({
      why: 'restore.changesWhy',
      changed: 'restore.changeChanged',
      done: 'restore.doneChanges',
      updated: 'restore.updatedIncidents',
    });
  });

  it('a backup merged in: a version from the backup, never said to be later', () => {
    expect(restoreChangesWording(plan('merged'))).toEqual({
      why: 'restore.changesWhyMerged',
      changed: 'restore.changeMerged',
      done: 'restore.doneChangesMerged',
      updated: 'restore.updatedIncidentsMerged',
    });
  });

  it('every sentence is there in English and Welsh, and a merged one never says "later version"', () => {
    for (const language of ['en-GB', 'cy']) {
      const restore = readLocale(language).export?.restore as Record<string, unknown>;
      for (const key of ['changesWhy', 'changesWhyMerged', 'changeChanged', 'changeMerged', 'doneChanges', 'doneChangesMerged']) {
        expect(typeof restore[key], `${language} ${key}`).toBe('string');
      }
      expect(Object.keys(restore).filter((key) => key.startsWith('updatedIncidentsMerged_')).length, language).toBeGreaterThan(0);
    }
    const en = readLocale('en-GB').export?.restore as Record<string, string>;
    for (const key of [
      'changesWhyMerged',
      'changeMerged',
      'doneChangesMerged',
      'updatedIncidentsMerged_one',
      'updatedIncidentsMerged_other',
    ]) {
      expect(en[key], key).not.toMatch(/later version/);
    }
  });
});
