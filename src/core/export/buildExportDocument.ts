// Builds the export document (JSON export, PDF input, evidence package content) from the diary.
// Always version 2: only the exported versions' links go out, each with its inclusion proof
// against the whole diary's tree head, so nothing about a left-out or deleted entry (no id, time,
// hash or tombstone) is in the file; the recipient learns only how many links the diary has.

import type { SavedChecklistResult } from '../checklist/result';
import type { ChainLink } from '../evidence';
import { commitContent, consistencyProof, inclusionProofs, prefixRoots, treeHead } from '../evidence';
import { isOrderBody } from '../model/entryBody';
import type { DiaryEntry, RevisionRecord } from '../store/diaryRepository';
import {
  effectiveOmit,
  EXPORT_FORMAT,
  omitFromVersion,
  withoutFields,
  type EarlierFingerprint,
  type ExportDocumentV2,
  type ExportEntry,
  type ExportOrder,
  type ExportRevision,
  type ExportSelection,
  type OmittableField,
  type SharedFingerprint,
} from './exportDocument';
import { chosenOrderIds } from './selection';
import type { NotHeldPart, VersionNotHeld } from './setAside';

export { withoutFields } from './exportDocument';

export interface ExportSource {
  /** Every link of the diary, in order. */
  links: readonly ChainLink[];
  /** The chosen entries, in the order the export lists them (see selectEntries). */
  entries: readonly DiaryEntry[];
  history: (entryId: string) => readonly RevisionRecord[];
  checklists: readonly SavedChecklistResult[];
  /** Fingerprints the person has shared (the fingerprint store), in any order. */
  fingerprints: readonly SharedFingerprint[];
}
// Orders are found from `links` and `history` (selection.ts, chosenOrderIds): `history` must
// answer for every live order as well as for the chosen entries.

interface BuiltEntry {
  entry: ExportEntry;
  /** The links of its exported versions, held or not. */
  links: ChainLink[];
  notHeld: VersionNotHeld[];
}

async function exportRevision(record: RevisionRecord, omit: readonly OmittableField[]): Promise<ExportRevision | null> {
  const { link, content } = record;
  const { revision, recordedAt } = link;
  // An entry keeps its kind (DiaryChain refuses anything else): an incident's versions are incidents.
  if (content === null || isOrderBody(content.body)) return null;
  // A version written before issue 16 has no later fields (private notes...): nothing of them to leave out.
  const left = omitFromVersion(omit, content.body);
  if (content.v === 2) return { revision, recordedAt, kind: 'committed', content: await commitContent(content, left) };
  // Version 1 content has one salt over the whole body: it can go out whole, or with fields
  // blanked, and then its text cannot be checked (the reader says so).
  return left.length === 0
    ? { revision, recordedAt, kind: 'complete', content: { ...content, body: content.body } }
    : { revision, recordedAt, kind: 'partial', incident: withoutFields(content.body, left), omittedFields: left };
}

/**
 * An order with every version shown (orders are never redacted), or null when a version is not
 * held in version 2 content (set aside at a restore, or brought in from an older backup): such an
 * order could not be checked version by version, so it does not go out.
 */
async function exportOrder(id: string, history: readonly RevisionRecord[]): Promise<{ order: ExportOrder; links: ChainLink[] } | null> {
  const records = history.filter((record) => record.link.kind === 'revision');
  if (records.length === 0) return null;
  const revisions: ExportOrder['revisions'] = [];
  for (const { link, content } of records) {
    if (content === null || content.v !== 2 || !isOrderBody(content.body)) return null;
    revisions.push({ revision: link.revision, recordedAt: link.recordedAt, kind: 'committed', content: await commitContent(content, []) });
  }
  return { order: { id, revisions }, links: records.map((record) => record.link) };
}

async function exportEntry(id: string, history: readonly RevisionRecord[], omit: readonly OmittableField[]): Promise<BuiltEntry> {
  const records = history.filter((record) => record.link.kind === 'revision');
  const made = await Promise.all(records.map((record) => exportRevision(record, omit)));
  const revisions: ExportRevision[] = [];
  const notHeld: VersionNotHeld[] = [];
  records.forEach(({ link }, i) => {
    const revision = made[i];
    // A version of a current incident with no content: set aside when a backup was restored (a
    // deleted incident's versions are never exported). Its link goes out, so the export verifies.
    if (revision === null || revision === undefined) notHeld.push({ entryId: id, revision: link.revision, recordedAt: link.recordedAt });
    else revisions.push(revision);
  });
  return { entry: { id, revisions }, links: records.map((record) => record.link), notHeld };
}

// Committing a few dozen entries at once lets WebCrypto overlap the digests (ten per version).
const BATCH = 64;

/**
 * Each shared fingerprint this diary extends, with its consistency proof; once per size and root
 * (the first sharing). One the chain does not contain at its size cannot be proven and is left
 * out (the diary's own integrity check is what reports such a thing).
 */
async function earlierFingerprints(hashes: readonly string[], shared: readonly SharedFingerprint[]): Promise<EarlierFingerprint[]> {
  const candidates = shared
    .filter(({ size }) => Number.isSafeInteger(size) && size >= 1 && size <= hashes.length)
    .sort((a, b) => a.size - b.size || (a.sharedAt < b.sharedAt ? -1 : a.sharedAt > b.sharedAt ? 1 : 0));
  if (candidates.length === 0) return [];
  const roots = await prefixRoots(hashes);
  const seen = new Set<number>();
  const earlier: EarlierFingerprint[] = [];
  for (const { size, root, sharedAt } of candidates) {
    if (seen.has(size) || roots[size - 1] !== root) continue;
    seen.add(size);
    earlier.push({ size, root, sharedAt, proof: await consistencyProof(hashes, size) });
  }
  return earlier;
}

/**
 * The export document (version 2). Versions of the chosen incidents whose content the diary does
 * not hold go in `versionsNotHeld` (only when there are any), beside the fields of the document.
 */
export async function buildExportDocument(
  source: ExportSource,
  selection: ExportSelection,
  now: Date = new Date(),
): Promise<ExportDocumentV2 & NotHeldPart> {
  // Private notes stay out unless ticked in (effectiveOmit).
  const omit = effectiveOmit(selection);
  const built: BuiltEntry[] = [];
  for (let start = 0; start < source.entries.length; start += BATCH) {
    const batch = source.entries.slice(start, start + BATCH);
    for (const made of await Promise.all(batch.map((entry) => exportEntry(entry.id, source.history(entry.id), omit)))) {
      // An entry with no version held has nothing to show: nothing of it goes out.
      if (made.entry.revisions.length > 0) built.push(made);
    }
  }
  const orders: { order: ExportOrder; links: ChainLink[] }[] = [];
  for (const id of chosenOrderIds(source, selection)) {
    const made = await exportOrder(id, source.history(id));
    if (made) orders.push(made);
  }
  const hashes = source.links.map((link) => link.hash);
  const exported = [...built.flatMap((b) => b.links), ...orders.flatMap((o) => o.links)].sort((a, b) => a.seq - b.seq);
  for (const link of exported) {
    // The history and the chain come from the same diary; a mismatch would make a file that
    // cannot verify, so it is a bug to stop at, not to write.
    if (hashes[link.seq] !== link.hash) throw new Error('A version’s link is not at its place in the chain');
  }
  const [head, proofs, earlier] = await Promise.all([
    treeHead(hashes),
    inclusionProofs(
      hashes,
      exported.map((link) => link.seq),
    ),
    earlierFingerprints(hashes, source.fingerprints),
  ]);
  const versionsNotHeld = built.flatMap((b) => b.notHeld);
  return {
    format: EXPORT_FORMAT,
    version: 2,
    generatedAt: now.toISOString(),
    scope: {
      ...(selection.from ? { from: selection.from } : {}),
      ...(selection.to ? { to: selection.to } : {}),
      behaviours: [...selection.behaviours],
      pickedIncidents: selection.entryIds.length > 0,
      omittedFields: omit,
      attachmentsIncluded: selection.includeAttachments,
      checklistsIncluded: selection.includeChecklists,
    },
    chain: {
      size: head.size,
      root: head.root,
      links: exported.map((link, i) => ({ ...link, proof: proofs[i] ?? [] })),
      earlier,
    },
    entries: built.map((b) => b.entry),
    // Only when there are any: a file without them reads as before everywhere.
    ...(orders.length > 0 ? { orders: orders.map((o) => o.order) } : {}),
    checklists: selection.includeChecklists ? [...source.checklists] : [],
    ...(versionsNotHeld.length > 0 ? { versionsNotHeld } : {}),
  };
}
