// Checks an export's evidence: the whole hash chain from its first link to its head, every
// complete revision against the hash its link carries, and that what the export shows agrees
// with the chain (each revision has its link, at the same time; no deleted entry shown as
// current; no version of an entry held back).
//
// What this cannot check: the text of a partial revision (fields were left out, so it no
// longer matches its hash), and that the chain was not cut short at its end unless the head
// is compared with one recorded elsewhere (options.expectedHead; see evidence/chain.ts).

import { contentKey, isWellFormedLink, verifyChain, type ChainLink, type ChainVerification } from '../evidence';
import type { ExportDocument } from './exportDocument';
import type { SetAsideRecord } from './setAside';

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
  /** The head the document states is not where its chain ends. */
  | { kind: 'stated-head-mismatch'; stated: string; actual: string };

export interface ExportVerification {
  /** The chain from genesis, with every complete revision's content checked against its hash. */
  chain: ChainVerification;
  /** Revisions whose content was checked against their hash. */
  completeRevisions: number;
  /** Revisions with fields left out: their link is in the chain, their text cannot be checked. */
  partialRevisions: number;
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
export async function verifyExportDocument(doc: ExportDocument, options: ExportVerifyOptions = {}): Promise<ExportVerification> {
  const index = indexChain(doc.chain.links);
  const contents = new Map<string, unknown>();
  const seen = new Set<string>();
  const problems: ExportProblem[] = [];
  const setAside = new Set(
    (options.setAside ?? []).flatMap((record) => (record.record === 'revision' ? [contentKey(record.entryId, record.revision)] : [])),
  );
  let completeRevisions = 0;
  let partialRevisions = 0;

  for (const entry of doc.entries) {
    const entryId = entry.id;
    if (index.deleted.has(entryId)) problems.push({ kind: 'deleted-entry', entryId });
    for (const revision of entry.revisions) {
      const key = contentKey(entryId, revision.revision);
      if (seen.has(key)) {
        problems.push({ kind: 'duplicate-revision', entryId, revision: revision.revision });
        continue;
      }
      seen.add(key);
      const link = index.revisionLinks.get(key);
      if (link === undefined) problems.push({ kind: 'missing-link', entryId, revision: revision.revision });
      else if (link.recordedAt !== revision.recordedAt) {
        problems.push({
          kind: 'time-mismatch',
          entryId,
          revision: revision.revision,
          exported: revision.recordedAt,
          linked: link.recordedAt,
        });
      }
      if (revision.kind === 'complete') {
        contents.set(key, revision.content);
        completeRevisions++;
      } else {
        partialRevisions++;
      }
    }
    // Every version is exported: holding back the first one would hide that it was edited.
    for (const number of index.revisionsOf.get(entryId) ?? []) {
      const key = contentKey(entryId, number);
      if (!seen.has(key) && !setAside.has(key)) problems.push({ kind: 'missing-revision', entryId, revision: number });
    }
  }

  const chain = await verifyChain(doc.chain.links, contents, { expectedHead: options.expectedHead ?? doc.chain.head });
  if (chain.ok && chain.head !== doc.chain.head)
    problems.push({ kind: 'stated-head-mismatch', stated: doc.chain.head, actual: chain.head });

  return { chain, completeRevisions, partialRevisions, entriesChecked: doc.entries.length, problems };
}

/** True when the chain holds and the export agrees with it in every respect checked. */
export function exportVerified(verification: ExportVerification): boolean {
  return verification.chain.ok && verification.problems.length === 0;
}
