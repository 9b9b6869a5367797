// Test helper (not a test file): a version 2 diary holding court orders beside incidents, one of
// which records a breach, and its exports as the app makes them.

import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import type { ExportDocumentV2, ExportSelection } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import type { NotHeldPart } from '../../../src/core/export/setAside';
import type { CourtOrder } from '../../../src/core/model/order';
import { anIncident } from '../../support/incidentFactories';
import { DiaryBuilder } from '../evidence/diaryBuilder';
import { builderSource, GENERATED } from './exportFixtureV2';

export const CONDITION_TEXT = 'Must not come within 100 metres of 12 Station Road';

export function anOrder(fields: Partial<CourtOrder> = {}): CourtOrder {
  return {
    type: 'order',
    kind: 'spo',
    title: '',
    court: 'Manchester Magistrates’ Court',
    madeOn: '2025-02-01',
    servedOn: '2025-02-03',
    attachments: [{ id: 'order-scan', name: 'order.pdf', type: 'application/pdf', size: 1234, sha256: 'cd'.repeat(32) }],
    conditions: [
      { id: 'cond-near', text: CONDITION_TEXT },
      { id: 'cond-contact', text: 'Must not contact me by any means' },
    ],
    ...fields,
  };
}

/**
 * In chain order: order-1#1, incident-a#1 (breaches order-1's first condition), order-2#1,
 * order-1#2 (an expiry added), incident-b#1, order-3#1, order-3 deleted.
 */
export async function ordersDiary(): Promise<DiaryBuilder> {
  const diary = new DiaryBuilder({ version: 2 });
  await diary.save('order-1', anOrder());
  await diary.tick().save(
    'incident-a',
    anIncident({
      breaches: [{ orderId: 'order-1', conditionId: 'cond-near' }],
      told: [{ who: 'My sister', how: 'phone' }],
      privateNotes: '',
    }),
  );
  await diary.tick().save('order-2', anOrder({ kind: 'non-molestation', court: 'Family Court at Leeds', conditions: [] }));
  await diary.tick().save('order-1', anOrder({ expiresOn: '2027-02-01' }));
  await diary.tick().save('incident-b', anIncident({ whatHappened: 'Nothing to do with an order' }));
  await diary.tick().save('order-3', anOrder({ kind: 'dvpo', court: 'Deleted court' }));
  await diary.tick().remove('order-3');
  return diary;
}

export async function ordersExport(
  diary: DiaryBuilder,
  entryIds: readonly string[],
  selection: Partial<ExportSelection> = {},
): Promise<ExportDocumentV2 & NotHeldPart> {
  // Every live order unless a test says otherwise (the app's default takes only breached ones).
  return buildExportDocument(builderSource(diary, entryIds), { ...EMPTY_SELECTION, includeOrders: true, ...selection }, GENERATED);
}
