// The first page after records arrive from elsewhere (a backup of this diary, another diary's
// revisions): the page written with the write equals what a full load computes.

import { describe, expect, it } from 'vitest';
import { newRevisionContent } from '../../../src/core/evidence';
import type { Incident } from '../../../src/core/model/incident';
import { FIRST_PAGE_SIZE, firstEntries, firstPageRow } from '../../../src/core/store/diary/firstPage';
import type { FirstPage } from '../../../src/core/store/diaryRepository';
import type { DaybookDatabase } from '../../../src/core/store/db';
import type { VaultSession } from '../../../src/core/vault/session';
import { aQuickIncident } from '../../support/incidentFactories';
import { createdVault, diaryOver } from '../../support/vault';

type Setup = { db: DaybookDatabase; session: VaultSession };

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const on = (n: number, text: string): Incident => aQuickIncident({ when: { kind: 'exact', date: day(n) }, whatHappened: text });

async function expectPageCurrent(setup: Setup): Promise<FirstPage | null> {
  const shown = await diaryOver(setup).firstPage();
  const snapshot = await diaryOver(setup).load();
  expect(shown).toEqual({
    v: 1,
    end: { size: snapshot.links.length, head: snapshot.links.at(-1)?.hash },
    incidents: snapshot.entries.length,
    rows: firstEntries(snapshot.entries).map(firstPageRow),
  });
  return shown;
}

describe('the first page after a restore', () => {
  it('records copied from a backup of this diary into an empty one (appendVerbatim), then a deletion among them', async () => {
    const source = await createdVault();
    const from = diaryOver(source);
    await from.load();
    // Written in an order that is not the timeline's, with more than a page of them.
    for (let i = 0; i < FIRST_PAGE_SIZE + 15; i += 1) await from.add(on((i * 37) % 90, `Incident ${i}`));
    const target = await createdVault();
    const into = diaryOver(target);
    await into.load();
    await into.appendVerbatim(from.allRecords());
    const page = await expectPageCurrent(target);
    expect(page?.rows).toHaveLength(FIRST_PAGE_SIZE);
    const top = page?.rows[0]?.id ?? '';
    await into.remove(top);
    expect((await expectPageCurrent(target))?.rows.map((row) => row.id)).not.toContain(top);
  });

  it('revisions brought in from another diary (appendImported), some of them new versions of entries here', async () => {
    const setup = await createdVault();
    const repo = diaryOver(setup);
    await repo.load();
    const here: string[] = [];
    for (let i = 0; i < FIRST_PAGE_SIZE; i += 1) here.push(await repo.add(on(i, `Here ${i}`)));
    const items = [
      ...Array.from({ length: 25 }, (_, i) => ({ entryId: `imported-${i}`, content: newRevisionContent(on(40 + i, `Imported ${i}`)) })),
      // An older date for the newest incident here: it moves down the timeline.
      { entryId: here[FIRST_PAGE_SIZE - 1] as string, content: newRevisionContent(on(-400, 'Here, re-dated')) },
    ];
    await repo.appendImported(items);
    const page = await expectPageCurrent(setup);
    expect(page?.incidents).toBe(FIRST_PAGE_SIZE + 25);
    expect(page?.rows.map((row) => row.id)).not.toContain(here[FIRST_PAGE_SIZE - 1]);
  });
});
