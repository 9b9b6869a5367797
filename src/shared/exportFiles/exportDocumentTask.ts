// Building an export document (field commitments, Merkle proofs: thousands of SHA-256 digests
// for a large diary) off the page's thread: for CSV, JSON and packages, which then use it there.

import { buildExportDocument } from '../../core/export/buildExportDocument';
import type { ExportDocument, ExportSelection } from '../../core/export/exportDocument';
import type { TaskFunction } from '../../core/workers/protocol';
import { exportSourceFrom, sourceFromParts, type ExportSourceHead, type ExportSourcePart } from './exportSourceData';

export interface ExportDocumentTaskInput {
  /** The source's head: its parts are asked of the page, a few ahead (exportSourceData.ts says why). */
  source: ExportSourceHead;
  selection: ExportSelection;
  now: Date;
}

/** A part of the source, asked of the page. */
export interface SourcePartQuestion {
  sourcePart: number;
}

/** The document built from the source, its parts asked for with `ask`; aborting `signal` stops it between parts. */
export async function buildDocumentFromParts(
  { source, selection, now }: ExportDocumentTaskInput,
  ask: (question: SourcePartQuestion) => Promise<unknown>,
  signal?: AbortSignal,
): Promise<ExportDocument> {
  const data = await sourceFromParts(source, (sourcePart) => ask({ sourcePart }), signal);
  return buildExportDocument(exportSourceFrom(data), selection, now);
}

export const buildExportDocumentTask: TaskFunction<ExportDocumentTaskInput, ExportDocument, never, SourcePartQuestion, ExportSourcePart> = (
  input,
  context,
) => buildDocumentFromParts(input, (question) => context.ask(question), context.signal);
