// Repeated short values of the records a load reads, held once. JSON.parse gives every record its
// own copy of every string: at 50,000 incidents the same kinds, behaviours, dates, times, places
// and people are tens of thousands of copies, held for the whole session (issue 18: the JS heap at
// 50,000 incidents). Only an equal string takes another's place, so no value anyone reads changes.

import type { RevisionRecord } from './types';

/**
 * Longest string shared. Kinds, behaviours, dates, times, places, people and police references
 * are shorter; longer text (what happened) is rarely repeated, and every value looked up costs a
 * hash of it at load.
 */
export const SHARED_STRING_MAX = 120;

/** Deepest nesting walked into: an incident's or an order's values are at most 3 levels down. */
const MAX_DEPTH = 6;

/**
 * One load's pool: the first copy of each short string seen stands for every later equal one.
 * Made per load and dropped with it, so it never keeps a value past the records that hold it.
 */
export class SharedValues {
  private readonly strings = new Map<string, string>();

  /** The held copy of `value`, or `value`, now held. */
  private string(value: string): string {
    if (value.length > SHARED_STRING_MAX) return value;
    const held = this.strings.get(value);
    if (held !== undefined) return held;
    this.strings.set(value, value);
    return value;
  }

  /**
   * Shares the link's kind and every short string in each record's body, in place: the records
   * are a load's own, just parsed, held by nothing else yet.
   */
  share(records: readonly RevisionRecord[]): void {
    for (const record of records) {
      // A row's value is only cast to a record here; one of another shape is left as it is, for
      // the chain's checks to find.
      if (typeof record !== 'object' || record === null) continue;
      const { link, content } = record;
      if (typeof link === 'object' && link !== null && typeof link.kind === 'string')
        link.kind = this.string(link.kind) as typeof link.kind;
      if (typeof content === 'object' && content !== null) this.within(content.body, 0);
    }
  }

  private within(value: unknown, depth: number): void {
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      const list = value as unknown[];
      for (let i = 0; i < list.length; i += 1) {
        const item = list[i];
        if (typeof item === 'string') list[i] = this.string(item);
        else this.within(item, depth + 1);
      }
      return;
    }
    const fields = value as Record<string, unknown>;
    // Keys from Object.keys are own fields, so assigning one ("__proto__" too) sets that field.
    for (const key of Object.keys(fields)) {
      const item = fields[key];
      if (typeof item === 'string') fields[key] = this.string(item);
      else this.within(item, depth + 1);
    }
  }
}
