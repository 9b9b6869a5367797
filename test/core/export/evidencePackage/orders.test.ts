// An evidence package carries the diary's court orders with the incidents (inside its document
// record), and the copy of each order (its attachment) with the incidents' files.

import { describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../../src/core/export/buildExportDocument';
import { createEvidencePackage, openEvidencePackage } from '../../../../src/core/export/evidencePackage';
import { documentOrders, latestOrder, type ExportSelection } from '../../../../src/core/export/exportDocument';
import { EMPTY_SELECTION, selectEntries } from '../../../../src/core/export/selection';
import { exportVerified } from '../../../../src/core/export/verifyExport';
import { FAST_COST } from '../../crypto/helpers';
import { bytesOf, incident, newDevice, pattern, type Device } from '../../backup/backupFixture';

const PASSPHRASE = 'pecyn gyda gorchymyn';

async function packageOf(device: Device, selection: ExportSelection): Promise<Blob> {
  const snapshot = device.diary.snapshot();
  const document = await buildExportDocument(
    {
      links: snapshot.links,
      entries: selectEntries(snapshot.entries, selection),
      history: (id) => device.diary.history(id),
      checklists: [],
      fingerprints: [],
    },
    selection,
    new Date('2026-02-01T10:00:00.000Z'),
  );
  return (await createEvidencePackage(document, device.attachments, PASSPHRASE, { kdfCost: FAST_COST, includeOriginals: true })).file;
}

describe('evidence packages carry court orders', () => {
  it('opens with the orders, their copies and every version checked', async () => {
    const device = await newDevice();
    const scanBytes = pattern(1500, 3);
    const scan = await device.attachments.save(new Blob([scanBytes], { type: 'application/pdf' }), 'gorchymyn.pdf');
    const order = await device.diary.addOrder({
      type: 'order',
      kind: 'dapo',
      title: '',
      court: 'Llys Teulu Caerdydd',
      madeOn: '2025-12-01',
      attachments: [scan],
      conditions: [{ id: 'cond-1', text: 'Must not enter Heol yr Orsaf' }],
    });
    await device.diary.editOrder(order, {
      type: 'order',
      kind: 'dapo',
      title: '',
      court: 'Llys Teulu Caerdydd',
      madeOn: '2025-12-01',
      expiresOn: '2026-12-01',
      attachments: [scan],
      conditions: [{ id: 'cond-1', text: 'Must not enter Heol yr Orsaf' }],
    });
    await device.diary.add(incident('Roedd ar Heol yr Orsaf', { breaches: [{ orderId: order, conditionId: 'cond-1' }] }));

    const opened = await openEvidencePackage(await packageOf(device, { ...EMPTY_SELECTION, includeOrders: false }), PASSPHRASE);
    expect(exportVerified(opened.verification)).toBe(true);
    const orders = documentOrders(opened.document);
    expect(orders.map((o) => [o.id, o.revisions.length])).toEqual([[order, 2]]);
    expect(latestOrder(orders[0] ?? { id: '', revisions: [] }).expiresOn).toBe('2026-12-01');
    expect(opened.verification.coverage.orderRevisions.map((r) => r.status)).toEqual(['checked', 'checked']);
    // The order's copy travels with it, checked against its SHA-256.
    const carried = opened.files.get(scan.id);
    expect(carried && (await bytesOf(carried))).toEqual(scanBytes);
    expect(opened.missingFiles).toEqual([]);
  });
});
