// What an export is built from, as plain data a worker can be handed (structured clone): the
// diary's histories as a Map instead of the diary's lookup function.

import type { ExportSource } from '../../core/export/buildExportDocument';
import { liveOrderIds } from '../../core/export/selection';
import type { RevisionRecord } from '../../core/store/diaryRepository';

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
