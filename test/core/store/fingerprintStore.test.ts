import { describe, expect, it } from 'vitest';
import { treeHead } from '../../../src/core/evidence';
import { FingerprintStore } from '../../../src/core/store/fingerprintStore';
import { EncryptedTable } from '../../../src/core/store/encryptedTable';
import { createUnlockedStores } from '../../../src/core/vault/featureStores';
import { createdVault } from '../../support/vault';

const head = async (n: number) => treeHead(Array.from({ length: n }, (_, i) => String(i).padStart(64, 'a')));
const at = (iso: string) => new Date(iso);

async function store() {
  const setup = await createdVault();
  return { ...setup, store: new FingerprintStore(setup.db, () => setup.session.dataKey()) };
}

describe('shared fingerprints', () => {
  it('records what was shared, how and when, and lists it in chain order', async () => {
    const { store: fingerprints } = await store();
    expect(await fingerprints.list()).toEqual([]);
    expect(await fingerprints.lastSharedAt()).toBeNull();
    const five = await head(5);
    const two = await head(2);
    expect(await fingerprints.record(five, 'print', at('2026-03-01T10:00:00.000Z'))).toEqual({
      ...five,
      sharedAt: '2026-03-01T10:00:00.000Z',
      how: 'print',
    });
    await fingerprints.record(two, 'copy', at('2026-04-01T10:00:00.000Z'));
    expect(await fingerprints.list()).toEqual([
      { ...two, sharedAt: '2026-04-01T10:00:00.000Z', how: 'copy' },
      { ...five, sharedAt: '2026-03-01T10:00:00.000Z', how: 'print' },
    ]);
    expect(await fingerprints.lastSharedAt()).toBe('2026-04-01T10:00:00.000Z');
  });

  it('the same fingerprint shared again keeps its first record', async () => {
    const { store: fingerprints } = await store();
    const three = await head(3);
    await fingerprints.record(three, 'share', at('2026-03-01T10:00:00.000Z'));
    const again = await fingerprints.record(three, 'copy', at('2026-05-01T10:00:00.000Z'));
    expect(again).toEqual({ ...three, sharedAt: '2026-03-01T10:00:00.000Z', how: 'share' });
    expect(await fingerprints.list()).toEqual([{ ...three, sharedAt: '2026-03-01T10:00:00.000Z', how: 'share' }]);
    // Another root of the same size is another fingerprint (a diary that was put back and rewritten).
    await fingerprints.record({ size: 3, root: 'f'.repeat(64) }, 'share', at('2026-05-01T10:00:00.000Z'));
    expect(await fingerprints.list()).toHaveLength(2);
  });

  it('lastSharedAt moves on when the same fingerprint is shared again; its record keeps the first date', async () => {
    const setup = await store();
    const fingerprints = setup.store;
    const three = await head(3);
    const five = await head(5);
    await fingerprints.record(three, 'share', at('2026-03-01T10:00:00.000Z'));
    await fingerprints.record(five, 'copy', at('2026-04-01T10:00:00.000Z'));
    expect(await fingerprints.lastSharedAt()).toBe('2026-04-01T10:00:00.000Z');
    // The older fingerprint shared again a month later: the monthly prompt counts from now.
    expect(await fingerprints.record(three, 'print', at('2026-05-01T10:00:00.000Z'))).toEqual({
      ...three,
      sharedAt: '2026-03-01T10:00:00.000Z',
      how: 'share',
    });
    expect(await fingerprints.lastSharedAt()).toBe('2026-05-01T10:00:00.000Z');
    expect((await fingerprints.list()).map((f) => f.sharedAt)).toEqual(['2026-03-01T10:00:00.000Z', '2026-04-01T10:00:00.000Z']);
    // Read afresh from storage, the same.
    expect(await new FingerprintStore(setup.db, () => setup.session.dataKey()).lastSharedAt()).toBe('2026-05-01T10:00:00.000Z');
  });

  it('a share read with a clock behind the last one never moves lastSharedAt back', async () => {
    const { store: fingerprints } = await store();
    await fingerprints.record(await head(2), 'share', at('2026-05-01T10:00:00.000Z'));
    await fingerprints.record(await head(2), 'share', at('2026-04-01T10:00:00.000Z'));
    await fingerprints.record(await head(4), 'share', at('2026-04-15T10:00:00.000Z'));
    expect(await fingerprints.lastSharedAt()).toBe('2026-05-01T10:00:00.000Z');
  });

  it('reads the row as first written (a bare list), its last share the newest in it', async () => {
    const setup = await store();
    const two = await head(2);
    const table = new EncryptedTable<unknown>(setup.db, 'settings', () => setup.session.dataKey());
    await table.put('shared-fingerprints', [{ ...two, sharedAt: '2026-03-01T10:00:00.000Z', how: 'copy' }]);
    expect(await setup.store.list()).toEqual([{ ...two, sharedAt: '2026-03-01T10:00:00.000Z', how: 'copy' }]);
    expect(await setup.store.lastSharedAt()).toBe('2026-03-01T10:00:00.000Z');
    await setup.store.record(two, 'share', at('2026-06-01T10:00:00.000Z'));
    expect(await setup.store.lastSharedAt()).toBe('2026-06-01T10:00:00.000Z');
    expect(await setup.store.list()).toHaveLength(1);
  });

  it('keeps "Not now" for the invitation to share in the same row, and keeps the shares when it changes', async () => {
    const { store: fingerprints } = await store();
    expect(await fingerprints.promptSnoozedUntil()).toBeNull();
    const three = await head(3);
    await fingerprints.record(three, 'share', at('2026-03-01T10:00:00.000Z'));
    await fingerprints.snoozePrompt(at('2026-04-01T10:00:00.000Z'));
    expect(await fingerprints.promptSnoozedUntil()).toBe('2026-04-01T10:00:00.000Z');
    await fingerprints.record(await head(4), 'copy', at('2026-03-02T10:00:00.000Z'));
    expect(await fingerprints.promptSnoozedUntil()).toBe('2026-04-01T10:00:00.000Z');
    expect((await fingerprints.list()).map((f) => f.size)).toEqual([3, 4]);
  });

  it('refuses something that is not a tree head', async () => {
    const { store: fingerprints } = await store();
    await expect(fingerprints.record({ size: -1, root: 'a'.repeat(64) }, 'share', new Date())).rejects.toThrow(TypeError);
    await expect(fingerprints.record({ size: 1, root: 'XYZ' }, 'share', new Date())).rejects.toThrow(TypeError);
    expect(await fingerprints.list()).toEqual([]);
  });

  it('two tabs recording at once keep both', async () => {
    const setup = await store();
    const other = new FingerprintStore(setup.db, () => setup.session.dataKey());
    const [one, two] = [await head(1), await head(2)];
    await Promise.all([setup.store.record(one, 'share', new Date()), other.record(two, 'print', new Date())]);
    expect((await setup.store.list()).map((f) => f.size)).toEqual([1, 2]);
  });

  it('is one encrypted row: no date, size or root in the clear, and no other vault can read it', async () => {
    const setup = await store();
    const four = await head(4);
    const before = await setup.db.settings.toArray();
    await setup.store.record(four, 'share', at('2026-03-01T10:00:00.000Z'));
    const after = await setup.db.settings.toArray();
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    const rows = after.filter((row) => row.id === 'shared-fingerprints');
    expect(rows).toHaveLength(1);
    // The bytes as text: a date or root in the clear would show. (As hex, random ciphertext
    // contains a short string such as "2026" by chance one run in a few dozen.)
    const stored = JSON.stringify(after, (_key, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
    );
    expect(stored).not.toContain('2026-03-01');
    expect(stored).not.toContain(four.root);
    const other = await createdVault();
    const table = new EncryptedTable<unknown>(setup.db, 'settings', () => other.session.dataKey());
    await expect(table.get(rows[0]?.id ?? '')).rejects.toThrow();
  });

  it('is one of the unlocked vault’s stores', async () => {
    const { vault } = await createdVault();
    expect(createUnlockedStores(vault).fingerprints).toBeInstanceOf(FingerprintStore);
  });
});
