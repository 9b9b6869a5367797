// Checks an export's evidence, and says exactly what was checked and what was not, so that no
// screen or report calls anything "verified" that was not.
//
// Version 1 (the whole chain travels with the file): the chain from its first link to its head,
// every complete revision against the hash its link carries, and that what the export shows agrees
// with the chain (each revision has its link, at the same time; no deleted entry shown as current;
// no version of an entry held back).
//
// Version 2 (only the exported versions' links, see exportDocument.ts): every link's hash is
// recomputed and its inclusion proof checked against the file's tree head { size, root }; links
// next to each other in the diary are checked against each other (prevHash, clock note, version
// order); each committed version's content hash is recomputed from its shown fields and the
// commitments of the fields left out, and compared with its link; each entry's versions must be
// numbered 1, 2, 3… with none missing; each earlier fingerprint's consistency proof is checked.
//
// What neither can check: whose diary the file is from (nothing in it is keyed: anyone can build a
// file that checks out; only a fingerprint the reader got from the diary keeper earlier ties it to
// their diary), the text of a partial revision (version 1 content with fields left
// out), the text of a version not held (set aside when a backup was restored: only its link is
// exported), what the sender chose to leave out (fields, incidents, checklists are the person's
// own answers and are not in the chain), that times are right (they come from the device's
// clock), and, for version 2, that no later version or deletion of a shown incident exists (only
// the diary, or a fingerprint held elsewhere, can show that). `coverage` names each. For a
// package, also: pictures carried as copies redrawn without their metadata (the record of
// changes commits to the original's SHA-256; the copy is checked only against the SHA-256 the
// package gives for it), and pictures the sender left out for their metadata.
//
// A version its reader set aside (authentic, but breaking a rule of its content) counts as such
// only if its link is in the file, at the same time, and its content exactly as carried has the
// hash the link records. Anything less (a partial version, content that was edited, a version
// made up) is a problem: the document is not verified.

import {
  clockNoteFor,
  committedContentHash,
  computeLinkHash,
  contentKey,
  GENESIS_HASH,
  isWellFormedLink,
  revisionContentHashOrNull,
  treeHead,
  verifyChain,
  verifyConsistency,
  verifyInclusion,
  type ChainBreak,
  type ChainLink,
  type ChainVerification,
  type ClockNote,
  type TreeHead,
} from '../evidence';
import {
  CORE_INCIDENT_KEYS,
  INCIDENT_KEYS,
  OMITTABLE_FIELDS,
  omittedFieldsOf,
  type ExportDocument,
  type ExportDocumentV1,
  type ExportDocumentV2,
  type ExportRevision,
  type IncidentKey,
  type OmittableField,
} from './exportDocument';
import type { NotHeldPart, SetAsideRecord, VersionNotHeld } from './setAside';
import type { AttachmentRef } from '../model/incident';

export type ExportProblem =
  /** An exported revision has no revision link in the chain (version 2: in the file). */
  | { kind: 'missing-link'; entryId: string; revision: number }
  /** An exported revision says it was written at another time than its link does. */
  | { kind: 'time-mismatch'; entryId: string; revision: number; exported: string; linked: string }
  /** The chain has a tombstone for an exported entry: it was deleted. */
  | { kind: 'deleted-entry'; entryId: string }
  /** A version of an exported entry is held back (version 2: its number is missing from 1, 2, 3…). */
  | { kind: 'missing-revision'; entryId: string; revision: number }
  /** The same entry and revision appear more than once in the export. */
  | { kind: 'duplicate-revision'; entryId: string; revision: number }
  /** A version set aside whose content, as carried, does not have the SHA-256 its link records. */
  | { kind: 'altered'; entryId: string; revision: number }
  /** A version set aside whose content cannot be matched to its link (partial, or not plain data). */
  | { kind: 'set-aside-unchecked'; entryId: string; revision: number }
  /** The head the document states is not where its chain ends. */
  | { kind: 'stated-head-mismatch'; stated: string; actual: string }
  /** Version 2: a link the file carries for no version it shows or names. */
  | { kind: 'unexplained-link'; entryId: string; revision: number }
  /** Version 2: an earlier fingerprint whose consistency proof does not lead to this tree. */
  | { kind: 'earlier-not-prefix'; size: number };

/** Something a verification cannot vouch for, named so screens and the report can say so. */
export type NotCovered =
  /**
   * That the file comes from the diary keeper's diary: it checks against its own record of changes
   * only, and nothing in it is keyed, so anyone can build a file that checks out. Only a
   * fingerprint the reader was given earlier by the diary keeper ties it to their diary.
   */
  | 'whose-diary'
  /** Fields the sender left out: not shown (their commitments are checked in version 2). */
  | 'fields-left-out'
  /** Which incidents and dates went out was the sender's choice: others may exist. */
  | 'scope'
  /** Checklist results are the person's answers, not part of the chain. */
  | 'checklists'
  /** Times come from the device's own clock (clock notes say only how each compares with the record before). */
  | 'device-clock'
  /** Version 2: that no later version or deletion of a shown incident exists beyond what the file shows. */
  | 'later-versions'
  /** The text of versions written before version 2 and exported with fields left out. */
  | 'v1-partial-text'
  /** The text of versions the sender's diary did not hold. */
  | 'not-held-text'
  /**
   * Pictures a package carries as copies redrawn without their metadata: the record of changes
   * commits to each original's SHA-256, and a copy's bytes are checked only against the SHA-256
   * the package gives for it, so what a picture shows is not checked against the record.
   */
  | 'redrawn-pictures'
  /** Pictures the sender's device left out: they hold a place or camera details and could not be redrawn. */
  | 'withheld-pictures';

/** A picture a package carries as a copy redrawn without its metadata. */
export interface RedrawnFile {
  /** The original as the document lists it: its SHA-256 is what the record of changes commits to. */
  ref: AttachmentRef;
  /** The copy's own SHA-256 and size, as the package gives them and as its bytes were checked against. */
  copySha256: string;
  copySize: number;
}

/** How far one exported version was checked. */
export type RevisionStatus =
  /** Its content hash was recomputed and matches its link: every shown field is as written. */
  | 'checked'
  /** Its link checks out, but its text (version 1 content with fields left out) cannot be. */
  | 'text-unchecked'
  /** Something about it does not agree with its link or the chain. */
  | 'failed';

export interface RevisionCoverage {
  entryId: string;
  revision: number;
  status: RevisionStatus;
  /** Top-level fields shown and checked against the link (none unless 'checked'). */
  fieldsChecked: IncidentKey[];
  /** Fields left out of it. */
  fieldsLeftOut: OmittableField[];
  /**
   * Its link's clock note, if any: 'behind' (the device's clock read earlier than the previous
   * record) or 'ahead' (saved more than a day after the previous record).
   */
  clock?: ClockNote;
}

export interface ClockNoteFound {
  entryId: string;
  revision: number;
  note: ClockNote;
}

export interface EarlierCheck {
  size: number;
  root: string;
  /** When the file says it was shared: the file's own claim, not checked. */
  sharedAt: string;
  /**
   * Its consistency proof leads to this file's tree head: it is an earlier state of this file's
   * record of changes (only the reader's own copy, from the diary keeper, ties it to their diary).
   */
  proven: boolean;
}

export interface ExportCoverage {
  /** Versions whose content was checked against their link. */
  checkedRevisions: number;
  /** Fields shown and checked in every checked version (none when no version was checked). */
  fieldsChecked: Set<IncidentKey>;
  /** Fields left out of any version. */
  fieldsWithheld: Set<OmittableField>;
  /** Versions exported with fields left out whose text could not be checked ('partial'). */
  uncheckedV1Partial: number;
  /** Versions whose text the sender's diary did not hold. */
  notHeld: number;
  /** Every exported version whose link carries a clock note, in the order of the file. */
  clockNotes: ClockNoteFound[];
  /** Version 2: the earlier fingerprints the file carries, and whether each was proven. */
  earlier: EarlierCheck[];
  /** What the result does not vouch for, in this order. */
  notCovered: NotCovered[];
  /** Every version the file shows, in the order of the file. */
  revisions: RevisionCoverage[];
  /** Pictures carried as redrawn copies (a package's; none for other files). */
  redrawnFiles: RedrawnFile[];
  /** Pictures the sender left out for their metadata (a package's; none for other files). */
  withheldFiles: AttachmentRef[];
  /**
   * Every version of an order the file shows (version 2 files with orders; none otherwise), in
   * the order of the file: 'checked' when its content hash matches its link and nothing else is
   * wrong with it. Not counted in checkedRevisions, which counts incidents' versions.
   */
  orderRevisions: OrderRevisionCoverage[];
}

/** How far one exported version of an order was checked (orders are never left out in part). */
export interface OrderRevisionCoverage {
  orderId: string;
  revision: number;
  status: 'checked' | 'failed';
}

export interface ExportVerification {
  version: ExportDocument['version'];
  /**
   * Version 1: the chain from genesis, with every complete revision's content checked against its
   * hash. Version 2: the exported links against the tree head ({ ok, length: size, head: root }
   * when every check holds; else the first break, brokenAt being the link's place in the diary).
   */
  chain: ChainVerification;
  /** The tree head the links were checked against (version 1: the whole chain's, when it holds). */
  tree: TreeHead | null;
  /** Revisions whose content was checked against their hash. */
  completeRevisions: number;
  /** Revisions with fields left out whose text cannot be checked. */
  partialRevisions: number;
  /**
   * Versions set aside by the reader whose link is in the chain and whose content, as carried,
   * matches its hash: authentic, but not shown (each is listed with why).
   */
  setAsideRevisions: number;
  /**
   * Versions Daybook could not read when it was restored from a backup: their place in the chain
   * is checked, their text is not held (so never checked). Only those that check out are here.
   */
  notHeld: VersionNotHeld[];
  entriesChecked: number;
  problems: ExportProblem[];
  coverage: ExportCoverage;
}

export interface ExportVerifyOptions {
  /**
   * A head recorded elsewhere (a PDF report, an earlier export); defaults to the document's own.
   * Version 2: compared with the tree's root.
   */
  expectedHead?: string;
  /**
   * Versions the file carried but its reader set aside (see setAside.ts): not held back by the
   * sender, so not reported as missing. Their links are checked with the rest of the chain.
   */
  setAside?: readonly SetAsideRecord[];
  /** The content of each complete version set aside, as carried, by contentKey (from the reader). */
  setAsideContent?: ReadonlyMap<string, unknown>;
  /** A package's pictures carried as redrawn copies, and those left out (from the reader). */
  files?: { redrawn: readonly RedrawnFile[]; withheld: readonly AttachmentRef[] };
}

type Document = ExportDocument & NotHeldPart;

/** Verifies an export document's evidence; see ExportVerification. Does not throw for a malformed chain. */
export async function verifyExportDocument(doc: Document, options: ExportVerifyOptions = {}): Promise<ExportVerification> {
  return doc.version === 1 ? verifyV1(doc, options) : verifyV2(doc, options);
}

/** True when everything the file claims that can be checked was checked and holds. */
export function exportVerified(verification: ExportVerification): boolean {
  // A version whose text the file does not hold cannot be checked: the file's own word that it
  // was set aside at a restore is not proof, so nothing with one is called verified.
  return verification.chain.ok && verification.problems.length === 0 && verification.notHeld.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Shared bookkeeping: which versions the document names, each matched to its link once.

interface Ledger {
  problems: ExportProblem[];
  /** Keys of every version the document shows or names. */
  seen: Set<string>;
  /** Entries the document shows or names a version of. */
  named: Set<string>;
  notHeld: VersionNotHeld[];
  setAsideRevisions: number;
  /** The link of a version the document names, if it has one at the same time; else reports why not. */
  linkOf(entryId: string, revision: number, recordedAt: string): ChainLink | undefined;
}

function ledger(revisionLinks: ReadonlyMap<string, ChainLink>): Ledger {
  const l: Ledger = {
    problems: [],
    seen: new Set(),
    named: new Set(),
    notHeld: [],
    setAsideRevisions: 0,
    linkOf(entryId, revision, recordedAt) {
      const key = contentKey(entryId, revision);
      l.named.add(entryId);
      if (l.seen.has(key)) {
        l.problems.push({ kind: 'duplicate-revision', entryId, revision });
        return undefined;
      }
      l.seen.add(key);
      const link = revisionLinks.get(key);
      if (link === undefined) l.problems.push({ kind: 'missing-link', entryId, revision });
      else if (link.recordedAt !== recordedAt)
        l.problems.push({ kind: 'time-mismatch', entryId, revision, exported: recordedAt, linked: link.recordedAt });
      else return link;
      return undefined;
    },
  };
  return l;
}

/** A version set aside is authentic only if it is exactly what its link commits to. */
async function checkSetAside(l: Ledger, options: ExportVerifyOptions, hashOf: (content: unknown) => Promise<string | null>): Promise<void> {
  for (const record of options.setAside ?? []) {
    if (record.record !== 'revision') continue;
    const { entryId, revision } = record;
    const link = l.linkOf(entryId, revision, record.recordedAt);
    if (link === undefined) continue;
    const key = contentKey(entryId, revision);
    const content = options.setAsideContent?.has(key) ? options.setAsideContent.get(key) : undefined;
    if (content === undefined) l.problems.push({ kind: 'set-aside-unchecked', entryId, revision });
    else if ((await hashOf(content)) !== link.contentHash) l.problems.push({ kind: 'altered', entryId, revision });
    else l.setAsideRevisions++;
  }
}

/** A version not held: its link, and no content for it anywhere in the document. */
function checkNotHeld(l: Ledger, doc: Document): void {
  for (const version of doc.versionsNotHeld ?? []) {
    if (l.linkOf(version.entryId, version.revision, version.recordedAt)) l.notHeld.push({ ...version });
  }
}

// ---------------------------------------------------------------------------------------------
// Version 1

/** What the chain says about each entry. */
interface ChainIndex {
  revisionLinks: Map<string, ChainLink>;
  /** Revision numbers of each entry's revision links, in chain order. */
  revisionsOf: Map<string, number[]>;
  deleted: Set<string>;
}

function indexChain(links: readonly ChainLink[]): ChainIndex {
  const index: ChainIndex = { revisionLinks: new Map(), revisionsOf: new Map(), deleted: new Set() };
  for (const link of links) {
    // A malformed link is verifyChain's to report; it says nothing about any entry.
    if (!isWellFormedLink(link)) continue;
    if (link.kind === 'tombstone') {
      index.deleted.add(link.entryId);
      continue;
    }
    index.revisionLinks.set(contentKey(link.entryId, link.revision), link);
    const numbers = index.revisionsOf.get(link.entryId) ?? [];
    numbers.push(link.revision);
    index.revisionsOf.set(link.entryId, numbers);
  }
  return index;
}

async function verifyV1(doc: ExportDocumentV1 & NotHeldPart, options: ExportVerifyOptions): Promise<ExportVerification> {
  const index = indexChain(doc.chain.links);
  const l = ledger(index.revisionLinks);
  const contents = new Map<string, unknown>();
  let completeRevisions = 0;
  let partialRevisions = 0;

  for (const entry of doc.entries) {
    for (const revision of entry.revisions) {
      const key = contentKey(entry.id, revision.revision);
      if (l.seen.has(key)) {
        l.problems.push({ kind: 'duplicate-revision', entryId: entry.id, revision: revision.revision });
        continue;
      }
      l.linkOf(entry.id, revision.revision, revision.recordedAt);
      if (revision.kind === 'partial') partialRevisions++;
      else {
        contents.set(key, revision.content);
        completeRevisions++;
      }
    }
  }
  await checkSetAside(l, options, revisionContentHashOrNull);
  checkNotHeld(l, doc);
  for (const entryId of l.named) {
    if (index.deleted.has(entryId)) l.problems.push({ kind: 'deleted-entry', entryId });
    // Every version is exported: holding back the first one would hide that it was edited.
    for (const number of index.revisionsOf.get(entryId) ?? []) {
      if (!l.seen.has(contentKey(entryId, number))) l.problems.push({ kind: 'missing-revision', entryId, revision: number });
    }
  }

  const chain = await verifyChain(doc.chain.links, contents, { expectedHead: options.expectedHead ?? doc.chain.head });
  if (chain.ok && chain.head !== doc.chain.head)
    l.problems.push({ kind: 'stated-head-mismatch', stated: doc.chain.head, actual: chain.head });
  const tree = chain.ok ? await treeHead(doc.chain.links.map((link) => link.hash)) : null;

  // Per version: a complete one is checked when the chain holds (verifyChain matched its content)
  // and nothing is wrong with it.
  const failed = failedVersions(l.problems, chain);
  const revisions = doc.entries.flatMap((entry) =>
    entry.revisions.map((revision): RevisionCoverage => {
      const key = contentKey(entry.id, revision.revision);
      const link = index.revisionLinks.get(key);
      const status: RevisionStatus =
        !chain.ok || failed.has(key) || failed.has(entry.id) ? 'failed' : revision.kind === 'partial' ? 'text-unchecked' : 'checked';
      return revisionCoverage(entry.id, revision, status, link);
    }),
  );
  const verification = {
    version: 1 as const,
    chain,
    tree,
    completeRevisions,
    partialRevisions,
    setAsideRevisions: l.setAsideRevisions,
    notHeld: l.notHeld,
    entriesChecked: doc.entries.length,
    problems: l.problems,
  };
  return { ...verification, coverage: coverageOf(doc, verification, revisions, [], options.files) };
}

// ---------------------------------------------------------------------------------------------
// Version 2

// Hashing a few hundred at once lets WebCrypto overlap the digests without queuing a whole file's.
const BATCH = 256;

async function inBatches<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += BATCH) {
    out.push(...(await Promise.all(items.slice(start, start + BATCH).map((item, i) => work(item, start + i)))));
  }
  return out;
}

/** The first break found, by the link's place in the diary. */
class Breaks {
  first: { brokenAt: number; reason: ChainBreak; entryId?: string } | null = null;

  add(brokenAt: number, reason: ChainBreak, entryId?: string): void {
    if (this.first === null || brokenAt < this.first.brokenAt)
      this.first = { brokenAt, reason, ...(entryId === undefined ? {} : { entryId }) };
  }
}

function sameNote(a: ClockNote | undefined, b: ClockNote | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.kind === b.kind;
}

/**
 * Each link on its own (hash, inclusion proof) and against the exported links before it: the one
 * just before it in the diary when that one is exported too, and the diary's rules that hold
 * across gaps (a version 1 link never after a version 2 one; version 1 links in time order).
 */
async function checkLinks(doc: ExportDocumentV2, breaks: Breaks): Promise<ChainLink[]> {
  const head: TreeHead = { size: doc.chain.size, root: doc.chain.root };
  const links: readonly unknown[] = doc.chain.links;
  const results = await inBatches(links, async (link, i): Promise<ChainLink | null> => {
    if (!isWellFormedLink(link)) {
      // Its place in the diary cannot be read: reported at its place in the file.
      breaks.add(i, 'malformed');
      return null;
    }
    const proof = (link as { proof?: unknown }).proof;
    if ((await computeLinkHash(link)) !== link.hash) breaks.add(link.seq, 'hash-mismatch', link.entryId);
    else if (!Array.isArray(proof) || !(await verifyInclusion(link.hash, link.seq, head, proof as unknown[] as string[])))
      // Not link `seq` of this tree: moved, from another diary, or a proof for another root.
      breaks.add(link.seq, 'sequence', link.entryId);
    return link;
  });
  const sound: ChainLink[] = [];
  let prev: ChainLink | null = null;
  let sawV2 = false;
  let lastV1Time = Number.NEGATIVE_INFINITY;
  for (const link of results) {
    if (link === null) continue;
    const fail = (reason: ChainBreak) => breaks.add(link.seq, reason, link.entryId);
    if (prev !== null && link.seq <= prev.seq) fail('sequence');
    else if (link.seq === 0 && link.prevHash !== GENESIS_HASH) fail('prev-mismatch');
    else if (prev !== null && link.seq === prev.seq + 1 && link.prevHash !== prev.hash) fail('prev-mismatch');
    else if (link.v === undefined && sawV2) fail('version-order');
    else if (link.v === undefined && Date.parse(link.recordedAt) < lastV1Time) fail('timestamp-order');
    else if (link.v === 2 && link.seq === 0 && link.clock !== undefined) fail('clock-note');
    else if (link.v === 2 && prev !== null && link.seq === prev.seq + 1 && !sameNote(link.clock, clockNoteFor(prev, link.recordedAt)))
      fail('clock-note');
    if (link.v === 2) sawV2 = true;
    else lastV1Time = Math.max(lastV1Time, Date.parse(link.recordedAt));
    sound.push(link);
    prev = link;
  }
  return sound;
}

async function verifyV2(doc: ExportDocumentV2 & NotHeldPart, options: ExportVerifyOptions): Promise<ExportVerification> {
  const breaks = new Breaks();
  const head: TreeHead = { size: doc.chain.size, root: doc.chain.root };
  const links = await checkLinks(doc, breaks);

  const revisionLinks = new Map<string, ChainLink>();
  const tombstoned = new Map<string, ChainLink>();
  for (const link of links) {
    const key = contentKey(link.entryId, link.revision);
    if (link.kind === 'tombstone') tombstoned.set(link.entryId, link);
    // The same version twice in the diary cannot be: its numbering is broken.
    else if (revisionLinks.has(key)) breaks.add(link.seq, 'revision-order', link.entryId);
    else revisionLinks.set(key, link);
  }
  const l = ledger(revisionLinks);
  let completeRevisions = 0;
  let partialRevisions = 0;
  const statuses = new Map<string, RevisionStatus>();

  const hashes = await inBatches(
    doc.entries.flatMap((entry) => entry.revisions),
    (revision): Promise<string | null> => {
      if (revision.kind === 'committed') return committedContentHash(revision.content);
      if (revision.kind === 'complete') return revisionContentHashOrNull(revision.content);
      return Promise.resolve(null);
    },
  );
  let h = 0;
  for (const entry of doc.entries) {
    for (const revision of entry.revisions) {
      const computed = hashes[h++];
      const key = contentKey(entry.id, revision.revision);
      if (l.seen.has(key)) {
        l.problems.push({ kind: 'duplicate-revision', entryId: entry.id, revision: revision.revision });
        continue;
      }
      const link = l.linkOf(entry.id, revision.revision, revision.recordedAt);
      if (revision.kind === 'partial') {
        partialRevisions++;
        // Its text cannot be checked, whatever its link: version 1 content (also on a version 2
        // link, where a version merged from an older backup keeps it) has no per-field proof. A
        // version 2 version relabelled partial is therefore only ever shown as unchecked text.
        statuses.set(key, link === undefined ? 'failed' : 'text-unchecked');
        continue;
      }
      completeRevisions++;
      if (link !== undefined && computed !== link.contentHash) breaks.add(link.seq, 'content-mismatch', entry.id);
      statuses.set(key, link !== undefined && computed === link.contentHash ? 'checked' : 'failed');
    }
  }
  // Orders: every version shown whole, each matched to its link like an incident's.
  const orders = doc.orders ?? [];
  const orderHashes = await inBatches(
    orders.flatMap((order) => order.revisions),
    (revision) => committedContentHash(revision.content),
  );
  let o = 0;
  for (const order of orders) {
    for (const revision of order.revisions) {
      const computed = orderHashes[o++];
      const key = contentKey(order.id, revision.revision);
      if (l.seen.has(key)) {
        l.problems.push({ kind: 'duplicate-revision', entryId: order.id, revision: revision.revision });
        continue;
      }
      const link = l.linkOf(order.id, revision.revision, revision.recordedAt);
      if (link !== undefined && computed !== link.contentHash) breaks.add(link.seq, 'content-mismatch', order.id);
      statuses.set(key, link !== undefined && computed === link.contentHash ? 'checked' : 'failed');
    }
  }
  await checkSetAside(l, options, async (content) =>
    typeof content === 'object' && content !== null && Object.hasOwn(content, 'withheld')
      ? committedContentHash(content)
      : revisionContentHashOrNull(content),
  );
  checkNotHeld(l, doc);

  // Every version number the file shows, names or carries a link for, by entry.
  const numbersOf = new Map<string, Set<number>>();
  const note = (entryId: string, revision: number) => {
    const numbers = numbersOf.get(entryId) ?? new Set<number>();
    numbers.add(revision);
    numbersOf.set(entryId, numbers);
  };
  for (const key of l.seen) {
    const at = key.lastIndexOf('#');
    note(key.slice(0, at), Number(key.slice(at + 1)));
  }
  for (const link of links) {
    if (link.kind === 'tombstone') {
      if (!l.named.has(link.entryId)) l.problems.push({ kind: 'unexplained-link', entryId: link.entryId, revision: link.revision });
    } else if (!l.named.has(link.entryId)) {
      l.problems.push({ kind: 'unexplained-link', entryId: link.entryId, revision: link.revision });
    } else if (!l.seen.has(contentKey(link.entryId, link.revision))) {
      // A version of a shown incident whose link is here but whose content is not: held back.
      l.problems.push({ kind: 'missing-revision', entryId: link.entryId, revision: link.revision });
      note(link.entryId, link.revision);
    }
  }
  for (const entryId of l.named) {
    if (tombstoned.has(entryId)) l.problems.push({ kind: 'deleted-entry', entryId });
    checkNumbering(entryId, numbersOf.get(entryId) ?? new Set(), l, revisionLinks, breaks);
  }

  const earlier: EarlierCheck[] = [];
  for (const fingerprint of doc.chain.earlier) {
    const proven = await verifyConsistency({ size: fingerprint.size, root: fingerprint.root }, head, fingerprint.proof);
    if (!proven) l.problems.push({ kind: 'earlier-not-prefix', size: fingerprint.size });
    earlier.push({ size: fingerprint.size, root: fingerprint.root, sharedAt: fingerprint.sharedAt, proven });
  }
  if (options.expectedHead !== undefined && options.expectedHead !== head.root) breaks.add(head.size, 'head-mismatch');

  const chain: ChainVerification =
    breaks.first === null ? { ok: true, length: head.size, head: head.root } : { ok: false, ...breaks.first };
  const failed = failedVersions(l.problems, chain);
  const revisions = doc.entries.flatMap((entry) =>
    entry.revisions.map((revision): RevisionCoverage => {
      const key = contentKey(entry.id, revision.revision);
      const link = revisionLinks.get(key);
      const own = statuses.get(key) ?? 'failed';
      const brokenHere = !chain.ok && link !== undefined && chain.brokenAt === link.seq;
      const status = failed.has(key) || failed.has(entry.id) || brokenHere ? 'failed' : own;
      return revisionCoverage(entry.id, revision, status, link);
    }),
  );
  const orderRevisions = orders.flatMap((order) =>
    order.revisions.map((revision): OrderRevisionCoverage => {
      const key = contentKey(order.id, revision.revision);
      const link = revisionLinks.get(key);
      const brokenHere = !chain.ok && link !== undefined && chain.brokenAt === link.seq;
      const checked = statuses.get(key) === 'checked' && !failed.has(key) && !failed.has(order.id) && !brokenHere;
      return { orderId: order.id, revision: revision.revision, status: checked ? 'checked' : 'failed' };
    }),
  );
  const verification = {
    version: 2 as const,
    chain,
    tree: head,
    completeRevisions,
    partialRevisions,
    setAsideRevisions: l.setAsideRevisions,
    notHeld: l.notHeld,
    entriesChecked: doc.entries.length,
    problems: l.problems,
  };
  return { ...verification, coverage: coverageOf(doc, verification, revisions, earlier, options.files, orderRevisions) };
}

/**
 * An entry's versions (shown, not held or set aside) must be 1, 2, 3… with none missing, each
 * later in the diary than the one before. Without the whole chain, that the last one shown is
 * the entry's last is not known (see 'later-versions'). A gap is reported once, at its first
 * number: a hostile file's revision 2^52 must not mean 2^52 problems.
 */
function checkNumbering(
  entryId: string,
  numbers: ReadonlySet<number>,
  l: Ledger,
  revisionLinks: ReadonlyMap<string, ChainLink>,
  breaks: Breaks,
): void {
  let expected = 1;
  let previous: ChainLink | undefined;
  for (const revision of [...numbers].sort((a, b) => a - b)) {
    if (revision > expected) l.problems.push({ kind: 'missing-revision', entryId, revision: expected });
    expected = revision + 1;
    const link = revisionLinks.get(contentKey(entryId, revision));
    if (link === undefined) continue;
    if (previous !== undefined && link.seq <= previous.seq) breaks.add(link.seq, 'revision-order', entryId);
    previous = link;
  }
}

// ---------------------------------------------------------------------------------------------
// Coverage

/** Keys of versions (and ids of entries) that a problem concerns. */
function failedVersions(problems: readonly ExportProblem[], chain: ChainVerification): Set<string> {
  const failed = new Set<string>();
  for (const problem of problems) {
    if (problem.kind === 'deleted-entry' || problem.kind === 'missing-revision') failed.add(problem.entryId);
    else if ('entryId' in problem) failed.add(contentKey(problem.entryId, problem.revision));
  }
  if (!chain.ok && chain.reason === 'content-mismatch' && chain.entryId !== undefined) failed.add(chain.entryId);
  return failed;
}

function revisionCoverage(
  entryId: string,
  revision: ExportRevision,
  status: RevisionStatus,
  link: ChainLink | undefined,
): RevisionCoverage {
  const fieldsLeftOut = [...omittedFieldsOf(revision)];
  const fieldsChecked =
    status !== 'checked'
      ? []
      : revision.kind === 'committed'
        ? INCIDENT_KEYS.filter((key) => Object.hasOwn(revision.content.fields, key))
        : [...CORE_INCIDENT_KEYS]; // a version 1 revision has none of the later fields
  return {
    entryId,
    revision: revision.revision,
    status,
    fieldsChecked,
    fieldsLeftOut,
    ...(link?.clock === undefined ? {} : { clock: { ...link.clock } }),
  };
}

function coverageOf(
  doc: ExportDocument,
  verification: Omit<ExportVerification, 'coverage'>,
  revisions: RevisionCoverage[],
  earlier: EarlierCheck[],
  files: ExportVerifyOptions['files'],
  orderRevisions: OrderRevisionCoverage[] = [],
): ExportCoverage {
  const checked = revisions.filter((r) => r.status === 'checked');
  const fieldsChecked = new Set<IncidentKey>(
    checked.length === 0 ? [] : INCIDENT_KEYS.filter((key) => checked.every((r) => r.fieldsChecked.includes(key))),
  );
  // A field the scope leaves out is named when every version has it (a core field), or when a
  // version shown does leave it out: versions from before issue 16 have no private notes (or who
  // was told) to leave out, and "they exist" would not be true of them.
  const fieldsWithheld = new Set<OmittableField>(
    OMITTABLE_FIELDS.filter(
      (field) =>
        (doc.scope.omittedFields.includes(field) && (CORE_INCIDENT_KEYS as readonly string[]).includes(field)) ||
        revisions.some((r) => r.fieldsLeftOut.includes(field)),
    ),
  );
  const uncheckedV1Partial = revisions.filter((r) => r.status === 'text-unchecked').length;
  const notHeld = verification.notHeld.length;
  const notCovered: NotCovered[] = ['whose-diary'];
  if (fieldsWithheld.size > 0) notCovered.push('fields-left-out');
  notCovered.push('scope');
  if (doc.checklists.length > 0) notCovered.push('checklists');
  notCovered.push('device-clock');
  if (doc.version === 2) notCovered.push('later-versions');
  if (uncheckedV1Partial > 0) notCovered.push('v1-partial-text');
  if (notHeld > 0) notCovered.push('not-held-text');
  const redrawnFiles = files ? [...files.redrawn] : [];
  const withheldFiles = files ? [...files.withheld] : [];
  if (redrawnFiles.length > 0) notCovered.push('redrawn-pictures');
  if (withheldFiles.length > 0) notCovered.push('withheld-pictures');
  return {
    checkedRevisions: checked.length,
    fieldsChecked,
    fieldsWithheld,
    uncheckedV1Partial,
    notHeld,
    clockNotes: revisions.flatMap((r) => (r.clock ? [{ entryId: r.entryId, revision: r.revision, note: r.clock }] : [])),
    earlier,
    notCovered,
    revisions,
    redrawnFiles,
    withheldFiles,
    orderRevisions,
  };
}

// ---------------------------------------------------------------------------------------------
// The statement screens and the report make (data, not words: core has no translations)

export interface VerifiedStatement {
  /**
   * 'verified': every check holds and every shown version's text was checked against the file's
   * own record of changes (fields left out are named, not checked; whose diary it is, is not
   * checked: see 'whose-diary'). 'partly-verified': every check holds, but the text of some versions could
   * not be checked (uncheckedText). 'not-verified': a check failed, or text the file relies on is
   * not in it.
   */
  outcome: 'verified' | 'partly-verified' | 'not-verified';
  version: ExportDocument['version'];
  /** The tree head the file's links were checked against (its fingerprint). */
  tree: TreeHead | null;
  checkedRevisions: number;
  /** Shown fields checked in every checked version, in the app's order. */
  fieldsChecked: IncidentKey[];
  /** Fields left out, in the app's order. */
  fieldsLeftOut: OmittableField[];
  /** Versions whose text could not be checked (version 1 content with fields left out). */
  uncheckedText: number;
  notHeld: number;
  /** Versions whose link notes that the device's clock read earlier than the previous record. */
  clockBehind: number;
  /** Versions whose link notes that they were saved more than a day after the previous record. */
  clockAhead: number;
  /**
   * Earlier fingerprints proven to be earlier states of this file's record of changes (when each
   * was shared is the file's own claim).
   */
  earlierProven: number;
  problems: number;
  notCovered: NotCovered[];
  /** Pictures carried as copies redrawn without their metadata, and pictures left out for it. */
  redrawnPictures: number;
  withheldPictures: number;
}

export function verifiedStatement(verification: ExportVerification): VerifiedStatement {
  const { coverage } = verification;
  const ok = exportVerified(verification);
  return {
    outcome: !ok ? 'not-verified' : coverage.uncheckedV1Partial > 0 ? 'partly-verified' : 'verified',
    version: verification.version,
    tree: verification.tree,
    checkedRevisions: coverage.checkedRevisions,
    fieldsChecked: INCIDENT_KEYS.filter((key) => coverage.fieldsChecked.has(key)),
    fieldsLeftOut: OMITTABLE_FIELDS.filter((field) => coverage.fieldsWithheld.has(field)),
    uncheckedText: coverage.uncheckedV1Partial,
    notHeld: coverage.notHeld,
    clockBehind: coverage.clockNotes.filter((found) => found.note.kind === 'behind').length,
    clockAhead: coverage.clockNotes.filter((found) => found.note.kind === 'ahead').length,
    earlierProven: coverage.earlier.filter((e) => e.proven).length,
    problems: verification.problems.length,
    notCovered: coverage.notCovered,
    redrawnPictures: coverage.redrawnFiles.length,
    withheldPictures: coverage.withheldFiles.length,
  };
}
