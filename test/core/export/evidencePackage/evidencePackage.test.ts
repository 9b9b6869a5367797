import { beforeAll, describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../../src/core/export/buildExportDocument';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../../src/core/export/encryptedFile';
import type { ExportDocument, ExportSelection } from '../../../../src/core/export/exportDocument';
import {
  createEvidencePackage,
  openEvidencePackage,
  PackageError,
  type PackageErrorCode,
} from '../../../../src/core/export/evidencePackage';
import { documentFiles } from '../../../../src/core/export/exportDocument';
import { fileErrorCode } from '../../../../src/core/export/fileErrorCode';
import { EMPTY_SELECTION, selectEntries } from '../../../../src/core/export/selection';
import { exportVerified, verifiedStatement } from '../../../../src/core/export/verifyExport';
import { parseExportDocument, parseExportDocumentSettingAside, serializeExportDocument } from '../../../../src/core/export/exportJson';
import { INCIDENT_LIMITS } from '../../../../src/core/model/incident';
import { FAST_COST, expectSameBytes, flipByte } from '../../crypto/helpers';
import {
  backupOf,
  bytesOf,
  dumpDatabase,
  expectUnchanged,
  incident,
  newDevice,
  rejectionOf,
  writeSampleDiary,
  type Device,
  type SampleDiary,
  writeUnchecked,
} from '../../backup/backupFixture';

import { sampleExport } from '../exportFixture';

const PASSPHRASE = 'pecyn tystiolaeth / pakiet dowodów';

let device: Device;
let sample: SampleDiary;

beforeAll(async () => {
  device = await newDevice();
  sample = await writeSampleDiary(device);
});

function documentFor(changes: Partial<ExportSelection>, from: Device = device): Promise<ExportDocument> {
  const selection = { ...EMPTY_SELECTION, ...changes };
  const snapshot = from.diary.snapshot();
  return buildExportDocument(
    {
      links: snapshot.links,
      entries: selectEntries(snapshot.entries, selection),
      history: (id) => from.diary.history(id),
      checklists: [],
      fingerprints: [],
    },
    selection,
    new Date('2026-02-01T10:00:00.000Z'),
  );
}

/** The diary's fingerprint as a verified version 2 export reports its chain. */
async function treeOf(from: Device): Promise<{ ok: true; length: number; head: string }> {
  const head = await from.diary.treeHead();
  return { ok: true, length: head.size, head: head.root };
}

// Files are checked byte for byte here, so originals are chosen (pictures: pictures.test.ts).
async function packageOf(document: ExportDocument, from: Device = device): Promise<Blob> {
  const made = await createEvidencePackage(document, from.attachments, PASSPHRASE, { kdfCost: FAST_COST, includeOriginals: true });
  expect(made.damagedFiles).toEqual([]);
  return made.file;
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').sort();
}

async function expectPackageError(file: Blob, code: PackageErrorCode, passphrase = PASSPHRASE): Promise<PackageError> {
  const error = await rejectionOf(openEvidencePackage(file, passphrase));
  expect(error).toBeInstanceOf(PackageError);
  expect((error as PackageError).code).toBe(code);
  return error as PackageError;
}

describe('evidence package', () => {
  it('a redacted package opens with every version checked but the fields left out, and its files byte for byte', async () => {
    const document = await documentFor({ entryIds: [sample.ids.welsh, sample.ids.polish], omitFields: ['where', 'witnesses'] });
    const file = await packageOf(document);
    const before = await dumpDatabase(device.db);
    const names = await databaseNames();

    const opened = await openEvidencePackage(file, PASSPHRASE);
    expect(opened.document).toEqual(document);
    expect(opened.verification.chain).toEqual(await treeOf(device));
    expect(opened.verification).toMatchObject({ version: 2, completeRevisions: 3, partialRevisions: 0, entriesChecked: 2, problems: [] });
    expect(exportVerified(opened.verification)).toBe(true);
    expect(verifiedStatement(opened.verification)).toMatchObject({
      outcome: 'verified',
      checkedRevisions: 3,
      // Private notes too: left out unless ticked in.
      fieldsLeftOut: ['where', 'witnesses', 'privateNotes'],
      fieldsChecked: [
        'when',
        'whatHappened',
        'behaviours',
        'whoDidIt',
        'evidenceElsewhere',
        'attachments',
        'reported',
        'effect',
        'breaches',
        'told',
      ],
    });
    // Only the exported versions' links: nothing of the deleted or left-out incidents.
    expect(opened.document.chain.links.map((l) => l.entryId).sort()).toEqual(
      [sample.ids.welsh, sample.ids.welsh, sample.ids.polish].sort(),
    );
    expect(opened.missingFiles).toEqual([]);
    expect([...opened.files.keys()].sort()).toEqual([sample.big.id, sample.small.id].sort());
    for (const ref of [sample.big, sample.small]) {
      const blob = opened.files.get(ref.id);
      expect(blob?.type).toBe(ref.type);
      expectSameBytes(await bytesOf(blob ?? new Blob()), sample.files.get(ref.id) ?? new Uint8Array());
    }
    // Read-only: nothing written to this device's diary, and no database made.
    await expectUnchanged(device.db, before);
    expect(await databaseNames()).toEqual(names);
  });

  it('the redacted content is not in the package, even encrypted-at-rest aside', async () => {
    const document = await documentFor({ entryIds: [sample.ids.polish], omitFields: ['witnesses'] });
    const opened = await openEvidencePackage(await packageOf(document), PASSPHRASE);
    const text = JSON.stringify(opened.document);
    expect(text).not.toContain('Łucja');
    expect(text).not.toContain('Ford llwyd');
    expect(opened.document.entries.map((e) => e.id)).toEqual([sample.ids.polish]);
  });

  it('a complete package verifies every version against its hash', async () => {
    const opened = await openEvidencePackage(await packageOf(await documentFor({})), PASSPHRASE);
    expect(opened.verification).toMatchObject({ completeRevisions: 4, partialRevisions: 0, entriesChecked: 3, problems: [] });
    expect(opened.verification.chain.ok).toBe(true);
  });

  it('a package of a version 1 document (made before version 2) opens and verifies as it always did', async () => {
    const { document } = await sampleExport();
    const opened = await openEvidencePackage(await packageOf(document), PASSPHRASE);
    expect(opened.document).toEqual(document);
    expect(opened.verification).toMatchObject({ version: 1, chain: { ok: true, length: 8, head: document.chain.head }, problems: [] });
    expect(exportVerified(opened.verification)).toBe(true);
  });

  it('carries no files when attachments are left out, and lists none as missing', async () => {
    const document = await documentFor({ includeAttachments: false });
    const file = await packageOf(document);
    const reader = await openEncryptedFile(file, PASSPHRASE, 'evidence-package');
    const kinds: unknown[] = [];
    for await (const record of reader.records()) kinds.push(record.meta.t);
    expect(kinds).not.toContain('chunk');
    expect(kinds).not.toContain('file');
    const opened = await openEvidencePackage(file, PASSPHRASE);
    expect(opened.files.size).toBe(0);
    expect(opened.missingFiles).toEqual([]);
    expect(file.size).toBeLessThan((await packageOf(await documentFor({}))).size - 3 * 1024);
  });

  it.each([0, 1, 2])('a file damaged on the device (chunk %i gone) is listed as missing, the rest is intact', async (lost) => {
    const broken = await newDevice();
    const brokenSample = await writeSampleDiary(broken);
    await broken.db.chunks.delete(`${brokenSample.big.id}:0000000${lost}`);
    const made = await createEvidencePackage(await documentFor({}, broken), broken.attachments, PASSPHRASE, {
      kdfCost: FAST_COST,
      includeOriginals: true,
    });
    expect(made.damagedFiles).toEqual([brokenSample.big]);
    const opened = await openEvidencePackage(made.file, PASSPHRASE);
    expect(opened.missingFiles).toEqual([brokenSample.big]);
    expect([...opened.files.keys()]).toEqual([brokenSample.small.id]);
    expect(opened.verification.chain.ok).toBe(true);
  });

  it('documentFiles lists every file of every exported version once', async () => {
    expect(
      documentFiles(await documentFor({}))
        .map((f) => f.id)
        .sort(),
    ).toEqual([sample.big.id, sample.small.id].sort());
    expect(documentFiles(await documentFor({ entryIds: [sample.ids.ongoing] }))).toEqual([]);
  });
});

describe('evidence package refusals', () => {
  let file: Blob;
  beforeAll(async () => {
    file = await packageOf(await documentFor({ omitFields: ['effect'] }));
  });

  it('a wrong passphrase is refused as wrong-passphrase', async () => {
    await expectPackageError(file, 'wrong-passphrase', 'wrong');
    await expectPackageError(file, 'wrong-passphrase', '');
  });

  it('a backup offered as a package is refused as wrong-kind, and the app can say it is a backup', async () => {
    const backup = (await backupOf(device, PASSPHRASE)).file;
    const error = await expectPackageError(backup, 'wrong-kind');
    expect(fileErrorCode(error)).toBe('is-backup');
  });

  it.each([
    ['a PDF', new TextEncoder().encode('%PDF-1.4\n')],
    ['a JSON export', new TextEncoder().encode('{"format":"daybook-export","version":1}')],
    ['nothing', new Uint8Array(0)],
  ])('%s is refused as not-daybook-file', async (_, bytes) => {
    await expectPackageError(new Blob([bytes]), 'not-daybook-file');
  });

  it('a cut or flipped package is refused as truncated or corrupt', async () => {
    const bytes = await bytesOf(file);
    await expectPackageError(file.slice(0, file.size - 10), 'truncated');
    await expectPackageError(new Blob([flipByte(bytes, Math.floor(bytes.length / 2))]), 'corrupt');
  });

  describe('with its passphrase but altered content', () => {
    let records: FileRecord[];
    beforeAll(async () => {
      const reader = await openEncryptedFile(await packageOf(await documentFor({})), PASSPHRASE, 'evidence-package');
      records = [];
      for await (const record of reader.records()) records.push(record);
    });
    const rewrite = async (edit: (all: FileRecord[]) => FileRecord[]) => {
      const writer = await EncryptedFileWriter.create({ kind: 'evidence-package', passphrase: PASSPHRASE, kdfCost: FAST_COST });
      for (const record of edit(structuredClone(records))) await writer.add(record);
      return writer.finish();
    };
    const tOf = (r: FileRecord) => r.meta.t;

    it('a complete version whose text was changed opens, but does not verify', async () => {
      const altered = await rewrite((all) =>
        all.map((r) => {
          if (tOf(r) !== 'entry') return r;
          const entry = structuredClone(r.meta.entry) as { revisions: { content: { fields: { whatHappened: { value: string } } } }[] };
          const first = entry.revisions[0];
          if (first) first.content.fields.whatHappened.value = 'Coś innego';
          return { meta: { ...r.meta, entry } };
        }),
      );
      const opened = await openEvidencePackage(altered, PASSPHRASE);
      expect(opened.verification.chain.ok).toBe(false);
      expect(exportVerified(opened.verification)).toBe(false);
    });

    it('a file whose bytes differ from its SHA-256 is listed as missing, not handed over', async () => {
      const altered = await rewrite((all) => {
        const i = all.findIndex((r) => tOf(r) === 'chunk');
        return all.map((r, j) => (j === i ? { meta: r.meta, bytes: flipByte(r.bytes ?? new Uint8Array(1), 0) } : r));
      });
      const opened = await openEvidencePackage(altered, PASSPHRASE);
      expect(opened.missingFiles).toHaveLength(1);
      expect(opened.files.size).toBe(1);
    });

    it.each<[string, (all: FileRecord[]) => FileRecord[]]>([
      ['no document record', (all) => all.slice(1)],
      ['a link too few', (all) => all.filter((_, i) => i !== all.findIndex((r) => tOf(r) === 'link'))],
      ['an unknown record', (all) => [...all, { meta: { t: 'sync' } }]],
      ['an entry that is not one', (all) => all.map((r) => (tOf(r) === 'entry' ? { meta: { t: 'entry', entry: 'nothing' } } : r))],
      [
        'a chunk for no file',
        (all) => [all[0] as FileRecord, { meta: { t: 'chunk', id: 'x', index: 0, last: true }, bytes: new Uint8Array(1) }, ...all.slice(1)],
      ],
    ])('%s is refused as invalid-document', async (_, edit) => {
      await expectPackageError(await rewrite(edit), 'invalid-document');
    });

    it('a document of a newer export version is refused as newer-version', async () => {
      const altered = await rewrite((all) =>
        all.map((r, i) => (i === 0 ? { meta: { ...r.meta, document: { ...(r.meta.document as object), version: 3 } } } : r)),
      );
      await expectPackageError(altered, 'newer-version');
    });

    it('a scope that says fewer fields were left out than a version leaves out is refused as scope-mismatch', async () => {
      const altered = await rewrite((all) =>
        all.map((r) => {
          if (tOf(r) !== 'entry') return r;
          const entry = structuredClone(r.meta.entry) as {
            revisions: { content: { fields: Record<string, unknown>; withheld: object } }[];
          };
          const first = entry.revisions[0];
          // The where field moved from shown to withheld (its commitment is a made-up one).
          if (first) {
            delete first.content.fields.where;
            first.content.withheld = { ...first.content.withheld, where: 'a'.repeat(64) };
          }
          return { meta: { ...r.meta, entry } };
        }),
      );
      const error = await expectPackageError(altered, 'scope-mismatch');
      expect(fileErrorCode(error)).toBe('scope-mismatch');
    });
  });
});

describe('a package holding versions that break a rule of their content', () => {
  const tooLong = `Wklejony wątek wiadomości: ${'i znowu '.repeat(INCIDENT_LIMITS.longText / 8)}`;
  let source: Device;
  let longId: string;
  let editedId: string;
  let document: ExportDocument;

  beforeAll(async () => {
    source = await newDevice();
    await source.diary.add(incident('Pierwszy wpis'));
    // Saved before every write was checked: a pasted thread over the limit, and an edit that made one too long.
    longId = await writeUnchecked(source, incident(tooLong));
    editedId = await source.diary.add(incident('Krótko'));
    await writeUnchecked(source, incident(`Krótko, potem: ${tooLong}`), editedId);
    await source.diary.add(incident('Ostatni wpis'));
    document = await documentFor({}, source);
  });

  it('opens with everything else, lists each version set aside and why, and still verifies', async () => {
    const opened = await openEvidencePackage(await packageOf(document, source), PASSPHRASE);
    expect(opened.setAside).toEqual([
      expect.objectContaining({ record: 'revision', entryId: longId, revision: 1, rule: 'too-long' }),
      expect.objectContaining({ record: 'revision', entryId: editedId, revision: 2, rule: 'too-long' }),
    ]);
    expect(opened.setAside[0]?.record === 'revision' && opened.setAside[0].excerpt?.startsWith('Wklejony wątek')).toBe(true);
    const ids = opened.document.entries.map((e) => e.id);
    expect(ids).not.toContain(longId);
    expect(opened.document.entries.find((e) => e.id === editedId)?.revisions.map((r) => r.revision)).toEqual([1]);
    expect(opened.document.entries).toHaveLength(3);
    // Set aside is not held back: the chain and every version shown check out.
    expect(opened.verification.problems).toEqual([]);
    expect(opened.verification.chain).toEqual(await treeOf(source));
    expect(exportVerified(opened.verification)).toBe(true);
  });

  it('reads the same from the JSON export when asked to set aside; the strict reader refuses it whole', () => {
    const json = serializeExportDocument(document);
    expect(parseExportDocument(json)).toMatchObject({ ok: false, code: 'invalid' });
    const read = parseExportDocumentSettingAside(json);
    expect(read.ok && read.setAside.map((r) => r.record === 'revision' && [r.entryId, r.revision, r.rule])).toEqual([
      [longId, 1, 'too-long'],
      [editedId, 2, 'too-long'],
    ]);
  });

  it('sets aside a checklist result it cannot read, and opens the rest', async () => {
    await source.checklists.saveAnswers({
      behaviours: ['following'],
      occasions: null,
      duration: null,
      fixation: [],
      effects: [],
      risks: [],
    });
    const withResults = await documentFor({ includeChecklists: true, entryIds: [editedId] }, source);
    const made = await createEvidencePackage(
      { ...withResults, checklists: [...(await source.checklists.list())] },
      source.attachments,
      PASSPHRASE,
      {
        kdfCost: FAST_COST,
        includeOriginals: true,
      },
    );
    const reader = await openEncryptedFile(made.file, PASSPHRASE, 'evidence-package');
    const writer = await EncryptedFileWriter.create({ kind: 'evidence-package', passphrase: PASSPHRASE, kdfCost: FAST_COST });
    for await (const record of reader.records()) {
      await writer.add(record.meta.t === 'check' ? { meta: { t: 'check', result: { id: 'wynik', savedAt: 'wczoraj' } } } : record);
    }
    const opened = await openEvidencePackage(await writer.finish(), PASSPHRASE);
    expect(opened.setAside).toEqual([
      expect.objectContaining({ record: 'revision', entryId: editedId, revision: 2 }),
      { record: 'checklist', id: 'wynik', rule: 'not-valid' },
    ]);
    expect(opened.document.checklists).toEqual([]);
    expect(opened.document.entries.map((e) => e.id)).toEqual([editedId]);
  });
});
