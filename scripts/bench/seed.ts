// Seeding a diary through the harness (Daybook's own core code in the page), shared by the
// single-size bench (run.ts) and the scale series (scale.ts).

import type { Page } from 'playwright-core';
import { call } from './harnessCall';
import type { SearchQuery } from './page/api';
import { percentile, round } from './stats';

export const PASSPHRASE = 'lantern orbit pickle meadow';

/** Searches a person might type: common, two words, accented, a reference, rare, none. */
export const QUERIES: SearchQuery[] = [
  { label: 'common word', query: 'station' },
  { label: 'two words', query: 'withheld number' },
  { label: 'accent-folded', query: 'wyn' },
  { label: 'edited entries only', query: 'terrier' },
  { label: 'police reference', query: 'CR/10' },
  { label: 'phrase', query: 'car park' },
  { label: 'no match', query: 'xylophone' },
];

export interface SeedPlan {
  incidents: number;
  /** Every n-th incident carries an attachment. */
  attachEvery: number;
  /** Entries given a second revision after seeding. */
  edits: number;
}

export interface Seeded {
  addMs: number[];
  attachments: number;
  attachmentBytes: number;
  attachmentMs: number;
  seedMs: number;
  createVaultMs: number;
  edits: number;
}

/** A new vault (default Argon2id cost), then `incidents` adds in batches, then the edits. */
export async function seed(page: Page, plan: SeedPlan, log: (line: string) => void, elapsed: () => string): Promise<Seeded> {
  const createVaultMs = await call(page, 'reset').then(() => call(page, 'createVault', PASSPHRASE));
  log(`  vault created (Argon2id default cost) in ${round(createVaultMs, 0)} ms`);
  const batch = plan.incidents >= 2000 ? 500 : 100;
  // Progress every tenth of the way at most, so a 50,000-incident diary does not print 100 lines.
  const every = Math.max(batch, Math.ceil(plan.incidents / 10 / batch) * batch);
  const seeded: Seeded = { addMs: [], attachments: 0, attachmentBytes: 0, attachmentMs: 0, seedMs: 0, createVaultMs, edits: 0 };
  for (let start = 0; start < plan.incidents; start += batch) {
    const count = Math.min(batch, plan.incidents - start);
    const result = await call(page, 'seed', { start, count, total: plan.incidents, attachEvery: plan.attachEvery });
    seeded.addMs.push(...result.addMs);
    seeded.attachments += result.attachments;
    seeded.attachmentBytes += result.attachmentBytes;
    seeded.attachmentMs += result.attachmentMs;
    seeded.seedMs += result.totalMs;
    const done = start + count;
    if (done % every === 0 || done === plan.incidents)
      log(`  seeded ${done}/${plan.incidents} (add p50 ${round(percentile(result.addMs, 50), 1)} ms in this batch; ${elapsed()})`);
  }
  seeded.edits = await call(page, 'editSome', plan.edits);
  return seeded;
}
