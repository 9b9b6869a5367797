// The records a load reads, held in less memory (issue 18: the JS heap at 50,000 incidents).
// JSON.parse gives every record its own copy of every string: the same kinds, behaviours, dates,
// times, places and people were tens of thousands of copies, held for the whole session. Each
// repeated short value is held once (only an equal string takes another's place, so no value
// anyone reads changes), and, where the load asks (above about 500 incidents), a version 2 content's
// salts are packed (evidence/packedSalts.ts).

import { PackedSalts } from '../../evidence';
import type { RevisionRecord } from './types';

/**
 * Longest string shared. Kinds, behaviours, dates, times, places, people and police references
 * are shorter; longer text (what happened) is rarely repeated, and every value looked up costs a
 * hash of it at load.
 */
export const SHARED_STRING_MAX = 120;

/** Deepest nesting walked into: an incident's or an order's values are at most 3 levels down. */
const MAX_DEPTH = 6;

/** Distinct lists of fields kept for packed salts (an incident's, an older incident's, an order's). */
const MAX_FIELD_LISTS = 16;

/**
 * One load's pool: the first copy of each short string seen stands for every later equal one.
 * Made per load and dropped with it, so it never keeps a value past the records that hold it.
 */
export class SharedValues {
  /**
   * `packSalts` false: salts are left as they are. A small diary's load (opened on the page:
   * openRowsInWorker.ts, opensOnPage) does so: its salts are under half a megabyte, and packing
   * them cost about 2 ms of a 35 ms load at 500 incidents, which the page waits for.
   */
  constructor(private readonly options: { packSalts: boolean } = { packSalts: true }) {}

  private readonly strings = new Map<string, string>();
  /** The bodies' lists of fields seen, one array each, shared by every packed salts with those fields. */
  private readonly fieldLists: (readonly string[])[] = [];

  /** A held list equal to `fields`, or `fields`, now held (while there is room). */
  private fieldList(fields: readonly string[]): readonly string[] {
    const held = this.fieldLists.find((list) => list.length === fields.length && list.every((field, i) => field === fields[i]));
    if (held) return held;
    if (this.fieldLists.length < MAX_FIELD_LISTS) this.fieldLists.push(fields);
    return fields;
  }

  /** The held copy of `value`, or `value`, now held. */
  private string(value: string): string {
    if (value.length > SHARED_STRING_MAX) return value;
    const held = this.strings.get(value);
    if (held !== undefined) return held;
    this.strings.set(value, value);
    return value;
  }

  /**
   * Shares the link's kind and every short string in each record's body, and packs its salts, in
   * place: the records are a load's own, just parsed, held by nothing else yet. Salts that are not
   * exactly one well-formed salt per field of the body in its order are left as they are, for the
   * chain's check to judge.
   */
  share(records: readonly RevisionRecord[]): void {
    for (const record of records) {
      // A row's value is only cast to a record here; one of another shape is left as it is, for
      // the chain's checks to find.
      if (typeof record !== 'object' || record === null) continue;
      const { link, content } = record;
      if (typeof link === 'object' && link !== null && typeof link.kind === 'string')
        link.kind = this.string(link.kind) as typeof link.kind;
      if (typeof content !== 'object' || content === null) continue;
      const { body } = content;
      this.within(body, 0);
      if (this.options.packSalts && content.v === 2 && typeof body === 'object' && body !== null) {
        const packed = PackedSalts.pack(content.salts, this.fieldList(Object.keys(body)));
        if (packed) content.salts = packed;
      }
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
