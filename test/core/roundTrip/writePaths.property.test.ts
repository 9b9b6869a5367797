// What Daybook writes, it reads back: for random incidents accepted by each of the diary's write
// paths (add, edit, remove, appendImported; appendVerbatim is the restore itself), a backup
// restored into an empty diary, an evidence package opened, and a JSON export read give back the
// same incidents and the same chain head.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import { contentHash, newRevisionContent, type RevisionOrigin } from '../../../src/core/evidence';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { createEvidencePackage, openEvidencePackage } from '../../../src/core/export/evidencePackage';
import { latestIncident, revisionIncident, type ExportDocument } from '../../../src/core/export/exportDocument';
import { parseExportDocument, serializeExportDocument } from '../../../src/core/export/exportJson';
import { EMPTY_SELECTION, selectEntries } from '../../../src/core/export/selection';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import { withLaterFields, type AttachmentRef, type Incident } from '../../../src/core/model/incident';
import type { DiaryRepository } from '../../../src/core/store/diaryRepository';
import { backupOf, newDevice, pattern, PASSPHRASE, reopened, type Device } from '../backup/backupFixture';
import { FAST_COST } from '../crypto/helpers';
import { longIncidentArb } from '../model/incidentArbitrary';

/** Attachment ids as Daybook makes them; the refs point at files this device does not hold. */
const hexIdArb = fc.stringMatching(/^[0-9a-f]{32}$/);

/** An incident with its attachment ids replaced by fresh-looking ones (ids are never reused for other bytes). */
const writtenIncidentArb: fc.Arbitrary<Incident> = fc
  .tuple(longIncidentArb, fc.uniqueArray(hexIdArb, { minLength: 3, maxLength: 3 }))
  .map(([incident, ids]) => ({ ...incident, attachments: incident.attachments.map((ref, i) => ({ ...ref, id: ids[i] ?? ref.id })) }));

const originArb: fc.Arbitrary<RevisionOrigin> = fc.record({
  recordedAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  contentHash: fc.stringMatching(/^[0-9a-f]{64}$/),
  linkHash: fc.stringMatching(/^[0-9a-f]{64}$/),
});

type Op =
  | { op: 'add'; incident: Incident; withFile: boolean }
  | { op: 'edit'; pick: number; incident: Incident }
  | { op: 'remove'; pick: number }
  | { op: 'import'; pick: number | null; incident: Incident; origin: RevisionOrigin | null };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), incident: writtenIncidentArb, withFile: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), incident: writtenIncidentArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('import' as const),
      pick: fc.option(fc.nat(), { nil: null }),
      incident: writtenIncidentArb,
      origin: fc.option(originArb, { nil: null }),
    }),
  },
);

/** Writes `ops` through the repository; each accepted write must read back exactly as given. */
async function writeDiary(device: Device, ops: readonly Op[], fileIndex: number): Promise<void> {
  const live = () => device.diary.snapshot().entries.map((e) => e.id);
  const latest = (id: string) => device.diary.history(id).at(-1)?.content ?? null;
  for (const op of ops) {
    const ids = live();
    switch (op.op) {
      case 'add': {
        let incident = op.incident;
        if (op.withFile) {
          const ref: AttachmentRef = await device.attachments.save(new Blob([pattern(700, fileIndex)], { type: 'image/png' }), 'llun.png');
          incident = { ...incident, attachments: [ref, ...incident.attachments.slice(0, 2)] };
        }
        const id = await device.diary.add(incident);
        // Every new version holds the later fields (empty where not given).
        expect(latest(id)?.body).toEqual(withLaterFields(incident));
        break;
      }
      case 'edit': {
        const id = ids[op.pick % Math.max(ids.length, 1)];
        if (id === undefined) break;
        await device.diary.edit(id, op.incident);
        expect(latest(id)?.body).toEqual(withLaterFields(op.incident));
        break;
      }
      case 'remove': {
        const id = ids[op.pick % Math.max(ids.length, 1)];
        if (id !== undefined) await device.diary.remove(id);
        break;
      }
      case 'import': {
        const id = op.pick === null ? undefined : ids[op.pick % Math.max(ids.length, 1)];
        const entryId = id ?? `imported-${ids.length}-${device.diary.allRecords().length}`;
        const content = newRevisionContent(op.incident);
        const withOrigin = op.origin ? { ...content, origin: { ...op.origin, contentHash: await contentHash(content) } } : content;
        await device.diary.appendImported([{ entryId, content: withOrigin }]);
        expect(latest(entryId)).toEqual(withOrigin);
        break;
      }
    }
  }
}

/** Every live incident by id, as the diary shows it. */
function incidentsOf(diary: DiaryRepository): Map<string, Incident> {
  return new Map(diary.snapshot().entries.map((entry) => [entry.id, entry.incident]));
}

/** Every version the export shows, by entry and revision: the same as the diary's history holds. */
function exportedVersions(document: ExportDocument): Map<string, Incident> {
  return new Map(
    document.entries.flatMap((entry) => entry.revisions.map((r) => [`${entry.id}#${r.revision}`, revisionIncident(r)] as const)),
  );
}

function heldVersions(diary: DiaryRepository): Map<string, Incident> {
  return new Map(
    diary
      .allRecords()
      .filter((r) => r.link.kind === 'revision' && r.content !== null && diary.snapshot().entries.some((e) => e.id === r.link.entryId))
      .map((r) => [`${r.link.entryId}#${r.link.revision}`, r.content?.body as Incident] as const),
  );
}

let runs = 0;

describe('round trip of everything the write paths accept', () => {
  it('backup then restore, package then open, and JSON export then read give back the same incidents and chain head', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 6 }), async (ops) => {
        runs += 1;
        const source = await newDevice();
        await writeDiary(source, ops, runs);
        const head = source.diary.head();
        const incidents = incidentsOf(source.diary);

        // Backup, restored into an empty diary (appendVerbatim).
        const checked = await checkBackup((await backupOf(source)).file, PASSPHRASE);
        expect(checked.setAside).toEqual([]);
        expect(checked.verification).toMatchObject({ ok: true, head });
        const target = await newDevice('2027-01-01T09:00:00.000Z');
        await restoreBackup(checked, target);
        const restored = await reopened(target);
        expect(restored.allRecords()).toEqual(source.diary.allRecords());
        expect(incidentsOf(restored)).toEqual(incidents);
        expect(restored.head()).toBe(head);
        expect(await restored.verify()).toMatchObject({ ok: true, head });

        // Evidence package, opened.
        const snapshot = source.diary.snapshot();
        const tree = await source.diary.treeHead();
        const document = await buildExportDocument(
          {
            links: snapshot.links,
            entries: selectEntries(snapshot.entries, EMPTY_SELECTION),
            history: (id) => source.diary.history(id),
            checklists: [],
            fingerprints: [],
          },
          // Everything goes out, private notes included: this is a round trip of what the diary holds.
          { ...EMPTY_SELECTION, includePrivateNotes: true },
          new Date('2027-01-02T10:00:00.000Z'),
        );
        const made = await createEvidencePackage(document, source.attachments, PASSPHRASE, { kdfCost: FAST_COST });
        const opened = await openEvidencePackage(made.file, PASSPHRASE);
        expect(opened.setAside).toEqual([]);
        expect(opened.document).toEqual(document);
        expect(new Map(opened.document.entries.map((e) => [e.id, latestIncident(e)]))).toEqual(incidents);
        expect(exportedVersions(opened.document)).toEqual(heldVersions(source.diary));
        // Version 2: the exported links are checked against the diary's tree head (its fingerprint).
        expect(opened.verification).toMatchObject({ chain: { ok: true, head: tree.root, length: tree.size }, problems: [] });
        expect(exportVerified(opened.verification)).toBe(true);

        // JSON export, read.
        const read = parseExportDocument(serializeExportDocument(document));
        expect(read).toEqual({ ok: true, document });
        if (!read.ok) return;
        expect(new Map(read.document.entries.map((e) => [e.id, latestIncident(e)]))).toEqual(incidents);
        expect(await verifyExportDocument(read.document)).toMatchObject({ chain: { ok: true, head: tree.root }, problems: [] });
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
