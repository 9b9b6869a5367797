// Checks an export's evidence: the whole hash chain from its first link to its head, every
// complete revision against the hash its link carries, and that what the export shows agrees
// with the chain (each revision has its link, at the same time; no deleted entry shown as
// current; no version of an entry held back).
//
// What this cannot check: the text of a partial revision (fields were left out, so it no
// longer matches its hash), the text of a version not held (set aside when a backup was restored:
// only its link is exported), and that the chain was not cut short at its end unless the head
// is compared with one recorded elsewhere (options.expectedHead; see evidence/chain.ts).
//
// A version its reader set aside (authentic, but breaking a rule of its content) counts as such
// only if its link is in the chain, at the same time, and its content exactly as carried has the
// SHA-256 the link records. Anything less (a partial version, content that was edited, a version
// made up) is a problem: the document is not verified.

import { contentHashOrNull, contentKey, isWellFormedLink, verifyChain, type ChainLink, type ChainVerification } from '../evidence';
import type { ExportDocument } from './exportDocument';
import type { NotHeldPart, SetAsideRecord, VersionNotHeld } from './setAside';

export type ExportProblem =
  /** An exported revision has no revision link in the chain. */
  | { kind: 'missing-link'; entryId: string; revision: number }
  /** An exported revision says it was written at another time than its link does. */
  | { kind: 'time-mismatch'; entryId: string; revision: number; exported: string; linked: string }
  /** The chain has a tombstone for an exported entry: it was deleted. */
  | { kind: 'deleted-entry'; entryId: string }
  /** The chain has a revision of an exported entry that the export does not carry. */
  | { kind: 'missing-revision'; entryId: string; revision: number }
  /** The same entry and revision appear more than once in the export. */
  | { kind: 'duplicate-revision'; entryId: string; revision: number }
  /** A version set aside whose content, as carried, does not have the SHA-256 its link records. */
  | { kind: 'altered'; entryId: string; revision: number }
  /** A version set aside whose content cannot be matched to its link (partial, or not plain data). */
  | { kind: 'set-aside-unchecked'; entryId: string; revision: number }
  /** The head the document states is not where its chain ends. */
  | { kind: 'stated-head-mismatch'; stated: string; actual: string };

export interface ExportVerification {
  /** The chain from genesis, with every complete revision's content checked against its hash. */
  chain: ChainVerification;
  /** Revisions whose content was checked against their hash. */
  completeRevisions: number;
  /** Revisions with fields left out: their link is in the chain, their text cannot be checked. */
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
}

export interface ExportVerifyOptions {
  /** A head recorded elsewhere (a PDF report, an earlier export); defaults to the document's own. */
  expectedHead?: string;
  /**
   * Versions the file carried but its reader set aside (see setAside.ts): not held back by the
   * sender, so not reported as missing. Their links are checked with the rest of the chain.
   */
  setAside?: readonly SetAsideRecord[];
  /** The content of each complete version set aside, as carried, by contentKey (from the reader). */
  setAsideContent?: ReadonlyMap<string, unknown>;
}

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

/** Verifies an export document's evidence; see ExportVerification. Does not throw for a malformed chain. */
export async function verifyExportDocument(
  doc: ExportDocument & NotHeldPart,
  options: ExportVerifyOptions = {},
): Promise<ExportVerification> {
  const index = indexChain(doc.chain.links);
  const contents = new Map<string, unknown>();
  const seen = new Set<string>();
  const problems: ExportProblem[] = [];
  let completeRevisions = 0;
  let partialRevisions = 0;
  let setAsideRevisions = 0;
  const notHeld: VersionNotHeld[] = [];
  /** Entries the document shows or names a version of. */
  const named = new Set<string>();

  /** The link of a version the document names, if it has one at the same time; else reports why not. */
  const linkOf = (entryId: string, revision: number, recordedAt: string): ChainLink | undefined => {
    const key = contentKey(entryId, revision);
    named.add(entryId);
    if (seen.has(key)) {
      problems.push({ kind: 'duplicate-revision', entryId, revision });
      return undefined;
    }
    seen.add(key);
    const link = index.revisionLinks.get(key);
    if (link === undefined) problems.push({ kind: 'missing-link', entryId, revision });
    else if (link.recordedAt !== recordedAt)
      problems.push({ kind: 'time-mismatch', entryId, revision, exported: recordedAt, linked: link.recordedAt });
    else return link;
    return undefined;
  };

  for (const entry of doc.entries) {
    const entryId = entry.id;
    for (const revision of entry.revisions) {
      const key = contentKey(entryId, revision.revision);
      if (seen.has(key)) {
        problems.push({ kind: 'duplicate-revision', entryId, revision: revision.revision });
        continue;
      }
      linkOf(entryId, revision.revision, revision.recordedAt);
      if (revision.kind === 'complete') {
        contents.set(key, revision.content);
        completeRevisions++;
      } else {
        partialRevisions++;
      }
    }
  }
  // A version set aside is authentic only if it is exactly what its link commits to.
  for (const record of options.setAside ?? []) {
    if (record.record !== 'revision') continue;
    const { entryId, revision } = record;
    const link = linkOf(entryId, revision, record.recordedAt);
    if (link === undefined) continue;
    const key = contentKey(entryId, revision);
    const content = options.setAsideContent?.has(key) ? options.setAsideContent.get(key) : undefined;
    if (content === undefined) problems.push({ kind: 'set-aside-unchecked', entryId, revision });
    else if ((await contentHashOrNull(content)) !== link.contentHash) problems.push({ kind: 'altered', entryId, revision });
    else setAsideRevisions++;
  }
  // A version not held: its link, and no content for it anywhere in the document.
  for (const version of doc.versionsNotHeld ?? []) {
    if (linkOf(version.entryId, version.revision, version.recordedAt)) notHeld.push({ ...version });
  }
  for (const entryId of named) {
    if (index.deleted.has(entryId)) problems.push({ kind: 'deleted-entry', entryId });
    // Every version is exported: holding back the first one would hide that it was edited.
    for (const number of index.revisionsOf.get(entryId) ?? []) {
      if (!seen.has(contentKey(entryId, number))) problems.push({ kind: 'missing-revision', entryId, revision: number });
    }
  }

  const chain = await verifyChain(doc.chain.links, contents, { expectedHead: options.expectedHead ?? doc.chain.head });
  if (chain.ok && chain.head !== doc.chain.head)
    problems.push({ kind: 'stated-head-mismatch', stated: doc.chain.head, actual: chain.head });

  return { chain, completeRevisions, partialRevisions, setAsideRevisions, notHeld, entriesChecked: doc.entries.length, problems };
}

/** True when the chain holds and the export agrees with it in every respect checked. */
export function exportVerified(verification: ExportVerification): boolean {
  // A version whose text the file does not hold cannot be checked: the file's own word that it
  // was set aside at a restore is not proof, so nothing with one is called verified.
  return verification.chain.ok && verification.problems.length === 0 && verification.notHeld.length === 0;
}
