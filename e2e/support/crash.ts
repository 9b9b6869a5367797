// Killing the page at a chosen moment of a write, so crash tests do not depend on winning a race.
//
// installCrashHooks wraps, in every page of a context, the three places a write passes through:
// - crypto.subtle.encrypt: an encryption whose additional data matches a pattern (a diary
//   record, the fifth chunk of a file) waits until released. Daybook encrypts everything
//   before its IndexedDB transaction starts, so a held encryption is a save in flight that has
//   written nothing yet (or, for a file, only its first chunks).
// - IDBObjectStore add/put: after the matching row is added, the transaction is kept open with
//   a loop of reads (and Dexie's explicit commit() of it is ignored), so it has the row but has
//   not committed when the page is killed.
// - IDBDatabase.transaction: once a transaction that wrote the matching row has committed, the
//   page stops on a debugger statement (paused by the kill switch's DevTools session) before any
//   of its own code hears of the commit.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** Which row a transaction hook applies to: its object store and, for `meta`, its key. */
export interface RowMatch {
  store: string;
  key?: string;
}

interface CrashState {
  encryptHold: string | null;
  encryptHeld: number;
  releases: (() => void)[];
  txHold: RowMatch | null;
  txHeld: number;
  /** Reads the held transaction has made: still rising while it is open. */
  txSpins: number;
  freeze: RowMatch | null;
}

declare global {
  interface Window {
    __crash: CrashState;
  }
}

/** Additional data of a diary record's encryption (see src/core/crypto/records.ts). */
export const DIARY_RECORD = '^daybook/record/v1\\u0000revisions\\u0000';

/** Additional data of chunk `index` of any file (see src/core/crypto/blobs.ts). */
export const fileChunk = (index: number) => `^daybook/blob-chunk/v1\\u0000[^\\u0000]+\\u0000${index}\\u0000`;

function hooks(): void {
  const state: CrashState = { encryptHold: null, encryptHeld: 0, releases: [], txHold: null, txHeld: 0, txSpins: 0, freeze: null };
  window.__crash = state;
  const decoder = new TextDecoder();
  const bytes = (source: unknown): Uint8Array => {
    if (source instanceof ArrayBuffer) return new Uint8Array(source);
    if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    return new Uint8Array();
  };

  const encrypt = SubtleCrypto.prototype.encrypt;
  SubtleCrypto.prototype.encrypt = function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['encrypt']>) {
    const [algorithm] = args;
    const additional = typeof algorithm === 'object' && 'additionalData' in algorithm ? algorithm.additionalData : undefined;
    if (state.encryptHold !== null && additional && new RegExp(state.encryptHold).test(decoder.decode(bytes(additional)))) {
      state.encryptHeld += 1;
      return new Promise<void>((resolve) => state.releases.push(resolve)).then(() => encrypt.apply(this, args));
    }
    return encrypt.apply(this, args);
  };

  const matches = (rule: RowMatch | null, store: IDBObjectStore, value: unknown) =>
    rule !== null &&
    store.name === rule.store &&
    (rule.key === undefined || (typeof value === 'object' && value !== null && (value as { key?: unknown }).key === rule.key));
  const wrote = new WeakSet<IDBTransaction>();
  const held = new WeakSet<IDBTransaction>();
  for (const method of ['add', 'put'] as const) {
    const real = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      const request = real.apply(this, args);
      const { transaction } = this;
      if (matches(state.freeze, this, args[0])) wrote.add(transaction);
      if (matches(state.txHold, this, args[0]) && !held.has(transaction)) {
        held.add(transaction);
        state.txHeld += 1;
        // A transaction commits once no request is pending: keep one pending, forever.
        const keepOpen = () => {
          state.txSpins += 1;
          this.count().onsuccess = keepOpen;
        };
        keepOpen();
      }
      return request;
    };
  }
  // Dexie asks a transaction to commit once its work is done; a held one does not.
  const commit = IDBTransaction.prototype.commit as (() => void) | undefined;
  if (commit) {
    IDBTransaction.prototype.commit = function (this: IDBTransaction) {
      if (!held.has(this)) commit.call(this);
    };
  }

  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const created = transaction.apply(this, args);
    if (state.freeze !== null) {
      // Registered before Dexie sets oncomplete, so this runs before Daybook hears of the commit.
      created.addEventListener('complete', () => {
        // Paused here by the kill switch's debugger (see freezeAfterCommit) until the page is killed.
        // eslint-disable-next-line no-debugger
        if (wrote.has(created)) debugger;
      });
    }
    return created;
  };
}

/** Installs the hooks in every page the context opens from now on (disarmed). */
export async function installCrashHooks(context: BrowserContext): Promise<void> {
  await context.addInitScript(hooks);
}

/** A DevTools session to kill the page with, opened while the page still answers. */
export function killSwitch(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

/** Kills the page's renderer (as a crash or an out-of-memory kill would) and waits until it is gone. */
export async function crash(page: Page, cdp: CDPSession): Promise<void> {
  const crashed = page.waitForEvent('crash', { timeout: 10_000 });
  // The session goes down with the renderer, so the command may never be answered.
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
}

/** Holds every encryption whose additional data matches `pattern` (a regular expression). */
export async function holdEncryption(page: Page, pattern: string): Promise<void> {
  await page.evaluate((source) => {
    window.__crash.encryptHold = source;
  }, pattern);
}

/** Waits until at least `count` held encryptions are waiting. */
export async function encryptionHeld(page: Page, count = 1): Promise<void> {
  await page.waitForFunction((n) => window.__crash.encryptHeld >= n, count, { polling: 20, timeout: 30_000 });
}

/** Lets held encryptions go on, and stops holding new ones. */
export async function releaseEncryption(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__crash.encryptHold = null;
    for (const release of window.__crash.releases.splice(0)) release();
  });
}

/** Keeps open, uncommitted, the next transaction that adds or puts a matching row. */
export async function holdTransaction(page: Page, match: RowMatch): Promise<void> {
  await page.evaluate((rule) => {
    window.__crash.txHold = rule;
  }, match);
}

/** Waits until a transaction is held, and is still open after a few hundred reads of its own. */
export async function transactionHeld(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__crash.txHeld > 0 && window.__crash.txSpins > 300, undefined, { polling: 20, timeout: 30_000 });
}

/**
 * Pauses the page (on the kill switch's debugger) as soon as a transaction that wrote a matching
 * row has committed, before any of Daybook's code hears of it. Returns `committed`, which
 * settles once the page is paused there (wrapped: an async function would wait for it).
 */
export async function freezeAfterCommit(page: Page, cdp: CDPSession, match: RowMatch): Promise<{ committed: Promise<void> }> {
  await cdp.send('Debugger.enable');
  const committed = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the write did not commit within 30 s')), 30_000);
    cdp.once('Debugger.paused', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  committed.catch(() => undefined); // reported where it is awaited
  await page.evaluate((rule) => {
    window.__crash.freeze = rule;
  }, match);
  return { committed };
}

/** Rows in one object store of the app's database, read without the app (keys only). */
export async function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('daybook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name).objectStore(name).count();
          request.onsuccess = () => {
            resolve(request.result);
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}
