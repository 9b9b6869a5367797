// Exhibit references (issue 16, point 6): initials checked, files numbered in the order the report
// shows them, the same numbers for the same export, and file names that carry the label safely.

import { describe, expect, it } from 'vitest';
import {
  exhibitFileName,
  exhibitOrder,
  exhibitsOf,
  initialsOfRecorded,
  numberExhibits,
  parseExhibitInitials,
} from '../../../src/core/export/exhibits';
import type { ExportDocument } from '../../../src/core/export/exportDocument';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { DiaryBuilder } from '../evidence/diaryBuilder';
import { anIncident } from '../../support/incidentFactories';
import { buildExportDocument } from '../../../src/core/export/buildExportDocument';
import { EMPTY_SELECTION } from '../../../src/core/export/selection';
import { builderSource, switchToVersion2 } from './exportFixtureV2';
import { anOrder } from './exportOrdersFixture';

function file(id: string, name = `${id}.jpg`): AttachmentRef {
  return { id, name, type: 'image/jpeg', size: 10, sha256: '00'.repeat(32) };
}

/**
 * Two incidents: A has files a1, a2, then an edit drops a1 and adds a3; B (written later, happened
 * earlier) has b1 and a2 (the same file twice). The report lists B first (it happened first).
 */
async function twoIncidents(includeAttachments = true): Promise<ExportDocument> {
  const diary = new DiaryBuilder();
  switchToVersion2(diary);
  await diary.save('entry-a', anIncident({ when: { kind: 'exact', date: '2026-03-02' }, attachments: [file('a1'), file('a2')] }));
  await diary.tick().save('entry-b', anIncident({ when: { kind: 'exact', date: '2026-03-01' }, attachments: [file('b1'), file('a2')] }));
  await diary.tick().save('entry-a', anIncident({ when: { kind: 'exact', date: '2026-03-02' }, attachments: [file('a2'), file('a3')] }));
  return buildExportDocument(
    builderSource(diary, ['entry-b', 'entry-a']),
    { ...EMPTY_SELECTION, includeAttachments },
    new Date('2026-03-10T12:00:00Z'),
  );
}

describe('exhibit initials', () => {
  it('takes 1 to 4 letters A to Z in either case, given back in capitals; blank means none', () => {
    expect(parseExhibitInitials('AB')).toEqual({ ok: true, initials: 'AB' });
    expect(parseExhibitInitials(' jS ')).toEqual({ ok: true, initials: 'JS' });
    expect(parseExhibitInitials('abcd')).toEqual({ ok: true, initials: 'ABCD' });
    expect(parseExhibitInitials('')).toEqual({ ok: true, initials: null });
    expect(parseExhibitInitials('   ')).toEqual({ ok: true, initials: null });
  });

  it('refuses anything else, with the reason', () => {
    expect(parseExhibitInitials('ABCDE')).toEqual({ ok: false, problem: 'too-long' });
    for (const bad of ['A/B', 'A B', 'A1', 'ß', 'Ł', 'ı', '../', 'A\u202E', 'AB.', '１']) {
      expect(parseExhibitInitials(bad)).toEqual({ ok: false, problem: 'not-letters' });
    }
  });
});

describe('exhibit numbers', () => {
  it('follow the report: incident by incident as listed, latest version first, then earlier versions', async () => {
    const document = await twoIncidents();
    expect(exhibitOrder(document.entries).map((ref) => ref.id)).toEqual(['b1', 'a2', 'a3', 'a1']);
    const exhibits = exhibitsOf(document, 'AB');
    expect([...exhibits].map(([id, exhibit]) => [id, exhibit.reference, exhibit.fileLabel])).toEqual([
      ['b1', 'AB/1', 'AB-1'],
      ['a2', 'AB/2', 'AB-2'],
      ['a3', 'AB/3', 'AB-3'],
      ['a1', 'AB/4', 'AB-4'],
    ]);
  });

  it('number each order’s own files after the incidents’ files, latest version first, each once', async () => {
    const diary = new DiaryBuilder();
    switchToVersion2(diary);
    await diary.save('order-1', anOrder({ attachments: [file('o1', 'order.pdf')] }));
    await diary.tick().save('entry-a', anIncident({ attachments: [file('a1'), file('o2')] }));
    await diary.tick().save('order-2', anOrder({ kind: 'non-molestation', attachments: [file('o2'), file('o3')] }));
    await diary.tick().save('order-1', anOrder({ attachments: [file('o4'), file('o1')] }));
    const document = await buildExportDocument(
      builderSource(diary, ['entry-a']),
      { ...EMPTY_SELECTION, includeAttachments: true, includeOrders: true },
      new Date('2026-03-10T12:00:00Z'),
    );
    const numbered = [...exhibitsOf(document, 'AB')].map(([id, exhibit]) => `${id}=${exhibit.reference}`);
    // The copy of each order gets a number; a file an incident also has keeps the incident's.
    expect(numbered).toEqual(['a1=AB/1', 'o2=AB/2', 'o4=AB/3', 'o1=AB/4', 'o3=AB/5']);
    // Made again: the same numbers.
    expect([...exhibitsOf(document, 'AB')].map(([id, exhibit]) => `${id}=${exhibit.reference}`)).toEqual(numbered);
  });

  it('are the same for the same export, made again', async () => {
    const [first, second] = [await twoIncidents(), await twoIncidents()];
    expect([...exhibitsOf(first, 'JS')]).toEqual([...exhibitsOf(second, 'JS')]);
  });

  it('are none without initials, or when the files do not go out', async () => {
    expect(exhibitsOf(await twoIncidents(), undefined).size).toBe(0);
    expect(exhibitsOf(await twoIncidents(), '').size).toBe(0);
    expect(exhibitsOf(await twoIncidents(), 'ab').size).toBe(0); // unchecked initials are not used
    expect(exhibitsOf(await twoIncidents(false), 'AB').size).toBe(0);
  });

  it('give a file listed twice its first number', () => {
    const numbered = numberExhibits([{ id: 'x' }, { id: 'y' }, { id: 'x' }], 'A');
    expect([...numbered.values()].map((e) => e.reference)).toEqual(['A/1', 'A/2']);
  });
});

describe('exhibit file names', () => {
  const exhibit = { fileLabel: 'AB-1' };
  it('put the label in front of the name', () => {
    expect(exhibitFileName(exhibit, 'IMG_2041.jpg')).toBe('AB-1 IMG_2041.jpg');
  });

  it('keep no path, control or bidi character from the name, and never lead with a dot', () => {
    expect(exhibitFileName(exhibit, '../../etc/passwd')).toBe('AB-1 _.._etc_passwd');
    expect(exhibitFileName(exhibit, 'photo\u202Egnp.exe')).toBe('AB-1 photognp.exe');
    expect(exhibitFileName(exhibit, 'a\\b:c\nd\u0000e')).toBe('AB-1 a_b_c de');
    expect(exhibitFileName(exhibit, '.hidden')).toBe('AB-1 hidden');
    expect(exhibitFileName(exhibit, '')).toBe('AB-1 file');
    expect(exhibitFileName(exhibit, 'x'.repeat(500))).toBe(`AB-1 ${'x'.repeat(120)}`);
  });
});

describe('references recorded in a package', () => {
  it('give back the initials only when every one is what the document’s order gives', async () => {
    const document = await twoIncidents();
    const recorded = new Map<string, unknown>([
      ['b1', 'AB/1'],
      ['a2', 'AB/2'],
      ['a3', 'AB/3'],
      ['a1', 'AB/4'],
    ]);
    expect(initialsOfRecorded(document, recorded)).toBe('AB');
    // Some files not carried (damaged): the rest still agree.
    expect(initialsOfRecorded(document, new Map([['a3', 'AB/3']]))).toBe('AB');
    expect(initialsOfRecorded(document, new Map([['a3', 'AB/1']]))).toBeNull();
    expect(
      initialsOfRecorded(
        document,
        new Map([
          ['b1', 'AB/1'],
          ['a2', 'CD/2'],
        ]),
      ),
    ).toBeNull();
    expect(initialsOfRecorded(document, new Map([['b1', 'ab/1']]))).toBeNull();
    expect(initialsOfRecorded(document, new Map([['b1', 7]]))).toBeNull();
    expect(initialsOfRecorded(document, new Map())).toBeNull();
  });
});
