// Building an export document (field commitments, Merkle proofs: thousands of SHA-256 digests
// for a large diary) off the page's thread: for CSV, JSON and packages, which then use it there.

import { buildExportDocument } from '../../core/export/buildExportDocument';
import type { ExportDocument, ExportSelection } from '../../core/export/exportDocument';
import type { TaskFunction } from '../../core/workers/protocol';
import { exportSourceFrom, type ExportSourceData } from './exportSourceData';

export interface ExportDocumentTaskInput {
  source: ExportSourceData;
  selection: ExportSelection;
  now: Date;
}

export const buildExportDocumentTask: TaskFunction<ExportDocumentTaskInput, ExportDocument> = async ({ source, selection, now }) =>
  buildExportDocument(exportSourceFrom(source), selection, now);
