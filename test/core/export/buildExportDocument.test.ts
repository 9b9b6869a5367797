import { beforeAll, describe, expect, it } from 'vitest';
import type { SavedChecklistResult } from '../../../src/core/checklist/result';
import { buildExportDocument, withoutFields, type ExportSource } from '../../../src/core/export/buildExportDocument';
import { OMITTABLE_FIELDS, type ExportSelection, type OmittableField } from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION, selectEntries } from '../../../src/core/export/selection';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import type { Incident } from '../../../src/core/model/incident';
import { newDevice, writeSampleDiary, type Device, type SampleDiary } from '../backup/backupFixture';

let device: Device;
let sample: SampleDiary;
let checklists: SavedChecklistResult[];
const NOW = new Date('2026-02-01T10:00:00.000Z');

beforeAll(async () => {
  device = await newDevice();
  sample = await writeSampleDiary(device);
  checklists = await device.checklists.list();
});

function sourceFor(selection: ExportSelection): ExportSource {
  const snapshot = device.diary.snapshot();
  return {
    links: snapshot.links,
    entries: selectEntries(snapshot.entries, selection),
    history: (id) => device.diary.history(id),
    checklists,
  };
}

const build = (changes: Partial<ExportSelection> = {}) => {
  const selection = { ...EMPTY_SELECTION, ...changes };
  return buildExportDocument(sourceFor(selection), selection, NOW);
};

describe('buildExportDocument', () => {
  it('with nothing left out: every held version, complete, with the exact content its link covers', async () => {
    const doc = build();
    expect(doc.format).toBe('daybook-export');
    expect(doc.version).toBe(1);
    expect(doc.generatedAt).toBe('2026-02-01T10:00:00.000Z');
    // In the order they happened: Polish (December), ongoing (since November)... see selectEntries.
    expect(doc.entries.map((e) => e.id)).toEqual(selectEntries(device.diary.snapshot().entries, EMPTY_SELECTION).map((e) => e.id));
    expect(doc.entries).toHaveLength(3);
    for (const entry of doc.entries) {
      const held = device.diary.history(entry.id).filter((r) => r.content !== null);
      expect(entry.revisions).toEqual(
        held.map((r) => ({ revision: r.link.revision, recordedAt: r.link.recordedAt, kind: 'complete', content: r.content })),
      );
    }
    expect(doc.entries.find((e) => e.id === sample.ids.welsh)?.revisions).toHaveLength(2);
    const verification = await verifyExportDocument(doc);
    expect(exportVerified(verification)).toBe(true);
    expect(verification).toMatchObject({ completeRevisions: 4, partialRevisions: 0, entriesChecked: 3 });
  });

  it('leaves deleted entries out, but keeps every link of the chain and its head', () => {
    const doc = build();
    expect(doc.entries.map((e) => e.id)).not.toContain(sample.ids.deleted);
    expect(doc.chain.links).toEqual(device.diary.snapshot().links);
    expect(doc.chain.links.filter((l) => l.entryId === sample.ids.deleted).map((l) => l.kind)).toEqual([
      'revision',
      'revision',
      'tombstone',
    ]);
    expect(doc.chain.head).toBe(device.diary.head());
  });

  it('keeps the links of incidents not chosen, and their content out', async () => {
    const doc = build({ entryIds: [sample.ids.polish] });
    expect(doc.entries.map((e) => e.id)).toEqual([sample.ids.polish]);
    expect(doc.chain.links).toHaveLength(device.diary.snapshot().links.length);
    expect(JSON.stringify(doc)).not.toContain('Ford llwyd');
    expect(doc.scope.pickedIncidents).toBe(true);
    expect(exportVerified(await verifyExportDocument(doc))).toBe(true);
  });

  it('with fields left out: partial versions with those fields blanked and the rest intact', async () => {
    const omit: OmittableField[] = ['where', 'witnesses', 'reported', 'where'];
    const doc = build({ omitFields: omit });
    expect(doc.scope.omittedFields).toEqual(['where', 'witnesses', 'reported']);
    const polish = doc.entries.find((e) => e.id === sample.ids.polish);
    const revision = polish?.revisions[0];
    expect(revision?.kind).toBe('partial');
    if (revision?.kind !== 'partial') return;
    expect(revision.omittedFields).toEqual(['where', 'witnesses', 'reported']);
    const original = device.diary.history(sample.ids.polish)[0]?.content?.body as Incident;
    expect(revision.incident).toEqual({ ...original, where: '', witnesses: [], reported: { reported: false } });
    expect(JSON.stringify(doc)).not.toContain('Łucja');
    expect(JSON.stringify(doc)).not.toContain('62/3141/26');
    // The salt goes nowhere: a partial version cannot be matched to its hash anyway.
    expect(JSON.stringify(doc)).not.toContain(device.diary.history(sample.ids.polish)[0]?.content?.salt ?? '-');
    // The diary's own records are untouched.
    expect(device.diary.history(sample.ids.polish)[0]?.content?.body.witnesses).toHaveLength(1);

    const verification = await verifyExportDocument(doc);
    expect(verification.chain.ok).toBe(true);
    expect(verification).toMatchObject({ completeRevisions: 0, partialRevisions: 4, problems: [] });
  });

  it.each(OMITTABLE_FIELDS.map((f) => [f]))('leaving out %s blanks that field only', (field) => {
    const full = {
      ...(device.diary.history(sample.ids.polish)[0]?.content?.body as Incident),
      where: 'Ulica Długa',
      whoDidIt: 'Mój były',
      evidenceElsewhere: 'Nagranie u sąsiada',
    };
    const blanked = withoutFields(full, [field]);
    const changed = (Object.keys(full) as (keyof Incident)[]).filter((k) => JSON.stringify(full[k]) !== JSON.stringify(blanked[k]));
    expect(changed).toEqual([field]);
    expect(blanked.whatHappened).toBe(full.whatHappened);
    expect(blanked.when).toEqual(full.when);
    expect(blanked.behaviours).toEqual(full.behaviours);
    expect(blanked.attachments).toEqual(full.attachments);
    expect(full.where).toBe('Ulica Długa');
  });

  it('takes checklist results only when chosen', () => {
    expect(build().checklists).toEqual([]);
    expect(build().scope.checklistsIncluded).toBe(false);
    const doc = build({ includeChecklists: true });
    expect(doc.checklists).toEqual(checklists);
    expect(doc.checklists).toHaveLength(2);
    expect(doc.scope.checklistsIncluded).toBe(true);
  });

  it('describes the choice in its scope', () => {
    expect(build().scope).toEqual({
      behaviours: [],
      pickedIncidents: false,
      omittedFields: [],
      attachmentsIncluded: true,
      checklistsIncluded: false,
    });
    expect(build({ from: '2025-12-01', to: '2026-01-31', behaviours: ['turning-up'], includeAttachments: false }).scope).toEqual({
      from: '2025-12-01',
      to: '2026-01-31',
      behaviours: ['turning-up'],
      pickedIncidents: false,
      omittedFields: [],
      attachmentsIncluded: false,
      checklistsIncluded: false,
    });
    expect(build({ from: '', to: '' }).scope).not.toHaveProperty('from');
  });

  it('leaves out an entry with no version still held', () => {
    const snapshot = device.diary.snapshot();
    const deletedAsEntry = { ...(snapshot.entries[0] as (typeof snapshot.entries)[number]), id: sample.ids.deleted };
    const doc = buildExportDocument(
      { links: snapshot.links, entries: [deletedAsEntry, ...snapshot.entries], history: (id) => device.diary.history(id), checklists: [] },
      EMPTY_SELECTION,
      NOW,
    );
    expect(doc.entries.map((e) => e.id)).not.toContain(sample.ids.deleted);
    expect(doc.entries).toHaveLength(3);
  });
});
