// What an export is built from, as plain data a worker can be handed (structured clone): the
// diary's histories as a Map instead of the diary's lookup function. A large diary's source is
// handed over in parts, each asked for by the worker (sourceParts, sourceFromParts): posted whole,
// 1,000 incidents took the page's thread 110 to 130 ms at a 4x slower CPU in one turn, and a
// Quick exit pressed just after "Create file" waited for it.

import { wireContent, type ChainLink } from '../../core/evidence';
import type { ExportSource } from '../../core/export/buildExportDocument';
import { liveOrderIds } from '../../core/export/selection';
import type { DiaryEntry, RevisionRecord } from '../../core/store/diaryRepository';

export interface ExportSourceData extends Omit<ExportSource, 'history'> {
  /** The history of every chosen entry and of every live order (which orders go out is chosen there), by id. */
  histories: ReadonlyMap<string, readonly RevisionRecord[]>;
}

/** The source as data: only the chosen entries' and the live orders' histories go along. */
export function exportSourceData(source: ExportSource): ExportSourceData {
  const { history, ...rest } = source;
  const ids = [...source.entries.map((entry) => entry.id), ...liveOrderIds(source.links, history)];
  return { ...rest, histories: new Map(ids.map((id) => [id, history(id)])) };
}

/** The source again, on the far side. */
export function exportSourceFrom(data: ExportSourceData): ExportSource {
  const { histories, ...rest } = data;
  return { ...rest, history: (id) => histories.get(id) ?? [] };
}

/** Links in one part. */
export const LINKS_PER_PART = 256;

/** Entries (each with its history) or histories of orders in one part. */
export const ENTRIES_PER_PART = 32;

/** What the worker is handed first: all but the links, entries and histories, and how many of each follow in how many parts. */
export interface ExportSourceHead extends Omit<ExportSourceData, 'links' | 'entries' | 'histories'> {
  parts: number;
  linkCount: number;
  entryCount: number;
  historyCount: number;
}

/** One part, in order: some links, or some entries with their histories, or histories alone (the orders'). */
export interface ExportSourcePart {
  part: number;
  links: readonly ChainLink[];
  entries: readonly DiaryEntry[];
  histories: readonly (readonly [string, readonly RevisionRecord[]])[];
}

/** A record with its content as stored: a part crosses to the worker by structured clone, which keeps no class (packed salts). */
function asStored(record: RevisionRecord): RevisionRecord {
  const content = wireContent(record.content);
  return content === record.content ? record : { ...record, content };
}

/** `data` as a head and its parts, each part sliced when asked for from what `data` held at the call. */
export function sourceParts(data: ExportSourceData): { head: ExportSourceHead; part: (index: number) => ExportSourcePart } {
  const { links: heldLinks, entries: heldEntries, histories: heldHistories, ...rest } = data;
  // Copied now, so each part is what `data` held when this was called.
  const links = [...heldLinks];
  const entries = [...heldEntries];
  const histories = new Map([...heldHistories].map(([id, records]) => [id, [...records]]));
  const firstAt = new Map<string, number>();
  entries.forEach((entry, at) => firstAt.has(entry.id) || firstAt.set(entry.id, at));
  const others = [...histories.keys()].filter((id) => !firstAt.has(id));
  const linkParts = Math.ceil(links.length / LINKS_PER_PART);
  const entryParts = Math.ceil(entries.length / ENTRIES_PER_PART);
  const otherParts = Math.ceil(others.length / ENTRIES_PER_PART);
  // An id with no history is sent none (exportSourceFrom reads it as an empty one), so the parts hold historyCount.
  const historiesOf = (ids: readonly string[]) =>
    ids.flatMap((id) => (histories.has(id) ? [[id, (histories.get(id) ?? []).map(asStored)] as const] : []));
  const part = (index: number): ExportSourcePart => {
    if (!Number.isSafeInteger(index) || index < 0 || index >= linkParts + entryParts + otherParts) {
      throw new SourcePartError(`there is no part ${String(index)}`);
    }
    if (index < linkParts) {
      return { part: index, links: links.slice(index * LINKS_PER_PART, (index + 1) * LINKS_PER_PART), entries: [], histories: [] };
    }
    if (index < linkParts + entryParts) {
      const at = (index - linkParts) * ENTRIES_PER_PART;
      const some = entries.slice(at, at + ENTRIES_PER_PART);
      // Each history goes once, with the first entry of its id.
      const firsts = some.filter((entry, k) => firstAt.get(entry.id) === at + k).map((entry) => entry.id);
      return { part: index, links: [], entries: some, histories: historiesOf(firsts) };
    }
    const at = (index - linkParts - entryParts) * ENTRIES_PER_PART;
    return { part: index, links: [], entries: [], histories: historiesOf(others.slice(at, at + ENTRIES_PER_PART)) };
  };
  return {
    head: {
      ...rest,
      parts: linkParts + entryParts + otherParts,
      linkCount: links.length,
      entryCount: entries.length,
      historyCount: histories.size,
    },
    part,
  };
}

/** A part that is not the one asked for, or parts that do not add up to what the head says (a bug, never a person's doing). */
export class SourcePartError extends Error {
  override readonly name = 'SourcePartError';
}

/** Parts asked for before the first has come back. */
const PARTS_AHEAD = 4;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The source `head` announces, its parts asked for in order (PARTS_AHEAD at a time) and checked:
 * each the part asked for, holding arrays and histories as pairs of an id and an array, and in all
 * exactly as many links, entries and histories as announced. What the arrays hold is not checked
 * here: the page made them, and building the document reads them.
 */
export async function sourceFromParts(
  head: ExportSourceHead,
  ask: (part: number) => Promise<unknown>,
  signal?: AbortSignal,
): Promise<ExportSourceData> {
  const { parts, linkCount, entryCount, historyCount, ...rest } = head;
  if (![parts, linkCount, entryCount, historyCount].every(isCount)) throw new SourcePartError('the head’s counts are not counts');
  // Every part holds at least one item: more parts than items cannot be right.
  if (parts > linkCount + entryCount + historyCount) throw new SourcePartError('more parts than items');
  const links: ChainLink[] = [];
  const entries: DiaryEntry[] = [];
  const histories = new Map<string, readonly RevisionRecord[]>();
  // A few parts asked for ahead: each round trip between the threads costs more than the part's
  // own copying, and the page still answers each question in a turn of its own.
  const asked: Promise<unknown>[] = [];
  let requested = 0;
  const askNext = () => {
    if (requested >= parts) return;
    const answer = ask(requested);
    requested += 1;
    // Marked handled: a failure is reported when its turn comes, unless an earlier part fails first.
    answer.catch(() => undefined);
    asked.push(answer);
  };
  for (let ahead = 0; ahead < PARTS_AHEAD; ahead += 1) askNext();
  for (let index = 0; index < parts; index += 1) {
    const answer: unknown = await asked.shift();
    // Cancelled (in-process, where nothing ends the task for it): nothing more is asked or built.
    signal?.throwIfAborted();
    askNext();
    if (typeof answer !== 'object' || answer === null) throw new SourcePartError(`part ${index} is not one`);
    const part = answer as Partial<Record<keyof ExportSourcePart, unknown>>;
    if (part.part !== index || !Array.isArray(part.links) || !Array.isArray(part.entries) || !Array.isArray(part.histories)) {
      throw new SourcePartError(`part ${index} is not the part asked for`);
    }
    if (links.length + part.links.length > linkCount || entries.length + part.entries.length > entryCount) {
      throw new SourcePartError(`part ${index} holds more than the head says`);
    }
    links.push(...(part.links as ChainLink[]));
    entries.push(...(part.entries as DiaryEntry[]));
    for (const pair of part.histories as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || !Array.isArray(pair[1]) || histories.has(pair[0])) {
        throw new SourcePartError(`part ${index} holds a history that is not one`);
      }
      histories.set(pair[0], pair[1] as RevisionRecord[]);
    }
    if (histories.size > historyCount) throw new SourcePartError(`part ${index} holds more than the head says`);
  }
  if (links.length !== linkCount || entries.length !== entryCount || histories.size !== historyCount) {
    throw new SourcePartError('the parts hold less than the head says');
  }
  return { ...rest, links, entries, histories };
}
