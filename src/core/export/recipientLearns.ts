// What a recipient of an export learns about what it leaves out, worked out before anything is
// written, so the export screen can say it plainly. A version 2 export carries only the links of
// the versions it shows. Of everything else it reveals:
//
// - the diary's number of links (`chain.size`);
// - each exported version's place among them (its `seq`, which its inclusion proof needs), so how
//   many links came before it and between exported versions;
// - for each exported version, the hash of the link just before it (`prevHash`): an opaque code
//   that shows nothing of that link, and cannot be confirmed by guessing;
// - for each exported version, its clock note or the lack of one: whether the link before was
//   written more than a day earlier, or the device's clock read earlier than it (so, with neither,
//   that it was written in the day before), but never that link's time;
// - for each earlier fingerprint it proves, the number of links then and when it was shared.
//
// Nothing else: not the content, ids or times of the links left out. The screen words each of
// these; this module gives the numbers they need.

import type { ExportSource } from './buildExportDocument';
import { effectiveOmit, type ExportSelection, type OmittableField } from './exportDocument';
import { chosenOrderIds } from './selection';

export interface RecipientLearns {
  /** The diary's number of links: every version and every deletion of every incident. */
  totalLinks: number;
  /** The links the export carries: one for each version of each incident it shows. */
  exportedLinks: number;
  /**
   * The earlier fingerprints the export would carry: the number of links then, and when each
   * was shared. (One the diary does not contain at its size is left out of the export, so this
   * is never less than what goes out.)
   */
  earlierFingerprints: { size: number; sharedAt: string }[];
  /**
   * True when the diary has links the export does not carry (other incidents, deleted ones): the
   * positions, previous-link codes and clock notes of exported versions then tell of them.
   */
  leavesEntriesOut: boolean;
  /** Court orders that go out with the incidents, every version in full. */
  orders: number;
  /** Fields left out of every version. */
  omittedFields: OmittableField[];
}

/** `source.entries` are the chosen entries, as buildExportDocument takes them. */
export function recipientLearns(
  source: Pick<ExportSource, 'links' | 'entries' | 'history' | 'fingerprints'>,
  selection: Pick<ExportSelection, 'omitFields' | 'includePrivateNotes' | 'includeOrders'>,
): RecipientLearns {
  const exported = new Set<number>();
  for (const entry of source.entries) {
    const revisions = source.history(entry.id).filter((record) => record.link.kind === 'revision');
    // An entry with no version held goes out with nothing (see buildExportDocument).
    if (!revisions.some((record) => record.content !== null)) continue;
    for (const { link } of revisions) exported.add(link.seq);
  }
  // The orders that go with them, each whole (buildExportDocument leaves out one it cannot show whole).
  let orders = 0;
  for (const id of chosenOrderIds(source, selection)) {
    const revisions = source.history(id).filter((record) => record.link.kind === 'revision');
    if (!revisions.every((record) => record.content !== null && record.content.v === 2)) continue;
    orders += 1;
    for (const { link } of revisions) exported.add(link.seq);
  }
  const totalLinks = source.links.length;
  // Once per size, the first sharing, as the builder takes them.
  const earlierFingerprints: RecipientLearns['earlierFingerprints'] = [];
  const candidates = source.fingerprints
    .filter(({ size }) => Number.isSafeInteger(size) && size >= 1 && size <= totalLinks)
    .sort((a, b) => a.size - b.size || (a.sharedAt < b.sharedAt ? -1 : a.sharedAt > b.sharedAt ? 1 : 0));
  for (const { size, sharedAt } of candidates) {
    if (earlierFingerprints.at(-1)?.size !== size) earlierFingerprints.push({ size, sharedAt });
  }
  return {
    totalLinks,
    exportedLinks: exported.size,
    earlierFingerprints,
    leavesEntriesOut: exported.size < totalLinks,
    orders,
    omittedFields: effectiveOmit(selection),
  };
}
