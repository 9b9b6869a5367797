// A version set aside is authentic only if its link is in the chain, at the same time, and its
// content exactly as carried has the SHA-256 the link records. A version edited or made up never
// shows as verified, in a package or in plain JSON (which is read strictly: it has no
// authentication). And a diary that set a version aside at restore still exports an export that
// verifies, naming that version as one whose text is not held.

import { beforeAll, describe, expect, it } from 'vitest';
import { checkBackup } from '../../../src/core/backup/checkBackup';
import { restoreBackup } from '../../../src/core/backup/restoreBackup';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { EncryptedFileWriter, openEncryptedFile, type FileRecord } from '../../../src/core/export/encryptedFile';
import { createEvidencePackage, openEvidencePackage, PackageError } from '../../../src/core/export/evidencePackage';
import type { ExportDocument, ExportSelection } from '../../../src/core/export/exportDocument';
import { parseExportDocument, parseExportDocumentSettingAside, serializeExportDocument } from '../../../src/core/export/exportJson';
import { EMPTY_SELECTION, selectEntries } from '../../../src/core/export/selection';
import type { NotHeldPart } from '../../../src/core/export/setAside';
import { exportVerified, verifyExportDocument } from '../../../src/core/export/verifyExport';
import { INCIDENT_LIMITS } from '../../../src/core/model/incident';
import { openPackageFile } from '../../../src/features/evidencePackage/openPackageFile';
import { FAST_COST } from '../crypto/helpers';
import { backupOf, incident, newDevice, PASSPHRASE, rejectionOf, writeUnchecked, type Device } from '../backup/backupFixture';

const TOO_LONG = `He sent the whole thread again: ${'and again '.repeat(INCIDENT_LIMITS.longText / 10)}`;

function documentOf(from: Device, changes: Partial<ExportSelection> = {}): Promise<ExportDocument & NotHeldPart> {
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

async function packageOf(document: ExportDocument, from: Device): Promise<Blob> {
  return (await createEvidencePackage(document, from.attachments, PASSPHRASE, { kdfCost: FAST_COST })).file;
}

/** The package re-encrypted (by someone with its passphrase) with its entry records edited. */
async function withEntriesEdited(file: Blob, edit: (entry: Record<string, unknown>) => Record<string, unknown>): Promise<Blob> {
  const reader = await openEncryptedFile(file, PASSPHRASE, 'evidence-package');
  const writer = await EncryptedFileWriter.create({ kind: 'evidence-package', passphrase: PASSPHRASE, kdfCost: FAST_COST });
  for await (const record of reader.records()) {
    const meta = structuredClone(record.meta) as FileRecord['meta'];
    await writer.add(meta.t === 'entry' ? { meta: { ...meta, entry: edit(meta.entry as Record<string, unknown>) } } : { meta });
  }
  return writer.finish();
}

type RawEntry = { id: string; revisions: Record<string, unknown>[] };

type Shown = Record<string, { salt: string; value: unknown }>;

/** Version 2's behaviours changed to one Daybook does not know (so the reader sets it aside). */
function madeUpBehaviour(entry: RawEntry): RawEntry {
  const revisions = entry.revisions.map((revision) => {
    if (revision.revision !== 2) return revision;
    const content = revision.content as { fields: Shown };
    const behaviours = { salt: content.fields.behaviours?.salt ?? '', value: ['made-up'] };
    return { ...revision, content: { ...content, fields: { ...content.fields, behaviours } } };
  });
  return { ...entry, revisions };
}

/** A revision 7, dated 2030, that no link records. */
function inventedRevision(entry: RawEntry): RawEntry {
  const first = entry.revisions[0]?.content as { fields: Shown };
  const salt = '0123456789abcdef0123456789abcdef';
  const content = {
    v: 2,
    fields: {
      ...first.fields,
      whatHappened: { salt, value: 'He admitted it, fabricated' },
      behaviours: { salt, value: ['made-up'] },
    },
    withheld: {},
  };
  return { ...entry, revisions: [...entry.revisions, { revision: 7, recordedAt: '2030-01-01T12:00:00.000Z', kind: 'committed', content }] };
}

describe('a version set aside that is not what its link commits to', () => {
  let source: Device;
  let entryId: string;
  let document: ExportDocument;

  beforeAll(async () => {
    source = await newDevice();
    entryId = await source.diary.add(incident('Car outside the house'));
    await source.diary.edit(entryId, incident('Car outside the house, grey Ford'));
    document = await documentOf(source);
  });

  it.each([
    ['an edited version 2', madeUpBehaviour, { kind: 'altered', revision: 2 }],
    ['an invented revision 7', inventedRevision, { kind: 'missing-link', revision: 7 }],
  ])('%s: the package opens with it set aside but does NOT verify', async (_, edit, problem) => {
    const file = await withEntriesEdited(await packageOf(document, source), (entry) => edit(entry as unknown as RawEntry));
    const opened = await openEvidencePackage(file, PASSPHRASE);
    expect(opened.setAside).toEqual([expect.objectContaining({ record: 'revision', entryId, revision: problem.revision })]);
    expect(opened.verification.problems).toContainEqual({ ...problem, entryId });
    expect(opened.verification.setAsideRevisions).toBe(0);
    expect(exportVerified(opened.verification)).toBe(false);
  });

  it.each([
    ['an edited version 2', madeUpBehaviour, 'altered'],
    ['an invented revision 7', inventedRevision, 'missing-link'],
  ])('%s in plain JSON: refused whole, and never verified even by the lenient reader', async (_, edit, kind) => {
    const raw = JSON.parse(serializeExportDocument(document)) as { entries: RawEntry[] };
    raw.entries = raw.entries.map(edit);
    const json = JSON.stringify(raw);
    expect(parseExportDocument(json)).toMatchObject({ ok: false, code: 'invalid' });
    const error = await rejectionOf(openPackageFile(new Blob([json], { type: 'application/json' }), ''));
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).code).toBe('invalid-document');
    const read = parseExportDocumentSettingAside(json);
    if (!read.ok) throw new Error('expected the lenient reader to set it aside');
    const verification = await verifyExportDocument(read.document, { setAside: read.setAside, setAsideContent: read.setAsideContent });
    expect(verification.problems.map((p) => p.kind)).toContain(kind);
    expect(exportVerified(verification)).toBe(false);
  });

  it('a partial version set aside cannot be checked, so is a problem', async () => {
    const partial = await documentOf(source, { omitFields: ['where'] });
    // Version 2 relabelled as partial (version 1 content with fields left out), with made-up text.
    const file = await withEntriesEdited(await packageOf(partial, source), (entry) => {
      const raw = entry as unknown as RawEntry;
      const revisions = raw.revisions.map((r) =>
        r.revision === 2
          ? {
              revision: r.revision,
              recordedAt: r.recordedAt,
              kind: 'partial',
              incident: incident('Rewritten', { behaviours: ['made-up' as never] }),
              omittedFields: ['where'],
            }
          : r,
      );
      return { ...raw, revisions } as unknown as Record<string, unknown>;
    });
    const opened = await openEvidencePackage(file, PASSPHRASE);
    expect(opened.verification.problems).toContainEqual({ kind: 'set-aside-unchecked', entryId, revision: 2 });
    expect(exportVerified(opened.verification)).toBe(false);
  });

  it('the version as it was written (too long, but authentic) counts as set aside, and the package verifies', async () => {
    const device = await newDevice();
    const id = await device.diary.add(incident('Short at first'));
    await writeUnchecked(device, incident(TOO_LONG), id);
    const opened = await openEvidencePackage(await packageOf(await documentOf(device), device), PASSPHRASE);
    expect(opened.verification.setAsideRevisions).toBe(1);
    expect(opened.verification.problems).toEqual([]);
    expect(exportVerified(opened.verification)).toBe(true);
  });
});

describe('a backup whose set-aside version is not what its link commits to', () => {
  it('does not verify', async () => {
    const device = await newDevice();
    const id = await device.diary.add(incident('Short at first'));
    await writeUnchecked(device, incident(TOO_LONG), id);
    const made = await backupOf(device);
    const reader = await openEncryptedFile(made.file, PASSPHRASE, 'backup');
    const writer = await EncryptedFileWriter.create({ kind: 'backup', passphrase: PASSPHRASE, kdfCost: FAST_COST });
    for await (const record of reader.records()) {
      const meta = structuredClone(record.meta) as Record<string, unknown>;
      const link = meta.link as { revision?: number } | undefined;
      if (meta.t === 'rev' && link?.revision === 2) {
        const content = meta.content as { body: Record<string, unknown> };
        meta.content = { ...content, body: { ...content.body, whatHappened: `${TOO_LONG} He admitted it.` } };
      }
      await writer.add(record.bytes ? { meta, bytes: record.bytes } : { meta });
    }
    const checked = await checkBackup(await writer.finish(), PASSPHRASE);
    expect(checked.setAside).toEqual([expect.objectContaining({ record: 'revision', entryId: id, revision: 2 })]);
    expect(checked.verification).toMatchObject({ ok: false, brokenAt: 1, reason: 'content-mismatch', entryId: id });
    // Restoring would drop the content that shows the break: refused even into an empty diary.
    const empty = await newDevice();
    const before = empty.diary.allRecords().length;
    expect(await rejectionOf(restoreBackup(checked, empty))).toMatchObject({ code: 'set-aside-does-not-verify' });
    expect(empty.diary.allRecords()).toHaveLength(before);
  });
});

describe('an export of an incident with a version set aside at restore', () => {
  let target: Device;
  let entryId: string;

  beforeAll(async () => {
    const source = await newDevice();
    entryId = await source.diary.add(incident('Car outside the house'));
    await writeUnchecked(source, incident(TOO_LONG), entryId);
    const checked = await checkBackup((await backupOf(source)).file, PASSPHRASE);
    expect(checked.verification.ok).toBe(true);
    target = await newDevice('2026-06-01T09:00:00.000Z');
    await restoreBackup(checked, target);
  });

  it('carries the version as its link only', async () => {
    const document = await documentOf(target);
    expect(document.entries.map((e) => [e.id, e.revisions.map((r) => r.revision)])).toEqual([[entryId, [1]]]);
    expect(document.versionsNotHeld).toEqual([{ entryId, revision: 2, recordedAt: target.diary.history(entryId)[1]?.link.recordedAt }]);
  });

  it('the diary counts the version not held, so an edit builds on the real newest version', async () => {
    expect(target.diary.snapshot().entries.find((e) => e.id === entryId)?.revisions).toBe(2);
    // An edit based on what the screen shows (version 2) is saved, as version 3; it is not refused
    // as if another tab had changed the incident.
    const probe = await newDevice('2026-06-02T09:00:00.000Z');
    const checked = await checkBackup((await backupOf(target)).file, PASSPHRASE);
    await restoreBackup(checked, probe);
    await probe.diary.edit(entryId, incident('Car outside the house, written again'), 2);
    expect(probe.diary.history(entryId).map((r) => r.link.revision)).toEqual([1, 2, 3]);
  });

  const expectNamed = (opened: Awaited<ReturnType<typeof openEvidencePackage>>) => {
    // The chain and every held version check out, but a version whose text is not held cannot be
    // checked, and the file's word for why is not proof: not called verified, and named.
    expect(opened.verification.problems).toEqual([]);
    expect(opened.verification.chain.ok).toBe(true);
    expect(exportVerified(opened.verification)).toBe(false);
    expect(opened.verification.completeRevisions).toBe(1);
    expect(opened.verification.notHeld).toEqual([expect.objectContaining({ entryId, revision: 2 })]);
    expect(opened.setAside).toEqual([expect.objectContaining({ record: 'revision', entryId, revision: 2, rule: 'not-held' })]);
  };

  it('opens as JSON: the chain checks out, the one version not held is named, and it is not called verified', async () => {
    const json = serializeExportDocument(await documentOf(target));
    expectNamed(await openPackageFile(new Blob([json], { type: 'application/json' }), ''));
  });

  it('opens as a package: the chain checks out, the one version not held is named, and it is not called verified', async () => {
    expectNamed(await openEvidencePackage(await packageOf(await documentOf(target), target), PASSPHRASE));
  });

  it('a version not held that the chain does not have, or that also carries content, does not verify', async () => {
    const document = await documentOf(target);
    const invented = { ...document, versionsNotHeld: [{ entryId, revision: 7, recordedAt: '2030-01-01T12:00:00.000Z' }] };
    const first = document.entries[0]?.revisions[0];
    const doubled = { ...document, versionsNotHeld: [{ entryId, revision: 1, recordedAt: first?.recordedAt ?? '' }] };
    const problems = async (doc: ExportDocument & NotHeldPart) => (await verifyExportDocument(doc)).problems.map((p) => p.kind);
    // Version 2: revision 2's link is in the file, so it is known to be held back; 3 to 6 are missing too.
    expect(await problems(invented)).toEqual(['missing-link', 'missing-revision', 'missing-revision']);
    expect(await problems(doubled)).toEqual(['duplicate-revision', 'missing-revision']);
  });

  it('a version-1 file without the field still opens as before, and reports the version missing', async () => {
    const plain: ExportDocument & NotHeldPart = await documentOf(target);
    delete plain.versionsNotHeld;
    const read = parseExportDocument(serializeExportDocument(plain));
    if (!read.ok) throw new Error('expected it to read');
    expect(read.document.versionsNotHeld).toBeUndefined();
    expect((await verifyExportDocument(read.document)).problems).toEqual([{ kind: 'missing-revision', entryId, revision: 2 }]);
  });
});
