import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DaybookDatabase } from '../../../src/core/store/db';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src/core/store/schema';

/** A row that fits any table of any version: ids and opaque bytes only. */
function sampleRow(table: string, index: number) {
  return table === 'meta'
    ? { key: `${table}-${index}`, value: { n: index } }
    : { id: `${table}-${index}`, v: 1, iv: new Uint8Array(12).fill(index), data: new Uint8Array([index, 1, 2, 3]) };
}

describe('schema versions', () => {
  it('are numbered upwards without gaps, starting at 1', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
    expect(CURRENT_SCHEMA_VERSION).toBe(SCHEMA_VERSIONS.length);
  });

  it('index nothing but ids (no sensitive field is ever indexed)', () => {
    for (const { stores } of SCHEMA_VERSIONS) {
      for (const [table, spec] of Object.entries(stores)) {
        if (spec === null) continue;
        expect(spec, table).toMatch(/^&(id|key)$/);
      }
    }
  });

  for (const earlier of SCHEMA_VERSIONS) {
    it(`a database made by version ${earlier.version} opens with the current schema, losing no record`, async () => {
      const name = `upgrade-from-${earlier.version}-${Math.random()}`;
      const old = new DaybookDatabase(name, SCHEMA_VERSIONS.slice(0, earlier.version));
      await old.open();
      const written: Record<string, unknown[]> = {};
      for (const table of old.tables) {
        const rows = [0, 1, 2].map((i) => sampleRow(table.name, i));
        await table.bulkPut(rows);
        written[table.name] = rows;
      }
      old.close();

      const current = new DaybookDatabase(name);
      await current.open();
      expect(current.verno).toBe(CURRENT_SCHEMA_VERSION);
      for (const [table, rows] of Object.entries(written)) {
        const stillThere = await current.table(table).toArray();
        expect(stillThere.length, table).toBeGreaterThanOrEqual(rows.length);
        for (const row of rows) expect(stillThere).toContainEqual(row);
      }
      current.close();
      await Dexie.delete(name);
    });
  }
});
