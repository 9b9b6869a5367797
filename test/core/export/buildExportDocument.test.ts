import { anIncident, asIncident } from '../../support/incidentFactories';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SavedChecklistResult } from '../../../src/core/checklist/result';
import { committedContentHash, prefixRoots, treeHead, verifyConsistency, verifyInclusion } from '../../../src/core/evidence';
import { buildExportDocument, withoutFields, type ExportSource } from '../../../src/core/export/buildExportDocument';
import {
  OMITTABLE_FIELDS,
  revisionIncident,
  type ExportDocumentV2,
  type ExportSelection,
  type OmittableField,
  type SharedFingerprint,
} from '../../../src/core/export/exportDocument';
import { EMPTY_SELECTION, selectEntries } from '../../../src/core/export/selection';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import type { Incident } from '../../../src/core/model/incident';
import { newDevice, writeSampleDiary, type Device, type SampleDiary } from '../backup/backupFixture';
import { builderSource, CHOSEN, GENERATED, LEFT_OUT_TEXT, mixedDiary, sharedFingerprints } from './exportFixtureV2';

let device: Device;
let sample: SampleDiary;
let checklists: SavedChecklistResult[];
const NOW = new Date('2026-02-01T10:00:00.000Z');

beforeAll(async () => {
  device = await newDevice();
  sample = await writeSampleDiary(device);
  checklists = await device.checklists.list();
});

// The sample diary's chain:
//   0 welsh#1  1 polish#1  2 deleted#1  3 welsh#2  4 deleted#2  5 ongoing#1  6 deleted#3 (tombstone)

function sourceFor(selection: ExportSelection, fingerprints: SharedFingerprint[] = []): ExportSource {
  const snapshot = device.diary.snapshot();
  return {
    links: snapshot.links,
    entries: selectEntries(snapshot.entries, selection),
    history: (id) => device.diary.history(id),
    checklists,
    fingerprints,
  };
}

const build = (changes: Partial<ExportSelection> = {}, fingerprints: SharedFingerprint[] = []) => {
  const selection = { ...EMPTY_SELECTION, ...changes };
  return buildExportDocument(sourceFor(selection, fingerprints), selection, NOW);
};

/** Every link of the diary that is not one of the document's own. */
function otherLinks(document: ExportDocumentV2) {
  const own = new Set(document.chain.links.map((link) => link.seq));
  return device.diary.snapshot().links.filter((link) => !own.has(link.seq));
}

describe('buildExportDocument (version 2)', () => {
  it('with nothing left out: every held version, committed with every field shown, matching its link', async () => {
    const doc = await build({ includePrivateNotes: true });
    expect(doc.format).toBe('daybook-export');
    expect(doc.version).toBe(2);
    expect(doc.generatedAt).toBe('2026-02-01T10:00:00.000Z');
    // In the order they happened (see selectEntries).
    expect(doc.entries.map((e) => e.id)).toEqual(selectEntries(device.diary.snapshot().entries, EMPTY_SELECTION).map((e) => e.id));
    expect(doc.entries).toHaveLength(3);
    for (const entry of doc.entries) {
      const held = device.diary.history(entry.id).filter((r) => r.content !== null);
      expect(entry.revisions.map((r) => [r.revision, r.recordedAt, r.kind])).toEqual(
        held.map((r) => [r.link.revision, r.link.recordedAt, 'committed']),
      );
      for (const [i, revision] of entry.revisions.entries()) {
        if (revision.kind !== 'committed') throw new Error('expected committed');
        expect(revision.content.withheld).toEqual({});
        expect(await committedContentHash(revision.content)).toBe(held[i]?.link.contentHash);
        expect(revisionIncident(revision)).toEqual(held[i]?.content?.body);
      }
    }
    const verification = await verifyExportDocument(doc);
    expect(exportVerified(verification)).toBe(true);
    expect(verification).toMatchObject({ completeRevisions: 4, partialRevisions: 0, entriesChecked: 3 });
  });

  it('carries the whole diary’s tree head, and only the exported versions’ links, each with a proof', async () => {
    const doc = await build();
    const links = device.diary.snapshot().links;
    expect({ size: doc.chain.size, root: doc.chain.root }).toEqual(await treeHead(links.map((l) => l.hash)));
    expect({ size: doc.chain.size, root: doc.chain.root }).toEqual(await device.diary.treeHead());
    expect(doc.chain.links.map((l) => l.seq)).toEqual([0, 1, 3, 5]);
    for (const link of doc.chain.links) {
      const { proof, ...plain } = link;
      expect(plain).toEqual(links[link.seq]);
      expect(await verifyInclusion(link.hash, link.seq, doc.chain, proof)).toBe(true);
    }
    expect(doc.chain.earlier).toEqual([]);
  });

  it('says nothing of a deleted entry: no id, time, hash or tombstone', async () => {
    const doc = await build();
    const text = JSON.stringify(doc);
    expect(doc.entries.map((e) => e.id)).not.toContain(sample.ids.deleted);
    expect(text).not.toContain(sample.ids.deleted);
    expect(text).not.toContain('tombstone');
    // A link's hash can only be checked with its prevHash, so the hash of the link just before an
    // exported one goes out as that: an opaque value (over a random id), and nowhere else.
    const prevHashes = new Set(doc.chain.links.map((link) => link.prevHash));
    for (const link of otherLinks(doc)) {
      expect(text).not.toContain(link.recordedAt);
      expect(text).not.toContain(link.contentHash);
      if (!prevHashes.has(link.hash)) expect(text).not.toContain(link.hash);
      else expect(text.split(link.hash)).toHaveLength(2);
    }
  });

  it('says nothing of incidents not chosen, and still verifies', async () => {
    const doc = await build({ entryIds: [sample.ids.polish] });
    expect(doc.entries.map((e) => e.id)).toEqual([sample.ids.polish]);
    expect(doc.chain.links.map((l) => l.entryId)).toEqual([sample.ids.polish]);
    expect(doc.chain.size).toBe(device.diary.snapshot().links.length);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('Ford llwyd');
    for (const id of [sample.ids.welsh, sample.ids.deleted, sample.ids.ongoing]) expect(text).not.toContain(id);
    for (const link of otherLinks(doc)) expect(text).not.toContain(link.recordedAt);
    expect(doc.scope.pickedIncidents).toBe(true);
    expect(exportVerified(await verifyExportDocument(doc))).toBe(true);
  });

  it('with fields left out: each version shows the rest and only the commitment of those', async () => {
    const omit: OmittableField[] = ['where', 'witnesses', 'reported', 'where'];
    const doc = await build({ omitFields: omit });
    // Private notes are left out too, as they always are unless ticked in.
    expect(doc.scope.omittedFields).toEqual(['where', 'witnesses', 'reported', 'privateNotes']);
    const polish = doc.entries.find((e) => e.id === sample.ids.polish);
    const revision = polish?.revisions[0];
    if (revision?.kind !== 'committed') throw new Error('expected a committed version');
    expect(Object.keys(revision.content.withheld).sort()).toEqual(['privateNotes', 'reported', 'where', 'witnesses']);
    expect(Object.keys(revision.content.fields).sort()).toEqual(
      ['attachments', 'behaviours', 'breaches', 'effect', 'evidenceElsewhere', 'told', 'whatHappened', 'when', 'whoDidIt'].sort(),
    );
    const original = device.diary.history(sample.ids.polish)[0]?.content;
    if (original?.v !== 2) throw new Error('expected version 2 content');
    // A withheld field the version has is not shown at all (toEqual reads undefined as absent).
    expect(revisionIncident(revision)).toEqual({
      ...original.body,
      where: '',
      witnesses: [],
      reported: { reported: false },
      privateNotes: undefined,
    });
    const text = JSON.stringify(doc);
    expect(text).not.toContain('Łucja');
    expect(text).not.toContain('62/3141/26');
    // The salts of the fields left out go nowhere: a guess at one cannot be confirmed.
    for (const field of ['where', 'witnesses', 'reported'])
      expect(text).not.toContain((original.salts as Record<string, string>)[field] ?? '-');
    // The diary's own records are untouched.
    expect(asIncident(device.diary.history(sample.ids.polish)[0]?.content?.body)?.witnesses).toHaveLength(1);

    const verification = await verifyExportDocument(doc);
    expect(exportVerified(verification)).toBe(true);
    expect(verification).toMatchObject({ completeRevisions: 4, partialRevisions: 0, problems: [] });
    expect([...verification.coverage.fieldsWithheld].sort()).toEqual(['privateNotes', 'reported', 'where', 'witnesses']);
    expect(verification.coverage.fieldsChecked.has('whatHappened')).toBe(true);
    expect(verification.coverage.fieldsChecked.has('where')).toBe(false);
  });

  it.each(OMITTABLE_FIELDS.map((f) => [f]))('leaving out %s blanks that field only', (field) => {
    const full = {
      ...(device.diary.history(sample.ids.polish)[0]?.content?.body as Incident),
      where: 'Ulica Długa',
      whoDidIt: 'Mój były',
      evidenceElsewhere: 'Nagranie u sąsiada',
      told: [{ who: 'Siostra', how: 'phone' as const }],
      privateNotes: 'Tylko dla mnie',
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

  it('takes checklist results only when chosen', async () => {
    expect((await build()).checklists).toEqual([]);
    expect((await build()).scope.checklistsIncluded).toBe(false);
    const doc = await build({ includeChecklists: true });
    expect(doc.checklists).toEqual(checklists);
    expect(doc.checklists).toHaveLength(2);
    expect(doc.scope.checklistsIncluded).toBe(true);
  });

  it('describes the choice in its scope', async () => {
    expect((await build()).scope).toEqual({
      behaviours: [],
      pickedIncidents: false,
      omittedFields: ['privateNotes'],
      attachmentsIncluded: true,
      checklistsIncluded: false,
    });
    expect((await build({ from: '2025-12-01', to: '2026-01-31', behaviours: ['turning-up'], includeAttachments: false })).scope).toEqual({
      from: '2025-12-01',
      to: '2026-01-31',
      behaviours: ['turning-up'],
      pickedIncidents: false,
      omittedFields: ['privateNotes'],
      attachmentsIncluded: false,
      checklistsIncluded: false,
    });
    expect((await build({ from: '', to: '' })).scope).not.toHaveProperty('from');
  });

  it('leaves private notes out unless ticked in, whatever else is chosen: their text and salt go nowhere', async () => {
    const id = await device.diary.add(anIncident({ whatHappened: 'Notes test', privateNotes: 'I keep wondering if I overreacted' }));
    try {
      const stored = device.diary.history(id)[0]?.content;
      if (stored?.v !== 2) throw new Error('expected version 2 content');
      for (const selection of [{}, { omitFields: [] }, { omitFields: ['where' as const] }, { includePrivateNotes: false }]) {
        const doc = await build(selection);
        const text = JSON.stringify(doc);
        expect(text).not.toContain('overreacted');
        expect(text).not.toContain((stored.salts as Record<string, string>).privateNotes ?? '-');
        expect(doc.scope.omittedFields).toContain('privateNotes');
        expect(exportVerified(await verifyExportDocument(doc))).toBe(true);
      }
      const ticked = await build({ includePrivateNotes: true });
      expect(JSON.stringify(ticked)).toContain('overreacted');
      expect(ticked.scope.omittedFields).not.toContain('privateNotes');
      expect(exportVerified(await verifyExportDocument(ticked))).toBe(true);
    } finally {
      await device.diary.remove(id);
    }
  });

  it('leaves out an entry with no version still held', async () => {
    const snapshot = device.diary.snapshot();
    const deletedAsEntry = { ...(snapshot.entries[0] as (typeof snapshot.entries)[number]), id: sample.ids.deleted };
    const doc = await buildExportDocument(
      {
        links: snapshot.links,
        entries: [deletedAsEntry, ...snapshot.entries],
        history: (id) => device.diary.history(id),
        checklists: [],
        fingerprints: [],
      },
      EMPTY_SELECTION,
      NOW,
    );
    expect(doc.entries.map((e) => e.id)).not.toContain(sample.ids.deleted);
    expect(doc.entries).toHaveLength(3);
    expect(doc.chain.links.map((l) => l.entryId)).not.toContain(sample.ids.deleted);
  });
});

describe('buildExportDocument: earlier fingerprints', () => {
  it('proves each shared fingerprint the diary contains, once per size, the first sharing kept', async () => {
    const links = device.diary.snapshot().links;
    const roots = await prefixRoots(links.map((l) => l.hash));
    const shared: SharedFingerprint[] = [
      { size: 3, root: roots[2] ?? '', sharedAt: '2026-01-05T10:00:00.000Z' },
      { size: 3, root: roots[2] ?? '', sharedAt: '2026-01-04T10:00:00.000Z' },
      { size: 1, root: roots[0] ?? '', sharedAt: '2026-01-03T10:00:00.000Z' },
      // Not this diary at that size, beyond its end, and of no links: none can be proven.
      { size: 2, root: 'e'.repeat(64), sharedAt: '2026-01-04T11:00:00.000Z' },
      { size: links.length + 1, root: 'f'.repeat(64), sharedAt: '2026-01-06T10:00:00.000Z' },
      { size: 0, root: 'f'.repeat(64), sharedAt: '2026-01-06T10:00:00.000Z' },
      { size: links.length, root: roots.at(-1) ?? '', sharedAt: '2026-01-06T11:00:00.000Z' },
    ];
    const doc = await build({}, shared);
    expect(doc.chain.earlier.map(({ size, sharedAt }) => [size, sharedAt])).toEqual([
      [1, '2026-01-03T10:00:00.000Z'],
      [3, '2026-01-04T10:00:00.000Z'],
      [links.length, '2026-01-06T11:00:00.000Z'],
    ]);
    for (const earlier of doc.chain.earlier) expect(await verifyConsistency(earlier, doc.chain, earlier.proof)).toBe(true);
    const verification = await verifyExportDocument(doc);
    expect(exportVerified(verification)).toBe(true);
    expect(verification.coverage.earlier.every((e) => e.proven)).toBe(true);
  });
});

describe('buildExportDocument: versions written before version 2', () => {
  it('goes out complete when nothing is left out, checked against its link', async () => {
    const diary = await mixedDiary();
    const doc = await buildExportDocument(builderSource(diary, CHOSEN), EMPTY_SELECTION, GENERATED);
    expect(doc.entries.map((e) => [e.id, e.revisions.map((r) => r.kind)])).toEqual([
      ['entry-a', ['complete', 'complete']],
      ['entry-c', ['committed', 'committed']],
      ['entry-e', ['committed']],
    ]);
    const verification = await verifyExportDocument(doc);
    expect(exportVerified(verification)).toBe(true);
    expect(verification.coverage.checkedRevisions).toBe(5);
  });

  it('goes out partial, its text named as unchecked, when fields are left out', async () => {
    const diary = await mixedDiary();
    const selection = { ...EMPTY_SELECTION, omitFields: ['witnesses' as const] };
    const doc = await buildExportDocument(builderSource(diary, CHOSEN, await sharedFingerprints(diary)), selection, GENERATED);
    expect(doc.entries[0]?.revisions.map((r) => r.kind)).toEqual(['partial', 'partial']);
    expect(JSON.stringify(doc)).not.toContain('Mrs Patel');
    expect(JSON.stringify(doc)).not.toContain(LEFT_OUT_TEXT);
    const verification = await verifyExportDocument(doc);
    expect(exportVerified(verification)).toBe(true);
    expect(verification.coverage).toMatchObject({ checkedRevisions: 3, uncheckedV1Partial: 2 });
    expect(verification.coverage.notCovered).toContain('v1-partial-text');
  });
});
