import {
  appendLink,
  chainHead,
  contentHash,
  contentKey,
  GENESIS_HASH,
  newRevisionContent,
  tombstoneContentHash,
  verifyChain,
  type ChainLink,
  type ChainVerification,
  type RevisionContent,
  type RevisionOrigin,
} from '../evidence';
import type { Incident } from '../model/incident';
import type { DaybookDatabase } from './db';
import { EncryptedTable, newRecordId } from './encryptedTable';
import { guardStorage } from './storageErrors';

/** One row of the diary: a link of the hash chain and, unless deleted, the content it covers. */
export interface RevisionRecord {
  link: ChainLink;
  content: RevisionContent<Incident> | null;
  /**
   * Kept when an imported revision's content is deleted: no text of the person's, just where it
   * came from, so restoring the same backup again does not bring a deleted incident back.
   */
  origin?: RevisionOrigin;
}

/** An incident as the diary shows it: its latest content and its history. */
export interface DiaryEntry {
  id: string;
  incident: Incident;
  /** When it was first written down (the first revision's recordedAt). */
  firstRecordedAt: string;
  /** When it was last changed. */
  lastRecordedAt: string;
  revisions: number;
}

export interface DiarySnapshot {
  /** Live entries, newest first by when they were first written down. */
  entries: DiaryEntry[];
  links: ChainLink[];
  /** Entries deleted, with when (the tombstone's recordedAt). */
  deleted: { id: string; at: string }[];
}

/** A record with its content erased (deleted), keeping any origin. */
function emptiedRecord(record: RevisionRecord): RevisionRecord {
  const origin = record.content?.origin ?? record.origin;
  return origin ? { link: record.link, content: null, origin } : { link: record.link, content: null };
}

/** Row ids follow chain order, so reading the table in key order reads the chain in order. */
const rowId = (seq: number) => String(seq).padStart(12, '0');

/**
 * The encrypted diary. Every save appends a revision linked into one hash chain; deleting
 * removes content but keeps every link and adds a tombstone. Rows are encrypted first and
 * then written in one short transaction, so a failure leaves the diary as it was.
 */
export class DiaryRepository {
  private readonly table: EncryptedTable<RevisionRecord>;
  private records: RevisionRecord[] = [];
  /** Records by entry, built on first use after any change (see history). */
  private byEntry: Map<string, RevisionRecord[]> | null = null;
  /** The last verification, and how many records it covered. */
  private verified: { length: number; result: ChainVerification } | null = null;

  constructor(
    private readonly db: DaybookDatabase,
    key: () => CryptoKey,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.table = new EncryptedTable(db, 'revisions', key);
  }

  /** Decrypts the whole diary into memory (at unlock). */
  async load(): Promise<DiarySnapshot> {
    const rows = await this.table.all();
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    this.records = rows.map((row) => row.value);
    this.byEntry = null;
    this.verified = null;
    return this.snapshot();
  }

  snapshot(): DiarySnapshot {
    const entries = new Map<string, DiaryEntry>();
    const deleted: { id: string; at: string }[] = [];
    for (const { link, content } of this.records) {
      if (link.kind === 'tombstone') {
        entries.delete(link.entryId);
        deleted.push({ id: link.entryId, at: link.recordedAt });
        continue;
      }
      const existing = entries.get(link.entryId);
      if (!content) continue;
      entries.set(link.entryId, {
        id: link.entryId,
        incident: content.body,
        // A revision imported from another diary's backup was first written there.
        firstRecordedAt: existing?.firstRecordedAt ?? content.origin?.recordedAt ?? link.recordedAt,
        lastRecordedAt: link.recordedAt,
        revisions: link.revision,
      });
    }
    const list = [...entries.values()].sort((a, b) => (a.firstRecordedAt < b.firstRecordedAt ? 1 : -1));
    return { entries: list, links: this.records.map((r) => r.link), deleted };
  }

  /** Every link with its content where it still exists, in chain order (for backups and exports). */
  allRecords(): readonly RevisionRecord[] {
    return this.records;
  }

  /** Revisions of one entry, oldest first, with their content where it still exists. */
  history(entryId: string): RevisionRecord[] {
    // Exports ask for thousands of histories in a row: index the records once per change.
    if (!this.byEntry) {
      this.byEntry = new Map();
      for (const record of this.records) {
        const list = this.byEntry.get(record.link.entryId);
        if (list) list.push(record);
        else this.byEntry.set(record.link.entryId, [record]);
      }
    }
    return [...(this.byEntry.get(entryId) ?? [])];
  }

  async add(incident: Incident): Promise<string> {
    const id = newRecordId();
    await this.appendRevision(id, 1, incident);
    return id;
  }

  async edit(entryId: string, incident: Incident): Promise<void> {
    const last = this.history(entryId).at(-1);
    if (!last || last.link.kind === 'tombstone') throw new Error('No such entry');
    await this.appendRevision(entryId, last.link.revision + 1, incident);
  }

  /** Removes every revision's content and records a tombstone. */
  async remove(entryId: string): Promise<void> {
    const history = this.history(entryId);
    const last = history.at(-1);
    if (!last || last.link.kind === 'tombstone') throw new Error('No such entry');
    const tombstone = await this.nextLink({
      entryId,
      revision: last.link.revision + 1,
      kind: 'tombstone',
      contentHash: await tombstoneContentHash(entryId, last.link.revision, last.link.contentHash),
    });
    const emptied = history.map((r) => emptiedRecord(r));
    await this.write([...emptied, { link: tombstone, content: null }], 1);
  }

  /**
   * Appends records copied from a backup of this same diary that went further than this
   * device (or into an empty diary): the first must continue this chain. A tombstone among them erases the content
   * of that entry's earlier revisions here, as deleting on this device would have.
   */
  async appendVerbatim(rows: readonly RevisionRecord[]): Promise<void> {
    if (rows.length === 0) return;
    // Only the join is checked here: a break further on (a backup of a diary whose chain does
    // not verify, restored into an empty one) is copied as it is, and verify() reports it.
    const prev = this.records.at(-1)?.link ?? null;
    const first = rows[0]?.link;
    if (!first || first.seq !== (prev ? prev.seq + 1 : 0) || first.prevHash !== (prev ? prev.hash : GENESIS_HASH)) {
      throw new Error('Records do not continue this chain');
    }
    const deleted = new Set(rows.filter((r) => r.link.kind === 'tombstone').map((r) => r.link.entryId));
    const erased = this.records.filter((r) => deleted.has(r.link.entryId) && r.content !== null).map((r) => emptiedRecord(r));
    await this.write([...erased, ...rows], rows.length);
    // Hashes came from elsewhere: the next verify() checks everything again.
    this.verified = null;
  }

  /**
   * Appends revisions brought in from another diary, in order, as new links of this chain.
   * Each carries its origin, so the chain records both the import and where it came from.
   */
  async appendImported(items: readonly { entryId: string; content: RevisionContent<Incident> }[]): Promise<void> {
    if (items.length === 0) return;
    const lastRevision = new Map<string, number>();
    const deleted = new Set<string>();
    for (const { link } of this.records) {
      lastRevision.set(link.entryId, link.revision);
      if (link.kind === 'tombstone') deleted.add(link.entryId);
    }
    // Nothing may follow a tombstone: such a link would break the chain for good.
    if (items.some((item) => deleted.has(item.entryId))) throw new Error('Cannot add to a deleted entry');
    const rows: RevisionRecord[] = [];
    let prev = this.records.at(-1)?.link ?? null;
    for (const { entryId, content } of items) {
      const revision = (lastRevision.get(entryId) ?? 0) + 1;
      lastRevision.set(entryId, revision);
      const link = await this.linkAfter(prev, { entryId, revision, kind: 'revision', contentHash: await contentHash(content) });
      rows.push({ link, content });
      prev = link;
    }
    await this.write(rows, rows.length);
  }

  /**
   * Checks the whole chain, and every stored content against its hash. Done in full after
   * each load; this repository's own appends extend a verified chain without re-hashing it.
   */
  async verify(): Promise<ChainVerification> {
    if (this.verified?.length === this.records.length) return this.verified.result;
    const result = await this.verifyAll();
    this.verified = { length: this.records.length, result };
    return result;
  }

  private async verifyAll(): Promise<ChainVerification> {
    const contents = new Map<string, unknown>();
    for (const { link, content } of this.records) if (content) contents.set(contentKey(link.entryId, link.revision), content);
    return verifyChain(
      this.records.map((r) => r.link),
      contents,
    );
  }

  head(): string {
    return chainHead(this.records.map((r) => r.link));
  }

  private async appendRevision(entryId: string, revision: number, incident: Incident): Promise<void> {
    const content = newRevisionContent(incident);
    const link = await this.nextLink({ entryId, revision, kind: 'revision', contentHash: await contentHash(content) });
    await this.write([{ link, content }], 1);
  }

  private nextLink(input: Omit<Parameters<typeof appendLink>[1], 'recordedAt'>): Promise<ChainLink> {
    return this.linkAfter(this.records.at(-1)?.link ?? null, input);
  }

  private async linkAfter(prev: ChainLink | null, input: Omit<Parameters<typeof appendLink>[1], 'recordedAt'>): Promise<ChainLink> {
    // Never earlier than the previous link, even if the device clock went backwards.
    const now = this.now().toISOString();
    const recordedAt = prev && prev.recordedAt > now ? prev.recordedAt : now;
    return appendLink(prev, { ...input, recordedAt });
  }

  /**
   * Encrypts the rows, then writes them in one transaction. The last `appended` rows are new
   * links: they are added (not overwritten), so a concurrent write from another tab fails
   * instead of forking the chain.
   */
  private async write(rows: RevisionRecord[], appended: number): Promise<void> {
    const sealed = await Promise.all(rows.map((row) => this.table.seal(rowId(row.link.seq), row)));
    const updates = sealed.slice(0, sealed.length - appended);
    const additions = sealed.slice(sealed.length - appended);
    try {
      await guardStorage('write', () =>
        this.db.transaction('rw', this.db.revisions, async () => {
          if (updates.length) await this.db.revisions.bulkPut(updates);
          await this.db.revisions.bulkAdd(additions);
        }),
      );
    } catch (error) {
      // Nothing was written. Another tab may have moved the chain on: re-read it so that
      // trying again links onto the real head.
      await this.load().catch(() => undefined);
      throw error;
    }
    const bySeq = new Map(rows.map((row) => [row.link.seq, row]));
    this.records = this.records.map((record) => bySeq.get(record.link.seq) ?? record);
    for (const row of rows.slice(rows.length - appended)) this.records.push(row);
    this.byEntry = null;
    // The new links were built by appendLink on the last verified link, from content hashed
    // just now: the chain still verifies, now to the new head. A broken chain stays reported.
    if (this.verified?.result.ok) {
      this.verified = { length: this.records.length, result: { ok: true, length: this.records.length, head: this.head() } };
    }
  }
}
