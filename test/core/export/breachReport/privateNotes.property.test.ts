// Whatever an incident and an order hold, the breach summary never carries the private notes:
// neither in what is sent to the PDF worker nor in the PDF's text.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBreachSummary } from '../../../../src/core/export/breachReport/breachSummary';
import { incidentArb } from '../../model/incidentArbitrary';
import { orderArb } from './fixtures';
import { drawSummary, pdfjsPages } from './pdfText';

/** A marker no other field or string of the summary can hold, then anything at all. */
const MARKER = 'PRIVNOTE7Q';
const notesArb = fc.string({ unit: 'grapheme', maxLength: 60 }).map((rest) => `${MARKER}${rest}`);

describe('breach summary and private notes', () => {
  it('never puts private notes in the summary or the PDF text', async () => {
    await fc.assert(
      fc.asyncProperty(
        incidentArb,
        orderArb,
        notesArb,
        fc.constantFrom('en-GB', 'ur', 'pl'),
        fc.boolean(),
        async (incident, order, privateNotes, locale, allNamed) => {
          const conditionIds = allNamed ? order.conditions.map((c) => c.id) : [order.conditions[0]?.id ?? 'x', 'removed-one'];
          const summary = buildBreachSummary({
            orderId: 'o1',
            order,
            incident: { ...incident, privateNotes, told: [{ who: 'My sister', how: 'phone' }] },
            conditionIds,
            now: new Date('2026-12-03T22:30:00.000Z'),
          });
          expect(JSON.stringify(summary)).not.toContain(MARKER);
          // DejaVu Sans only: quick, and the text layer holds every character whatever is drawn.
          const text = (await pdfjsPages(await drawSummary(summary, locale, false))).join('\n');
          expect(text).not.toContain(MARKER);
          // What the summary is for is there: each condition named by its wording or as gone.
          for (const condition of summary.conditions) {
            if (condition.text !== null && condition.text.trim() !== '' && /^[\x20-\x7e]+$/.test(condition.text.trim())) {
              expect(text.replace(/\s+/g, '')).toContain(condition.text.replace(/\s+/g, ''));
            }
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 120_000);
});
