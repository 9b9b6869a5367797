// The in-page harness: runs Daybook's own core code (vault, diary repository, attachment store,
// timeline index and search) on the app's origin, so it writes the app's own IndexedDB.
// The runner (../run.ts) calls these functions through page.evaluate.

import Dexie from 'dexie';
import { buildTimelineIndex, type TimelineItem } from '../../../src/core/diary/timelineIndex';
import { filterTimeline, NO_FILTER } from '../../../src/core/diary/timelineFilter';
import { timelineRows } from '../../../src/core/diary/timelineRows';
import { AttachmentStore } from '../../../src/core/store/attachmentStore';
import { DaybookDatabase } from '../../../src/core/store/db';
import { DiaryRepository, type DiaryEntry, type RevisionRecord } from '../../../src/core/store/diaryRepository';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { PACK_SIZE, packId, packOf, parsePack } from '../../../src/core/store/diary/packs';
import { prewarmOpenRows } from '../../../src/core/store/diary/openRowsInWorker';
import { DATABASE_NAME } from '../../../src/core/store/schema';
import { VaultSession } from '../../../src/core/vault/session';
import { Vault } from '../../../src/core/vault/vault';
import type { BenchApi, LoadSample, OpenResult, SearchResult, SeedOptions, SeedResult, StorageEstimateResult } from './api';
import { attachmentFor, incidentFor } from './corpus';
import {
  addExportExtras,
  closeExports,
  measureBackup,
  measurePdf,
  measureRestore,
  measureRestoreAgain,
  type ExportSources,
} from './exports';
import { measureMixedPdf } from './mixedScripts';
import { isOrderBody } from '../../../src/core/model/entryBody';
import { loadPlain, PLAIN_DATABASE_NAME, PlainDatabase, type PlainRow } from './plainStore';
import { spinWork, type Spun } from './spin';

/**
 * How long each timed load waits first, untimed: the encrypted one after starting the open-rows
 * worker, the plain one all the same, so both come after the same pause. At an unlock the app
 * starts the worker at the first keystroke of the passphrase, which takes seconds to type, and
 * Argon2id with the key unwrap (about 0.45 s here, more on a phone) comes after the last.
 */
const REST_BEFORE_LOAD_MS = 500;

/**
 * Lock broadcasts reach every session on the same channel name, in this page too: each session
 * gets a channel of its own, so locking one never locks the app's tabs or another session here.
 */
let channels = 0;
const channel = () => `daybook-bench-harness-${String((channels += 1))}`;

/** Same format as DiaryRepository's row ids (chain position, 12 digits). */
const rowId = (seq: number) => String(seq).padStart(12, '0');

interface Open {
  db: DaybookDatabase;
  session: VaultSession;
  vault: Vault;
  diary: DiaryRepository;
  attachments: AttachmentStore;
}

let state: Open | null = null;
let plain: PlainDatabase | null = null;
/** The last loads' search indexes, which search() runs over. */
let encryptedIndex: TimelineItem[] = [];
let plainIndex: TimelineItem[] = [];

function opened(): Open {
  if (!state) throw new Error('No vault: call createVault first');
  return state;
}

function exportSources(): ExportSources {
  const { db, session, diary, attachments } = opened();
  return { db, key: () => session.dataKey(), diary, attachments };
}

function plainDb(): PlainDatabase {
  plain ??= new PlainDatabase();
  return plain;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

async function closeAll(): Promise<void> {
  await closeExports();
  if (state) {
    state.session.lock();
    state.session.close();
    state.db.close();
    state = null;
  }
  plain?.close();
  plain = null;
  encryptedIndex = [];
  plainIndex = [];
}

function sample(entries: DiaryEntry[], loadMs: number): { sample: LoadSample; index: TimelineItem[] } {
  const start = performance.now();
  const index = buildTimelineIndex(entries);
  const indexed = performance.now();
  const rows = timelineRows(index);
  const done = performance.now();
  return { sample: { loadMs, indexMs: indexed - start, rowsMs: done - indexed, entries: entries.length, rows: rows.length }, index };
}

const api: BenchApi = {
  async reset() {
    await closeAll();
    await Dexie.delete(DATABASE_NAME);
    await Dexie.delete(PLAIN_DATABASE_NAME);
  },

  async openVault(passphrase) {
    await closeAll();
    const db = new DaybookDatabase();
    await db.open();
    const session = new VaultSession(channel());
    const vault = new Vault(db, session);
    const [, ms] = await timed(() => vault.unlock(passphrase));
    const key = () => session.dataKey();
    state = {
      db,
      session,
      vault,
      diary: new DiaryRepository(db, key, () => session.chainKey()),
      attachments: new AttachmentStore(db, key),
    };
    await state.diary.load();
    return ms;
  },

  async createVault(passphrase) {
    await closeAll();
    const db = new DaybookDatabase();
    await db.open();
    const session = new VaultSession(channel());
    const vault = new Vault(db, session);
    const [, ms] = await timed(async () => {
      const pending = await vault.prepare(passphrase);
      await pending.commit();
    });
    const key = () => session.dataKey();
    state = {
      db,
      session,
      vault,
      diary: new DiaryRepository(db, key, () => session.chainKey()),
      attachments: new AttachmentStore(db, key),
    };
    await state.diary.load();
    return ms;
  },

  async seed({ start, count, total, attachEvery }: SeedOptions): Promise<SeedResult> {
    const { diary, attachments } = opened();
    const began = performance.now();
    const addMs: number[] = [];
    let attached = 0;
    let attachmentBytes = 0;
    let attachmentMs = 0;
    for (let index = start; index < start + count; index += 1) {
      const incident = incidentFor(index, total);
      if (attachEvery > 0 && index % attachEvery === attachEvery - 1) {
        const { blob, name } = attachmentFor(index);
        const [ref, ms] = await timed(() => attachments.save(blob, name));
        incident.attachments = [ref];
        attached += 1;
        attachmentBytes += blob.size;
        attachmentMs += ms;
      }
      const [, ms] = await timed(() => diary.add(incident));
      addMs.push(ms);
    }
    return { addMs, attachments: attached, attachmentBytes, attachmentMs, totalMs: performance.now() - began };
  },

  async editSome(count) {
    const { diary } = opened();
    const entries = diary.snapshot().entries;
    const step = Math.max(1, Math.floor(entries.length / Math.max(count, 1)));
    let edited = 0;
    for (let i = 0; i < entries.length && edited < count; i += step) {
      const entry = entries[i];
      if (!entry) break;
      const { incident } = entry;
      await diary.edit(entry.id, {
        ...incident,
        whatHappened: `${incident.whatHappened} Added later: I remembered he had a dog with him, a small brown terrier.`,
        reported: { reported: true, policeReference: `CR/${String(5000 + i)}/25`, officer: 'DC Morgan' },
      });
      edited += 1;
    }
    return edited;
  },

  async seedPlain() {
    const { db, session } = opened();
    // The very records the encrypted store holds, decrypted, in chain order.
    const repository = new DiaryRepository(
      db,
      () => session.dataKey(),
      () => session.chainKey(),
    );
    const loaded = await repository.load();
    // Wherever they are stored (rows, or packs of 64: core/store/diary/packs.ts), in chain order.
    const records = repository.allRecords().map((value) => ({ id: rowId(value.link.seq), value }));
    const rows: PlainRow[] = records.map(({ id, value }) => ({
      id,
      entryId: value.link.entryId,
      revision: value.link.revision,
      kind: value.link.kind,
      recordedAt: value.link.recordedAt,
      // The bench diary holds incidents only.
      incident: value.content && !isOrderBody(value.content.body) ? value.content.body : null,
    }));
    const store = plainDb();
    await store.rows.clear();
    await store.rows.bulkAdd(rows);
    if ((await loadPlain(store)).length !== loaded.entries.length) throw new Error('plain store does not match the diary');
    return rows.length;
  },

  async plainAdds(count, from, total) {
    const store = plainDb();
    const addMs: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const row: PlainRow = {
        id: `zz-bench-${String(i).padStart(6, '0')}`,
        entryId: crypto.randomUUID(),
        revision: 1,
        kind: 'revision',
        recordedAt: new Date().toISOString(),
        incident: incidentFor(from + i, total),
      };
      const [, ms] = await timed(() => store.transaction('rw', store.rows, () => store.rows.add(row)));
      addMs.push(ms);
      ids.push(row.id);
    }
    await store.rows.bulkDelete(ids);
    return { addMs };
  },

  async unlock(passphrase, runs) {
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const db = new DaybookDatabase();
      await db.open();
      const session = new VaultSession(channel());
      const vault = new Vault(db, session);
      const [, ms] = await timed(() => vault.unlock(passphrase));
      if (!session.unlocked) throw new Error('unlock did not open the session');
      samples.push(ms);
      session.lock();
      session.close();
      db.close();
    }
    return samples;
  },

  async load(runs) {
    const { db, session } = opened();
    const store = plainDb();
    const encrypted: LoadSample[] = [];
    const plainSamples: LoadSample[] = [];
    const rest = () => new Promise((resolve) => setTimeout(resolve, REST_BEFORE_LOAD_MS));
    const runEncrypted = async () => {
      // The app starts the open-rows worker while the passphrase is typed (app/preloadUnlocked.ts):
      // by the load, its code is running. So here, untimed; each load uses its warm worker up,
      // as each unlock does.
      prewarmOpenRows();
      await rest();
      const repository = new DiaryRepository(
        db,
        () => session.dataKey(),
        () => session.chainKey(),
      );
      const [snapshot, ms] = await timed(() => repository.load());
      const result = sample(snapshot.entries, ms);
      encrypted.push(result.sample);
      encryptedIndex = result.index;
    };
    const runPlain = async () => {
      await rest();
      const [entries, ms] = await timed(() => loadPlain(store));
      const result = sample(entries, ms);
      plainSamples.push(result.sample);
      plainIndex = result.index;
    };
    for (let run = 0; run < runs; run += 1) {
      // Alternate which goes first, so neither always runs on a warmer heap.
      if (run % 2 === 0) {
        await runEncrypted();
        await runPlain();
      } else {
        await runPlain();
        await runEncrypted();
      }
    }
    return { encrypted, plain: plainSamples };
  },

  async search(queries, repeats): Promise<SearchResult> {
    if (encryptedIndex.length === 0 || plainIndex.length === 0) throw new Error('load first');
    const encryptedMs: number[] = [];
    const plainMs: number[] = [];
    const matches = queries.map(({ label, query }) => ({
      label,
      query,
      encrypted: filterTimeline(encryptedIndex, { ...NO_FILTER, query }).length,
      plain: filterTimeline(plainIndex, { ...NO_FILTER, query }).length,
    }));
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      for (const { query } of queries) {
        const filter = { ...NO_FILTER, query };
        const sides: [TimelineItem[], number[]][] = [
          [encryptedIndex, encryptedMs],
          [plainIndex, plainMs],
        ];
        if (repeat % 2 === 1) sides.reverse();
        for (const [index, samples] of sides) {
          const start = performance.now();
          filterTimeline(index, filter);
          samples.push(performance.now() - start);
        }
      }
    }
    return { encryptedMs, plainMs, matches, method: 'filterTimeline(buildTimelineIndex(entries), { query }) from src/core/diary' };
  },

  async open(samples): Promise<OpenResult> {
    const { db, session } = opened();
    const store = plainDb();
    const diary = new DiaryRepository(
      db,
      () => session.dataKey(),
      () => session.chainKey(),
    );
    const entries = (await diary.load()).entries;
    const table = new EncryptedTable<RevisionRecord>(db, 'revisions', () => session.dataKey());
    const packs = new EncryptedTable<unknown>(db, 'packs', () => session.dataKey());
    // A record read cold from where it is stored: its own row, or its pack (decrypted whole).
    const readCold = async (seq: number): Promise<RevisionRecord | undefined> =>
      (await table.get(rowId(seq))) ?? parsePack(await packs.get(packId(packOf(seq))), packOf(seq))[seq % PACK_SIZE];
    const result: OpenResult = { historyMs: [], coldDecryptMs: [], coldPlainMs: [] };
    const step = Math.max(1, Math.floor(entries.length / Math.max(samples, 1)));
    for (let i = 0; i < entries.length && result.historyMs.length < samples; i += step) {
      const entry = entries[i];
      if (!entry) break;
      const [history, historyMs] = await timed(() => diary.history(entry.id));
      result.historyMs.push(historyMs);
      const ids = history.map((record) => rowId(record.link.seq));
      const [decrypted, coldMs] = await timed(() => Promise.all(history.map((record) => readCold(record.link.seq))));
      if (decrypted.some((record) => record?.link.entryId !== entry.id)) throw new Error('row ids do not follow the repository');
      result.coldDecryptMs.push(coldMs);
      const [rows, plainMs] = await timed(() => store.rows.bulkGet(ids));
      if (rows.some((row) => row?.entryId !== entry.id)) throw new Error('plain rows do not match');
      result.coldPlainMs.push(plainMs);
    }
    return result;
  },

  async counts() {
    const { db } = opened();
    return {
      revisionRows: (await db.revisions.count()) + (await db.packs.count()),
      chunkRows: await db.chunks.count(),
      plainRows: await plainDb().rows.count(),
    };
  },

  addExportExtras: (files) => addExportExtras(exportSources(), files),
  pdf: (incidents, runs) => measurePdf(exportSources(), incidents, runs),
  pdfMixed: (incidents, runs) => measureMixedPdf(incidents, runs),
  backup: (passphrase) => measureBackup(exportSources(), passphrase),
  restore: (passphrase) => measureRestore(exportSources(), passphrase),
  restoreAgain: (passphrase) => measureRestoreAgain(passphrase),

  async spin(iterations) {
    const main = spinWork(iterations);
    const worker = new Worker(new URL('./spin.worker.ts', import.meta.url), { type: 'module', name: 'bench-spin' });
    try {
      const spun = await new Promise<Spun>((resolve, reject) => {
        worker.addEventListener('message', (event: MessageEvent<Spun>) => resolve(event.data));
        worker.addEventListener('error', (event) => reject(new Error(event.message)));
        worker.postMessage(iterations);
      });
      if (spun.result !== main.result) throw new Error('the worker computed something else');
      return { mainMs: main.ms, workerMs: spun.ms };
    } finally {
      worker.terminate();
    }
  },

  async storageEstimate(): Promise<StorageEstimateResult> {
    const estimate: StorageEstimate & { usageDetails?: Record<string, number> } = await navigator.storage.estimate();
    return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, indexedDB: estimate.usageDetails?.indexedDB ?? null };
  },

  async dropPlain() {
    plain?.close();
    plain = null;
    plainIndex = [];
    await Dexie.delete(PLAIN_DATABASE_NAME);
  },

  close: closeAll,
};

window.daybookBench = api;
document.body.dataset.ready = 'true';
