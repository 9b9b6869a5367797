import { describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { parseExportDocument, serializeExportDocument } from '../../../src/core/export/exportJson';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { newRevisionContent } from '../../../src/core/evidence';
import { parseRevisionContent } from '../../../src/core/model/revisionContentParse';
import { anIncident } from '../../support/incidentFactories';
import { DiaryBuilder } from '../evidence/diaryBuilder';
import { builderSource, GENERATED } from './exportFixtureV2';

// The fields that came with issue 16 (breaches, who was told, private notes) are in a version all
// three or none, and never in version 1 content. A file that breaks this must be refused where it
// is read, or a version could pass a scope that says its private notes were left out.

describe('the later incident fields: all three or none', () => {
  it('refuses stored content with only some of them, or version 1 content with any', () => {
    const some = newRevisionContent({ ...anIncident(), privateNotes: 'Only this one' });
    expect(parseRevisionContent(some)).toBeNull();
    const all = newRevisionContent({ ...anIncident(), breaches: [], told: [], privateNotes: '' });
    expect(parseRevisionContent(all)).not.toBeNull();
    const none = newRevisionContent(anIncident());
    expect(parseRevisionContent(none)).not.toBeNull();
    const v1 = { v: 1, salt: 'ab'.repeat(16), body: { ...anIncident(), breaches: [], told: [], privateNotes: 'Secret' } };
    expect(parseRevisionContent(v1)).toBeNull();
    expect(parseRevisionContent({ ...v1, body: anIncident() })).not.toBeNull();
  });

  it('refuses a complete or partial version (version 1 content) carrying private notes, whatever the scope says', async () => {
    const diary = new DiaryBuilder({ version: 1 });
    await diary.save('e1', anIncident({ whatHappened: 'Outside again' }));
    const doc = await buildExportDocument(builderSource(diary, ['e1']), EMPTY_SELECTION, GENERATED);
    const text = serializeExportDocument(doc);
    expect(parseExportDocument(text).ok).toBe(true);
    const raw = JSON.parse(text) as { entries: { revisions: Record<string, unknown>[] }[] };
    const revision = raw.entries[0]?.revisions[0];
    if (!revision) throw new Error('expected a version');
    // A crafted 'complete' version whose body shows private notes the scope says were left out.
    const content = revision.content as { body: Record<string, unknown> };
    revision.content = { ...content, body: { ...content.body, breaches: [], told: [], privateNotes: 'SECRET' } };
    expect(parseExportDocument(JSON.stringify(raw)).ok).toBe(false);
    // And a 'partial' one.
    revision.kind = 'partial';
    revision.omittedFields = ['where'];
    revision.incident = { ...content.body, breaches: [], told: [], privateNotes: 'SECRET' };
    delete revision.content;
    expect(parseExportDocument(JSON.stringify(raw)).ok).toBe(false);
  });
});
