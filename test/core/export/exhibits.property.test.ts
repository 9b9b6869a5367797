// Properties of exhibit references: numbers unique and 1 to n, the same when worked out again, and
// whatever is typed as initials or carried as a file's name, never a file name with a path
// separator or a control character in it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exhibitFileName, exhibitOrder, isExhibitInitials, numberExhibits, parseExhibitInitials } from '../../../src/core/export/exhibits';
import type { ExportEntry, ExportOrder } from '../../../src/core/export/exportDocument';
import type { AttachmentRef, Incident } from '../../../src/core/model/incident';

function refs(ids: readonly string[]): AttachmentRef[] {
  return ids.map((id) => ({ id, name: `${id}.jpg`, type: 'image/jpeg', size: 1, sha256: '00'.repeat(32) }));
}

/** Incidents and orders holding only the files given (each version a list of file ids). */
function entryOf(versions: readonly string[][], i: number): ExportEntry {
  return {
    id: `entry-${i}`,
    revisions: versions.map((ids, r) => ({
      revision: r + 1,
      recordedAt: '2026-01-01T00:00:00.000Z',
      kind: 'partial',
      incident: { attachments: refs(ids) } as unknown as Incident,
      omittedFields: [],
    })),
  };
}

function orderOf(versions: readonly string[][], i: number): ExportOrder {
  return {
    id: `order-${i}`,
    revisions: versions.map((ids, r) => ({
      revision: r + 1,
      recordedAt: '2026-01-01T00:00:00.000Z',
      kind: 'committed',
      content: { v: 2, fields: { attachments: { salt: '', value: refs(ids) } }, withheld: {} },
    })),
  } as ExportOrder;
}

const fileIds = fc.array(
  fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  {
    maxLength: 4,
  },
);

/** Text of any kind: plain, full Unicode, and the characters that make file names dangerous. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('A', 'b', '/', '\\', '.', ':', '\n', '\u0000', '\u202E', '\u2215', '\uff0f', ' ', 'ß') }),
);

const initialsArb = fc.oneof(fc.stringMatching(/^[A-Za-z]{1,4}$/), anyText);

/** Separators, their look-alikes, controls, format characters (bidi overrides, zero-width) and lone surrogates. */
const UNSAFE = /[/\\\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

describe('exhibit references, for any input', () => {
  it('number any files uniquely, 1 to n in order, the same each time', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 40 }), fc.stringMatching(/^[A-Z]{1,4}$/), (ids, initials) => {
        const files = ids.map((id) => ({ id }));
        const numbered = numberExhibits(files, initials);
        const numbers = [...numbered.values()].map((e) => e.number);
        expect(numbers).toEqual(Array.from({ length: new Set(ids).size }, (_, i) => i + 1));
        expect(new Set([...numbered.values()].map((e) => e.reference)).size).toBe(numbered.size);
        for (const [id, exhibit] of numbered) {
          expect(exhibit.reference).toBe(`${initials}/${exhibit.number}`);
          // Its first appearance decides its number.
          expect(ids.indexOf(id)).toBe(ids.findIndex((other) => numbered.get(other)?.number === exhibit.number));
        }
        expect([...numberExhibits(files, initials)]).toEqual([...numbered]);
      }),
    );
  });

  it('never give a file name with a path separator or a control character, whatever the initials and name', () => {
    fc.assert(
      fc.property(initialsArb, anyText, fc.integer({ min: 1, max: 100_000 }), (typed, name, count) => {
        const parsed = parseExhibitInitials(typed);
        if (!parsed.ok || parsed.initials === null) return;
        expect(isExhibitInitials(parsed.initials)).toBe(true);
        const files = Array.from({ length: Math.min(count, 3) }, (_, i) => ({ id: String(i) }));
        for (const exhibit of numberExhibits(files, parsed.initials).values()) {
          const saved = exhibitFileName(exhibit, name);
          expect(saved).not.toMatch(UNSAFE);
          expect(saved.startsWith(`${exhibit.fileLabel} `)).toBe(true);
          expect(saved.trim()).toBe(saved);
        }
      }),
    );
  });

  it('accept as initials only 1 to 4 letters A to Z', () => {
    fc.assert(
      fc.property(initialsArb, (typed) => {
        const parsed = parseExhibitInitials(typed);
        if (parsed.ok && parsed.initials !== null) expect(parsed.initials).toMatch(/^[A-Z]{1,4}$/);
        if (parsed.ok && parsed.initials === null) expect(typed.trim()).toBe('');
      }),
    );
  });

  it('number every file of the incidents and orders once, the incidents’ first and as without orders', () => {
    fc.assert(
      fc.property(fileIds, fileIds, (incidentFiles, orderFiles) => {
        const entries = incidentFiles.map(entryOf);
        const orders = orderFiles.map(orderOf);
        const ordered = exhibitOrder(entries, orders).map((ref) => ref.id);
        expect(new Set(ordered).size).toBe(ordered.length);
        expect(new Set(ordered)).toEqual(new Set([...incidentFiles, ...orderFiles].flat(2)));
        // Orders' files come after: an incident's file keeps the number it has without orders.
        const incidentsOnly = exhibitOrder(entries).map((ref) => ref.id);
        expect(ordered.slice(0, incidentsOnly.length)).toEqual(incidentsOnly);
        expect(exhibitOrder(entries, orders).map((ref) => ref.id)).toEqual(ordered);
      }),
    );
  });
});
