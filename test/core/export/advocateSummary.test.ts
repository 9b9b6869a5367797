import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advocateSummary,
  MAX_ENTRY_LINKS,
  namedEntries,
  SUMMARY_FACTS,
  type AdvocateSummary,
  type SummaryFactId,
} from '../../../src/core/export/advocateSummary';
import {
  OMITTABLE_FIELDS,
  type ExportDocument,
  type ExportEntry,
  type ExportScope,
  type OmittableField,
} from '../../../src/core/export/exportDocument';
import { BEHAVIOURS } from '../../../src/core/model/behaviours';
import type { Incident } from '../../../src/core/model/incident';
import { anIncident } from '../../support/incidentFactories';
import { incidentArb } from '../model/incidentArbitrary';
import { blank } from './exportFixture';
import { sampleExportV2 } from './exportFixtureV2';

const SCOPE: ExportScope = {
  behaviours: [],
  pickedIncidents: false,
  omittedFields: [],
  attachmentsIncluded: false,
  checklistsIncluded: false,
};

/** An entry whose one version shows `incident`, with `omitted` named as left out of it. */
function entry(id: string, incident: Incident, omitted: OmittableField[] = []): ExportEntry {
  return { id, revisions: [{ revision: 1, recordedAt: '2026-03-10T12:00:00.000Z', kind: 'partial', incident, omittedFields: omitted }] };
}

function doc(entries: ExportEntry[], scope: Partial<ExportScope> = {}): Pick<ExportDocument, 'entries' | 'scope'> {
  return { entries, scope: { ...SCOPE, ...scope } };
}

function fact(summary: AdvocateSummary, id: SummaryFactId) {
  const found = summary.facts.find((f) => f.fact === id);
  if (!found) throw new Error(`no fact ${id}`);
  return found;
}

const numbers = (summary: AdvocateSummary, id: SummaryFactId) => fact(summary, id).entries.map((ref) => ref.number);

describe('advocateSummary', () => {
  it('lists every behaviour as a fact, and police, witnesses and files', () => {
    for (const behaviour of BEHAVIOURS) expect(SUMMARY_FACTS).toContain(behaviour);
    expect(SUMMARY_FACTS).toEqual(expect.arrayContaining(['reported-to-police', 'witnesses-named', 'files-attached']));
    expect(new Set(SUMMARY_FACTS).size).toBe(SUMMARY_FACTS.length);
  });

  it('counts each fact from the latest version, naming the entries by id and their number in the log', () => {
    const first = anIncident({ behaviours: ['turning-up', 'threats'], witnesses: [], attachments: [] });
    const second = anIncident({ behaviours: ['violence'], reported: { reported: false }, when: { kind: 'exact', date: '2025-01-02' } });
    const third = anIncident({ behaviours: ['turning-up'], when: { kind: 'approximate', description: 'last winter' } });
    const edited: ExportEntry = {
      id: 'c',
      revisions: [
        ...entry('c', anIncident({ behaviours: ['property-damage'] })).revisions,
        { revision: 2, recordedAt: '2026-03-11T12:00:00.000Z', kind: 'partial', incident: third, omittedFields: [] },
      ],
    };
    const summary = advocateSummary(doc([entry('a', first), entry('b', second), edited]));
    expect(summary.incidents).toBe(3);
    expect(fact(summary, 'turning-up').entries).toEqual([
      { id: 'a', number: 1 },
      { id: 'c', number: 3 },
    ]);
    expect(numbers(summary, 'threats')).toEqual([1]);
    expect(numbers(summary, 'violence')).toEqual([2]);
    // Only the latest version counts: the damage was edited out.
    expect(numbers(summary, 'property-damage')).toEqual([]);
    expect(numbers(summary, 'reported-to-police')).toEqual([1, 3]);
    expect(numbers(summary, 'witnesses-named')).toEqual([2, 3]);
    expect(numbers(summary, 'files-attached')).toEqual([2, 3]);
    // Facts no entry records are still listed, with no entries.
    expect(fact(summary, 'tracking')).toEqual({ fact: 'tracking', entries: [], leftOut: [] });
    // The span is of dates recorded; "last winter" has none and is named apart.
    expect(summary.firstDate).toBe('2025-01-02');
    expect(summary.lastDate).toBe('2025-03-14');
    expect(summary.undated).toEqual([{ id: 'c', number: 3 }]);
  });

  it('does not count a witness with neither a name nor a contact (the report does not print one)', () => {
    const summary = advocateSummary(doc([entry('a', anIncident({ witnesses: [{ name: ' ', contact: '' }] }))]));
    expect(numbers(summary, 'witnesses-named')).toEqual([]);
  });

  it('takes an approximate range by both its ends, and an ongoing incident by its start', () => {
    const summary = advocateSummary(
      doc([
        entry('a', anIncident({ when: { kind: 'approximate', description: 'spring', from: '2025-03-01', to: '2025-05-31' } })),
        entry('b', anIncident({ when: { kind: 'ongoing', since: '2024-12-01' } })),
        entry('c', anIncident({ when: { kind: 'ongoing' } })),
      ]),
    );
    expect(summary.firstDate).toBe('2024-12-01');
    expect(summary.lastDate).toBe('2025-05-31');
    expect(summary.undated.map((ref) => ref.id)).toEqual(['c']);
  });

  it('counts nothing from a field left out, and names the entries it was left out of instead', () => {
    const shown = anIncident({ witnesses: [{ name: 'Mrs Patel', contact: '' }] });
    const summary = advocateSummary(
      doc([entry('a', shown), entry('b', shown, ['witnesses']), entry('c', shown)], { omittedFields: ['reported'] }),
    );
    expect(numbers(summary, 'reported-to-police')).toEqual([]);
    expect(fact(summary, 'reported-to-police').leftOut.map((ref) => ref.number)).toEqual([1, 2, 3]);
    expect(numbers(summary, 'witnesses-named')).toEqual([1, 3]);
    expect(fact(summary, 'witnesses-named').leftOut.map((ref) => ref.number)).toEqual([2]);
    // Behaviours always go out; they are never left out.
    expect(fact(summary, 'turning-up').leftOut).toEqual([]);
  });

  it('reads a real version 2 export: a withheld field is left out, not counted as "no"', async () => {
    const all = advocateSummary((await sampleExportV2()).document);
    const withheld = advocateSummary((await sampleExportV2(['reported', 'witnesses'])).document);
    expect(fact(all, 'reported-to-police').entries.length).toBeGreaterThan(0);
    expect(fact(all, 'witnesses-named').entries.length).toBeGreaterThan(0);
    for (const id of ['reported-to-police', 'witnesses-named'] as const) {
      expect(fact(withheld, id).entries).toEqual([]);
      expect(fact(withheld, id).leftOut.length).toBe(withheld.incidents);
    }
    // Every other fact is the same either way.
    const others = (s: AdvocateSummary) => s.facts.filter((f) => f.fact !== 'reported-to-police' && f.fact !== 'witnesses-named');
    expect(others(withheld)).toEqual(others(all));
  });

  const omitArb = fc.subarray([...OMITTABLE_FIELDS]);
  const entriesArb = fc.array(fc.tuple(incidentArb, omitArb), { maxLength: 12 });

  it('property: each fact lists entries of the input, in log order, each with its own number, never both counted and left out', () => {
    fc.assert(
      fc.property(entriesArb, omitArb, (specs, scopeOmit) => {
        const entries = specs.map(([incident, omit], i) => entry(`e${i}`, blank(incident, omit), omit));
        const summary = advocateSummary(doc(entries, { omittedFields: scopeOmit }));
        expect(summary.incidents).toBe(entries.length);
        expect(summary.facts.map((f) => f.fact)).toEqual([...SUMMARY_FACTS]);
        for (const f of summary.facts) {
          for (const ref of [...f.entries, ...f.leftOut]) expect(entries[ref.number - 1]?.id).toBe(ref.id);
          const listed = f.entries.map((ref) => ref.number);
          expect(listed).toEqual([...listed].sort((a, b) => a - b));
          expect(new Set(listed).size).toBe(listed.length);
          const leftOut = new Set(f.leftOut.map((ref) => ref.number));
          expect(listed.some((n) => leftOut.has(n))).toBe(false);
          if ((BEHAVIOURS as readonly string[]).includes(f.fact)) {
            const expected = specs.flatMap(([incident], i) => ((incident.behaviours as string[]).includes(f.fact) ? [i + 1] : []));
            expect(listed).toEqual(expected);
          }
        }
      }),
    );
  });

  it('property: a field left out never changes a count, whatever value a file still carries for it', () => {
    fc.assert(
      fc.property(entriesArb, omitArb, (specs, scopeOmit) => {
        // The same entries, once with the left-out fields blanked (as an export makes them) and
        // once with their values still there (a careless or hostile file): the same summary.
        const blanked = specs.map(([incident, omit], i) => entry(`e${i}`, blank(incident, [...omit, ...scopeOmit]), omit));
        const carried = specs.map(([incident, omit], i) => entry(`e${i}`, incident, omit));
        expect(advocateSummary(doc(carried, { omittedFields: scopeOmit }))).toEqual(
          advocateSummary(doc(blanked, { omittedFields: scopeOmit })),
        );
      }),
    );
  });

  it('names at most MAX_ENTRY_LINKS entries of a fact, in log order, and counts the rest', () => {
    const entries = Array.from({ length: 5_000 }, (_, i) => entry(`e${i}`, anIncident({ behaviours: ['threats'] })));
    const threats = advocateSummary(doc(entries)).facts.find((f) => f.fact === 'threats');
    if (!threats) throw new Error('no fact');
    expect(threats.entries).toHaveLength(5_000);
    const { shown, more } = namedEntries(threats);
    expect(MAX_ENTRY_LINKS).toBe(50);
    expect(shown.map((ref) => ref.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(more).toBe(4_950);
    // Fewer than the cap: all of them, nothing more.
    expect(namedEntries({ entries: threats.entries.slice(0, 3) })).toEqual({ shown: threats.entries.slice(0, 3), more: 0 });
  });
});
