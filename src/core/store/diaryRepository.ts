import { sealChain, treeHead, verifySeal, type ChainSeal, type ChainVerification, type RevisionContent, type TreeHead } from '../evidence';
import { isOrderBody, type EntryBody } from '../model/entryBody';
import type { Incident } from '../model/incident';
import { InvalidIncidentError } from '../model/invalidIncident';
import type { CourtOrder } from '../model/order';
import { EntryChangedError } from './diary/entryChanged';
import { validIncident, validOrder, validRevisionContent } from '../model/incidentValidation';
import type { DaybookDatabase } from './db';
import { DiaryChain, erasuresDue } from './diary/chain';
import { DiaryRecords } from './diary/queries';
import { chainEnd, findingOf, judgeSeal, sameFinding, type SealFinding, type SealState } from './diary/seal';
import {
  FIRST_PAGE_SIZE,
  firstEntries,
  firstPageRow,
  fitFirstPage,
  parseFirstPage,
  ranksAfter,
  samePage,
  type FirstPage,
} from './diary/firstPage';
import { DiaryStorage } from './diary/storage';
import type { DiaryEntry, DiarySnapshot, DiaryWrite, RevisionRecord } from './diary/types';
import { newRecordId } from './encryptedTable';
import { isAddConflict } from './storageErrors';

export type { DiaryEntry, DiarySnapshot, OrderEntry, RevisionRecord } from './diary/types';
export type { SealFinding, SealState } from './diary/seal';
export type { FirstPage, FirstPageRow } from './diary/firstPage';

/** The first page as kept in memory: every live incident counted, the first ones in timeline order. */
interface PageState {
  incidents: number;
  entries: DiaryEntry[];
}
export { InvalidIncidentError } from '../model/invalidIncident';

/** What the vault says of its diary (core/vault/vault.ts); without it, the diary goes by its seal row alone. */
export interface VaultSealing {
  /** The vault's header says this diary is sealed: a missing seal row was removed, whatever the links. */
  diarySealed: () => boolean;
  /**
   * Called by each load that leaves a seal row stored, so a vault whose header predates sealing
   * can say so from then on. Its failure is not the load's.
   */
  sealStored: () => Promise<void>;
  /**
   * Called before a load packs records (diary/packs.ts): the vault moves its header to a version
   * that versions from before packs refuse. Packing goes ahead only on true; without it (tests),
   * it always does.
   */
  allowPacks?: () => Promise<boolean>;
  /**
   * Calls `listener` when the vault locks; returns what stops it. A load's worker (which holds
   * the keys) is ended at the lock itself, whoever started the load.
   */
  onLock?: (listener: () => void) => () => void;
}

/** The latest revision of an entry that still exists; deleted or unknown entries cannot change. */
function latestLive(history: readonly RevisionRecord[]): RevisionRecord {
  const last = history.at(-1);
  if (!last) throw new Error('No such entry');
  // Deleted, here or in another tab that got there first.
  if (last.link.kind === 'tombstone') throw new EntryChangedError(last.link.entryId);
  return last;
}

/**
 * Refuses a version of the other kind (an order saved over an incident, or the reverse): an entry
 * keeps its kind for good, so every reader can take one entry's versions as one kind.
 */
function sameKind(history: readonly RevisionRecord[], body: EntryBody): void {
  const held = history.find((record) => record.content !== null)?.content?.body;
  if (held !== undefined && isOrderBody(held) !== isOrderBody(body))
    throw new InvalidIncidentError([{ path: 'type', code: 'unknown-value' }]);
}

/**
 * The encrypted diary. Every save appends a revision linked into one hash chain; deleting
 * removes content but keeps every link and adds a tombstone. Rows are encrypted first and
 * then written in one short transaction, so a failure leaves the diary as it was.
 *
 * Every write is validated first: an incident, or a revision's content from a file, that
 * parseIncident would refuse is refused with InvalidIncidentError before anything is encrypted
 * or written, so nothing is stored that Daybook could not read back.
 *
 * Every write stores, in the same transaction, the seal of the chain it leaves (a MAC under the
 * vault's chain key over its size and last link), so rows removed from the end are noticed at
 * the next load: see sealState(). What a load finds wrong is kept in the seal row for good and
 * carried by every later write: see sealFindings().
 *
 * The parts, under diary/: the chain builds and verifies links, storage encrypts and writes
 * rows, the records answer queries, seal judges the seal. This class puts them together and
 * announces each change.
 */
export class DiaryRepository {
  private readonly storage: DiaryStorage;
  private readonly records = new DiaryRecords();
  private readonly chain: DiaryChain;
  private readonly listeners = new Set<() => void>();
  private seal: SealState = { state: 'sealed' };
  /** Every finding known: stored ones, and any this session made that may not be stored yet. */
  private findings: readonly SealFinding[] = [];
  /** Findings this session made, so a re-read that finds the same again does not count it twice. */
  private readonly noticed: SealFinding[] = [];
  private tree: { length: number; head: string; value: Promise<TreeHead> } | null = null;
  /** The first page as the diary in memory stands (firstPage.ts); null until the first load. */
  private page: PageState | null = null;

  /**
   * `key` gives the vault's data key and `chainKey` its chain-seal key, each read when needed
   * (both throw once the vault locks). `sealing`: what the vault says of this diary (the app
   * always passes it: see vault/instance.ts).
   */
  constructor(
    db: DaybookDatabase,
    key: () => CryptoKey,
    private readonly chainKey: () => CryptoKey,
    private readonly now: () => Date = () => new Date(),
    private readonly sealing?: VaultSealing,
  ) {
    this.storage = new DiaryStorage(db, key, chainKey);
    this.chain = new DiaryChain(this.records, now);
  }

  /**
   * Decrypts the whole diary into memory (at unlock), and judges its seal. A finding (records
   * missing, seal invalid) is added to the findings and stored at once with the seal of the chain
   * as it is; if storing fails, the diary still opens and the next write stores both.
   * A lock (`sealing.onLock`), or aborting `signal` (the caller no longer wants it), ends the
   * rows' worker at once, and the load fails (TaskCancelledError, or the lock's own error).
   */
  async load(signal?: AbortSignal): Promise<DiarySnapshot> {
    const stop = new AbortController();
    const abort = () => stop.abort();
    signal?.addEventListener('abort', abort, { once: true });
    if (signal?.aborted) stop.abort();
    const stopWatching = this.sealing?.onLock?.(abort);
    let read: Awaited<ReturnType<DiaryStorage['readAll']>>;
    try {
      read = await this.storage.readAll(stop.signal);
    } finally {
      stopWatching?.();
      signal?.removeEventListener('abort', abort);
    }
    const { records, loose, seal, sealRow, sealKey, page } = read;
    const links = records.map((r) => r.link);
    const judged = await judgeSeal(sealKey, seal, links, this.sealing?.diarySealed() ?? false);
    // Findings this session knew stay known, even if the row read now lacks them.
    const findings = [...judged.findings, ...this.findings.filter((f) => !judged.findings.some((g) => sameFinding(f, g)))];
    let found = judged.found;
    let reseal = false;
    if (found === 'unsealed') {
      // A diary from before version 2: sealed from now on.
      reseal = true;
      // An empty diary has nothing from before the seal to speak of.
      found = links.length === 0 ? { state: 'sealed' } : { state: 'sealed-from-now' };
    } else if (found.state === 'records-missing' || found.state === 'seal-invalid') {
      const finding = findingOf(found, links.length, this.now());
      // A re-read in this session that finds the same again (its finding not stored) is not a new finding.
      if (!this.noticed.some((n) => n.state === finding.state && n.sealedSize === finding.sealedSize && n.size === finding.size)) {
        this.noticed.push(finding);
        findings.push(finding);
      }
      reseal = true;
    }
    this.findings = findings;
    // If storing fails, the diary still opens and the next write stores the seal and findings.
    const stored = reseal ? await this.storage.resealAtLoad(chainEnd(links), findings, sealRow).catch(() => false) : true;
    // A seal row is stored (this load's, or the one it found sound): the vault may now say so.
    if (stored) await this.sealing?.sealStored().catch(() => undefined);
    // Locked meanwhile: nothing read may be kept (chainKey() throws once the vault has locked).
    this.chainKey();
    this.records.replace(records);
    // Content a deletion should have erased (left by a tab of a version from before packs, or an
    // earlier copy of a pack put back) is erased here and in storage; the links are unchanged.
    const emptied = erasuresDue(records);
    if (emptied.length > 0) {
      this.records.apply({ rows: emptied, appended: 0, end: chainEnd(links) });
      await this.storage.eraseAtLoad(emptied, loose, (seq) => this.records.at(seq)).catch(() => false);
    }
    this.chain.forget();
    // What was found at unlock holds for the session: a re-read after this session's own writes
    // (which seal the chain as it then is) must not turn a warning, or "sealed from now", into
    // "sealed".
    if (found.state !== 'sealed' || this.seal.state === 'sealed') this.seal = found;
    const snapshot = this.snapshot();
    this.page = { incidents: snapshot.entries.length, entries: firstEntries(snapshot.entries) };
    const current = pageOf(this.page, chainEnd(links));
    // A diary from before the first page, or one whose page was left behind (a crash between
    // writes cannot do it: the page is written with every change): the next unlock shows it
    // first. Its failure is not the load's.
    // Compared as read back (the same key order and cuts), so a current page is never rewritten.
    const expected = parseFirstPage(JSON.parse(JSON.stringify(fitFirstPage(current))));
    if (!page || !expected || !samePage(page, expected)) await this.storage.storeFirstPageAtLoad(current).catch(() => false);
    // The records written as rows since the last load (or before packs existed) packed, so the
    // next unlock decrypts them 64 at a time. Nothing changes what the diary holds; a failure
    // (another tab wrote meanwhile, storage full) leaves them as rows for the next load.
    // Packed as held in memory (any content erased above), each row checked unchanged since read,
    // once the vault has shut out versions from before packs.
    // Asked also when packs exist already: a header written back at version 1 (by a tab of an
    // earlier version) is moved to 2 again.
    const packable = this.storage.hasPackable(loose);
    const allowed = packable || this.storage.hasPacks() ? ((await this.sealing?.allowPacks?.().catch(() => false)) ?? true) : false;
    if (packable && allowed) {
      const held = loose.map(({ row, record }) => ({ row, record: this.records.at(record.link.seq) ?? record }));
      await this.storage.packAtLoad(held).catch(() => 0);
    }
    this.notify();
    return snapshot;
  }

  /**
   * The first page, read before the whole diary (at unlock), when it can be shown: it was written
   * at the chain's end that the seal row vouches for (its MAC checked with the chain key), and the
   * last row stored is that end's link. Null otherwise, or for any failure: the diary then shows
   * once load() has read it all. What the page shows is a copy; load() still reads, judges and
   * checks everything.
   */
  async firstPage(): Promise<FirstPage | null> {
    try {
      const { seal, sealKey, page, last, lastPlace } = await this.storage.readFirstPage();
      if (!page || seal.kind !== 'found') return null;
      const row = seal.value;
      if (typeof row !== 'object' || row === null || (row as { v?: unknown }).v !== 2) return null;
      const sealed = (row as { seal?: unknown }).seal;
      if (!(await verifySeal(sealKey, sealed))) return null;
      const { size, head } = sealed as ChainSeal;
      if (size !== page.end.size || head !== page.end.head) return null;
      if (size === 0) return last === null ? page : null;
      if (!last || lastPlace !== size - 1 || last.link.seq !== size - 1 || last.link.hash !== head) return null;
      return page;
    } catch {
      return null;
    }
  }

  /** What the seal said when the diary was read (see SealState). */
  sealState(): SealState {
    return this.seal;
  }

  /**
   * Every finding any load has made (records missing, seal invalid), oldest first, including
   * those of earlier unlocks: a diary sealed again since still shows what was once found.
   */
  sealFindings(): readonly SealFinding[] {
    return this.findings;
  }

  /** The Merkle tree head over every link (the diary's fingerprint), computed once per chain. */
  treeHead(): Promise<TreeHead> {
    const links = this.records.all().map((r) => r.link);
    const { size, head } = chainEnd(links);
    if (this.tree?.length !== size || this.tree.head !== head) {
      const value = treeHead(links.map((link) => link.hash));
      // A failure is not kept: the next call computes again.
      value.catch(() => {
        if (this.tree?.value === value) this.tree = null;
      });
      this.tree = { length: size, head, value };
    }
    return this.tree.value;
  }

  /** The seal of the chain as it is now (for a backup). */
  currentSeal(): Promise<ChainSeal> {
    const { size, head } = chainEnd(this.records.all().map((r) => r.link));
    return sealChain(this.chainKey(), size, head);
  }

  /**
   * Whether `value` (a seal from a backup) was made by this vault's chain key for a chain of
   * `size` links ending at `lastLinkHash`: a backup of this same diary.
   */
  async isThisDiarysSeal(value: unknown, lastLinkHash: string, size: number): Promise<boolean> {
    if (!(await verifySeal(this.chainKey(), value))) return false;
    const seal = value as ChainSeal;
    return seal.size === size && seal.head === lastLinkHash;
  }

  snapshot(): DiarySnapshot {
    return this.records.snapshot();
  }

  /** Every link with its content where it still exists, in chain order (for backups and exports). */
  allRecords(): readonly RevisionRecord[] {
    return this.records.all();
  }

  /** Revisions of one entry, oldest first, with their content where it still exists. */
  history(entryId: string): RevisionRecord[] {
    return this.records.history(entryId);
  }

  /** Saves a new incident; throws InvalidIncidentError (nothing written) if it could not be read back. */
  async add(incident: Incident): Promise<string> {
    const valid = validIncident(incident);
    const id = newRecordId();
    await this.write(() => this.chain.revision(id, 1, valid));
    return id;
  }

  /**
   * Saves a new version of an entry; throws InvalidIncidentError (nothing written) as add does.
   * `basedOn`, the version the person was editing, guards against replacing a version they have
   * not seen: if another tab saved a newer one first, EntryChangedError, nothing written.
   */
  async edit(entryId: string, incident: Incident, basedOn?: number): Promise<void> {
    await this.revise(entryId, validIncident(incident), basedOn);
  }

  /** Saves a new court order; throws InvalidIncidentError (nothing written) if it could not be read back. */
  async addOrder(order: CourtOrder): Promise<string> {
    const valid = validOrder(order);
    const id = newRecordId();
    await this.write(() => this.chain.revision(id, 1, valid));
    return id;
  }

  /** Saves a new version of an order, as edit does for an incident. */
  async editOrder(entryId: string, order: CourtOrder, basedOn?: number): Promise<void> {
    await this.revise(entryId, validOrder(order), basedOn);
  }

  private async revise(entryId: string, valid: EntryBody, basedOn?: number): Promise<void> {
    latestLive(this.history(entryId)); // a deleted or unknown entry is refused at once
    sameKind(this.history(entryId), valid);
    // Built again from the entry as it then is if another tab saved first (see write).
    await this.write(() => {
      const newest = latestLive(this.history(entryId)).link.revision;
      if (basedOn !== undefined && newest !== basedOn) throw new EntryChangedError(entryId);
      sameKind(this.history(entryId), valid);
      return this.chain.revision(entryId, newest + 1, valid);
    });
  }

  /** Removes every revision's content and records a tombstone. */
  async remove(entryId: string): Promise<void> {
    latestLive(this.history(entryId)); // a deleted or unknown entry is refused at once
    await this.write(() => {
      const history = this.history(entryId);
      return this.chain.tombstone(history, latestLive(history).link);
    });
  }

  /**
   * Appends records from a backup of this same diary; see DiaryChain.verbatim. Every content
   * must already be exactly what a reader accepts (InvalidIncidentError otherwise, nothing written).
   */
  async appendVerbatim(rows: readonly RevisionRecord[]): Promise<void> {
    if (rows.length === 0) return;
    const checked = rows.map((row) =>
      row.content === null ? row : { ...row, content: validRevisionContent(row.content, row.link.entryId) },
    );
    // Hashes came from elsewhere: the next verify() checks everything again.
    await this.commit(this.chain.verbatim(checked), false);
  }

  /** Appends revisions brought in from another diary; see DiaryChain.imported. Validated as appendVerbatim is. */
  async appendImported(items: readonly { entryId: string; content: RevisionContent<EntryBody> }[]): Promise<void> {
    if (items.length === 0) return;
    const checked = items.map(({ entryId, content }) => ({ entryId, content: validRevisionContent(content, entryId) }));
    await this.commit(await this.chain.imported(checked), true);
  }

  /**
   * Checks the whole chain and every stored content (in full once per load, in a worker);
   * aborting `signal` stops it with TaskCancelledError.
   */
  verify(signal?: AbortSignal): Promise<ChainVerification> {
    return this.chain.verify(signal);
  }

  head(): string {
    return this.chain.head();
  }

  /**
   * Calls `listener` after every change to what the diary holds: each stored write, and each
   * load (including the re-read after a failed write). Returns the way to stop.
   */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Builds a change of this device's own onto the head and stores it. When another tab appended
   * to the chain first, the new link's place is taken (the row already exists) and nothing was
   * written: the diary has been re-read, so the change is built once more on the real head,
   * encrypted again and stored, and both tabs' changes are kept. Any other failure, or losing
   * the race a second time, is thrown as it is.
   */
  private async write(build: () => Promise<DiaryWrite>): Promise<void> {
    try {
      await this.commit(await build(), true);
    } catch (error) {
      if (!isAddConflict(error)) throw error;
      await this.commit(await build(), true);
    }
  }

  /** Stores a write, then takes it into memory: the chain in memory only ever matches storage. */
  private async commit(write: DiaryWrite, ownLinks: boolean): Promise<void> {
    const page = this.pageAfter(write);
    const sealed = await this.storage.seal(write, this.findings, pageOf(page, write.end), (seq) => this.records.at(seq));
    try {
      await this.storage.store(sealed);
    } catch (error) {
      // Nothing was written. Another tab may have moved the chain on: re-read it so that
      // trying again links onto the real head.
      await this.load().catch(() => undefined);
      throw error;
    }
    this.records.apply(write);
    this.page = page;
    if (ownLinks) this.chain.extend();
    else this.chain.forget();
    this.notify();
  }

  /**
   * The first page once `write` is stored: only the entries it touches are looked at, unless one
   * of them leaves the page, when the next one down is found among every incident.
   */
  private pageAfter(write: DiaryWrite): PageState {
    const state = this.page ?? { incidents: this.snapshot().entries.length, entries: firstEntries(this.snapshot().entries) };
    // The write's rows by entry, grouped once: a restore touches thousands of entries.
    const rowsOf = new Map<string, RevisionRecord[]>();
    for (const row of write.rows) {
      const list = rowsOf.get(row.link.entryId);
      if (list) list.push(row);
      else rowsOf.set(row.link.entryId, [row]);
    }
    const touched = new Set(rowsOf.keys());
    let incidents = state.incidents;
    const changed: DiaryEntry[] = [];
    for (const [id, rows] of rowsOf) {
      const before = this.records.entryNow(id);
      const after = this.records.entryAfter(id, rows);
      if (before && 'incident' in before) incidents -= 1;
      if (after && 'incident' in after) {
        incidents += 1;
        changed.push(after);
      }
    }
    const kept = state.entries.filter((entry) => !touched.has(entry.id));
    let entries = firstEntries([...kept, ...changed]);
    // The page as it was held the first incidents: every other one ranks after its last row. A slot now
    // taken by an entry ranking after that row (one of its rows deleted, or re-dated further back)
    // may belong to an incident not on the page, so the page is found again among every incident.
    const oldLast = state.entries.length === FIRST_PAGE_SIZE ? state.entries.at(-1) : undefined;
    const rankAfterOldLast = oldLast !== undefined && entries.some((entry) => ranksAfter(entry, oldLast));
    if (rankAfterOldLast || entries.length < Math.min(FIRST_PAGE_SIZE, incidents)) {
      const rest = this.snapshot().entries.filter((entry) => !touched.has(entry.id));
      entries = firstEntries([...rest, ...changed]);
    }
    return { incidents, entries };
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        // The change is stored whatever a listener does: its failure is reported on its own,
        // not as a failed save.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

export { EntryChangedError };

function pageOf(state: PageState, end: { size: number; head: string }): FirstPage {
  return { v: 1, end: { size: end.size, head: end.head }, incidents: state.incidents, rows: state.entries.map(firstPageRow) };
}
