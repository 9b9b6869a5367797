// The sealed inbox (issue 17 points 2 and 3): sealing with the public key alone, opening only
// unlocked, typed failures for anything damaged or sealed to another key, nothing stored in
// plaintext by the locked path, the key pair surviving a data-key replacement, and removal only
// while unlocked.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptRecord } from '../../../src/core/crypto';
import { unlockKeysWithPassphrase, type VaultHeader } from '../../../src/core/crypto/vaultKeys';
import { InboxError } from '../../../src/core/inbox/errors';
import { dexieInboxWriter, INBOX_PRIVATE_KEY_ROW, InboxStore } from '../../../src/core/inbox/inbox';
import { INBOX_CHUNK_BYTES, INBOX_PUBLIC_KEY, inboxChunkId, publicKeyFromMeta } from '../../../src/core/inbox/inboxRows';
import { saveQuickNote } from '../../../src/core/inbox/lockedInbox';
import { sealIntoInbox } from '../../../src/core/inbox/seal';
import { DaybookDatabase, type InboxItemRow } from '../../../src/core/store/db';
import { SCHEMA_VERSIONS } from '../../../src/core/store/schema';
import { createUnlockedStores, provisionInbox } from '../../../src/core/vault/featureStores';
import { VaultSession } from '../../../src/core/vault/session';
import { Vault } from '../../../src/core/vault/vault';
import { createdVault, TEST_KDF_COST } from '../../support/vault';

type Setup = Awaited<ReturnType<typeof createdVault>>;

const AT = new Date('2026-12-03T14:05:00.000Z');
const enc = new TextEncoder();

async function provisioned(): Promise<Setup & { inbox: InboxStore }> {
  const setup = await createdVault();
  const inbox = new InboxStore(setup.db, () => setup.session.dataKey());
  await provisionInbox(setup.vault, inbox);
  return { ...setup, inbox };
}

async function publicKey(db: DaybookDatabase): Promise<Uint8Array> {
  const raw = publicKeyFromMeta((await db.meta.get(INBOX_PUBLIC_KEY))?.value);
  if (!raw) throw new Error('no public key');
  return raw;
}

function patterned(size: number, seed = 7): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** Every row of every object store, read with IndexedDB itself. */
async function everyRow(name: string): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const rows: unknown[] = [];
  for (const store of Array.from(db.objectStoreNames)) {
    rows.push(
      ...(await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      })),
    );
  }
  db.close();
  return rows;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Every byte array and every string in a value, strings as UTF-8. */
function leaves(value: unknown, out: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof Uint8Array || (ArrayBuffer.isView(value) && !(value instanceof DataView)))
    out.push(new Uint8Array((value as Uint8Array).buffer));
  else if (typeof value === 'string') out.push(enc.encode(value));
  else if (typeof value === 'number') out.push(enc.encode(String(value)));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) leaves(v, out);
  return out;
}

describe('sealed inbox', () => {
  it('a vault gets a key pair at unlock: the public key in the clear, the private key only encrypted', async () => {
    const setup = await provisioned();
    const raw = await publicKey(setup.db);
    expect(raw.length).toBe(65);
    const row = await setup.db.settings.get(INBOX_PRIVATE_KEY_ROW);
    expect(row && Object.keys(row).sort()).toEqual(['data', 'id', 'iv', 'v']);
    // Provisioning again (the next unlock) keeps the same pair.
    await new InboxStore(setup.db, () => setup.session.dataKey()).ensureKeys();
    expect(await publicKey(setup.db)).toEqual(raw);
  });

  it('createUnlockedStores provisions the inbox', async () => {
    const setup = await createdVault();
    const stores = createUnlockedStores(setup.vault);
    await provisionInbox(setup.vault, stores.inbox);
    expect(publicKeyFromMeta((await setup.db.meta.get(INBOX_PUBLIC_KEY))?.value)).not.toBeNull();
  });

  it('seals and opens a note and a file of several chunks, byte for byte, with its meta', async () => {
    const { db, inbox } = await provisioned();
    const raw = await publicKey(db);
    const file = patterned(2 * INBOX_CHUNK_BYTES + 123);
    const fileId = await sealIntoInbox(dexieInboxWriter(db), raw, {
      via: 'share',
      name: 'screenshot.png',
      type: 'image/png',
      bytes: new Blob([file]),
      receivedAt: AT,
    });
    const noteId = await sealIntoInbox(dexieInboxWriter(db), raw, {
      via: 'quick-note',
      name: '',
      type: 'text/plain',
      bytes: new Blob(['He was at the gate again']),
      receivedAt: new Date(AT.getTime() - 60_000),
    });
    expect(await db.inboxChunks.count()).toBe(4);
    const listed = await inbox.list();
    expect(listed.map((item) => item.id)).toEqual([noteId, fileId]); // oldest first
    const opened = await inbox.read(fileId);
    expect(opened.meta).toEqual({
      v: 1,
      via: 'share',
      receivedAt: AT.toISOString(),
      name: 'screenshot.png',
      type: 'image/png',
      size: file.length,
      sha256: await sha256Hex(file),
    });
    // Compared as one buffer: an element-wise deep equality of 2 MiB takes seconds.
    expect(Buffer.from(await bytesOf(opened.bytes)).equals(Buffer.from(file))).toBe(true);
    expect(await (await inbox.read(noteId)).bytes.text()).toBe('He was at the gate again');
  });

  it('an empty item opens as empty', async () => {
    const { db, inbox } = await provisioned();
    const id = await sealIntoInbox(dexieInboxWriter(db), await publicKey(db), {
      via: 'share',
      name: 'empty.txt',
      type: '',
      bytes: new Blob([]),
      receivedAt: AT,
    });
    expect((await inbox.read(id)).bytes.size).toBe(0);
  });

  it('an item sealed to another key fails typed, and is listed as damaged', async () => {
    const mine = await provisioned();
    const other = await provisioned();
    const id = await sealIntoInbox(dexieInboxWriter(mine.db), await publicKey(other.db), {
      via: 'quick-note',
      name: '',
      type: 'text/plain',
      bytes: new Blob(['x']),
      receivedAt: AT,
    });
    await expect(mine.inbox.read(id)).rejects.toMatchObject({ code: 'inbox/unreadable' });
    expect(await mine.inbox.list()).toEqual([{ id, status: 'damaged', code: 'inbox/unreadable' }]);
  });

  it('the locked path (a quick note, a shared file) stores no plaintext: no text, bytes, name or time', async () => {
    const setup = await provisioned();
    const raw = await publicKey(setup.db);
    setup.vault.lock();
    const note = 'He followed me from the station to work';
    const at = new Date('2026-12-03T07:41:09.000Z');
    await saveQuickNote(setup.name, note, at);
    const file = enc.encode('PRIVATE SCREENSHOT BYTES '.repeat(20));
    await sealIntoInbox(dexieInboxWriter(setup.db), raw, {
      via: 'share',
      name: 'messages-from-him.png',
      type: 'image/png',
      bytes: new Blob([file]),
      receivedAt: at,
    });
    const stored = leaves(await everyRow(setup.name));
    const secrets = [
      enc.encode(note),
      enc.encode('followed me'),
      file.subarray(0, 24),
      enc.encode('messages-from-him'),
      enc.encode(at.toISOString()),
      enc.encode('2026-12-03'),
      enc.encode(String(at.getTime())),
    ];
    for (const secret of secrets)
      expect(
        stored.some((leaf) => contains(leaf, secret)),
        new TextDecoder().decode(secret),
      ).toBe(false);

    await setup.vault.unlock(setup.passphrase);
    const inbox = new InboxStore(setup.db, () => setup.session.dataKey());
    // Same time: listed in id order, which is random.
    const listed = await inbox.list();
    const first = listed.find((item) => item.status === 'ok' && item.meta.via === 'quick-note');
    const second = listed.find((item) => item.status === 'ok' && item.meta.via === 'share');
    expect(first?.status === 'ok' && first.meta).toMatchObject({ receivedAt: at.toISOString(), type: 'text/plain' });
    expect(second?.status === 'ok' && second.meta).toMatchObject({ name: 'messages-from-him.png' });
    expect(await (await inbox.read(first?.id ?? '')).bytes.text()).toBe(note);
  });

  it('a quick note needs a vault whose inbox key exists; it upgrades a database from before the inbox', async () => {
    await expect(saveQuickNote(`no-vault-${Math.random()}`, 'x', AT)).rejects.toMatchObject({ code: 'inbox/no-key' });
    // A database at schema 1 holding a public key (as if written by hand): the note upgrades it.
    const name = `old-schema-${Math.random()}`;
    const old = new DaybookDatabase(name, SCHEMA_VERSIONS.slice(0, 1));
    await old.open();
    const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
    await old.meta.put({
      key: INBOX_PUBLIC_KEY,
      value: { v: 1, raw: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)) },
    });
    old.close();
    await saveQuickNote(name, 'note', AT);
    const current = new DaybookDatabase(name);
    expect(await current.inbox.count()).toBe(1);
    current.close();
  });

  it('reading, listing and removing need the unlocked vault; removing while locked changes nothing', async () => {
    const setup = await provisioned();
    const id = await saveQuickNote(setup.name, 'note', AT);
    setup.vault.lock();
    await expect(setup.inbox.remove(id)).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(setup.inbox.read(id)).rejects.toMatchObject({ code: 'vault-locked' });
    await expect(setup.inbox.list()).rejects.toMatchObject({ code: 'vault-locked' });
    expect(await setup.db.inbox.count()).toBe(1);
    await setup.vault.unlock(setup.passphrase);
    await setup.inbox.remove(id);
    expect(await setup.db.inbox.count()).toBe(0);
    expect(await setup.db.inboxChunks.count()).toBe(0);
  });

  it('without a private key, an empty inbox lists as empty and items list as unreadable, never failing the list', async () => {
    const setup = await provisioned();
    await setup.db.settings.delete(INBOX_PRIVATE_KEY_ROW);
    expect(await setup.inbox.list()).toEqual([]);
    const id = await saveQuickNote(setup.name, 'note', AT);
    expect(await setup.inbox.list()).toEqual([{ id, status: 'damaged', code: 'inbox/no-key' }]);
    await expect(setup.inbox.read(id)).rejects.toMatchObject({ code: 'inbox/no-key' });
  });

  it('chunks of a share cut off before its item row are removed at unlock; complete items stay', async () => {
    const setup = await provisioned();
    const kept = await saveQuickNote(setup.name, 'kept', AT);
    const raw = await publicKey(setup.db);
    const cutOff = await sealIntoInbox(
      { putChunk: (row) => setup.db.inboxChunks.put(row).then(() => undefined), putItem: () => Promise.resolve() },
      raw,
      { via: 'share', name: 'a.png', type: 'image/png', bytes: new Blob([patterned(10)]), receivedAt: AT },
    );
    await setup.db.inboxChunks.put({ id: 'not-a-chunk-id', iv: new Uint8Array(12), data: new Uint8Array(16), last: true });
    expect(await setup.db.inboxChunks.count()).toBe(3);
    expect(await setup.inbox.removeOrphanChunks()).toBe(1);
    expect((await setup.db.inboxChunks.toCollection().primaryKeys()).sort()).toEqual([inboxChunkId(kept, 0)]);
    expect(await setup.db.inboxChunks.get(inboxChunkId(cutOff, 0))).toBeUndefined();
  });

  it('a public key swapped while locked is put back at the next unlock', async () => {
    const setup = await provisioned();
    const raw = await publicKey(setup.db);
    setup.vault.lock();
    const theirs = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
    await setup.db.meta.put({
      key: INBOX_PUBLIC_KEY,
      value: { v: 1, raw: new Uint8Array(await crypto.subtle.exportKey('raw', theirs.publicKey)) },
    });
    await setup.vault.unlock(setup.passphrase);
    await provisionInbox(setup.vault, new InboxStore(setup.db, () => setup.session.dataKey()));
    expect(await publicKey(setup.db)).toEqual(raw);
  });

  it('replacing the data key re-encrypts the private key row and keeps the inbox readable', async () => {
    const setup = await provisioned();
    const id = await saveQuickNote(setup.name, 'sealed before the replacement', AT);
    const oldHeader = structuredClone((await setup.db.meta.get('vaultHeader'))?.value) as VaultHeader;
    const oldKeys = await unlockKeysWithPassphrase(oldHeader, setup.passphrase);
    const pending = await setup.vault.prepareKeyReplacement(setup.passphrase, 'a wholly new passphrase for the diary');
    await pending.commit();
    await setup.vault.resumeKeyReplacement();
    expect(setup.vault.getKeyReplacement()).toEqual({ phase: 'done', unreadable: 0 });
    const row = await setup.db.settings.get(INBOX_PRIVATE_KEY_ROW);
    if (!row) throw new Error('private key row missing');
    await expect(decryptRecord(oldKeys.dataKey, 'settings', row.id, row)).rejects.toMatchObject({ code: 'crypto/decryption-failed' });
    await expect(decryptRecord(setup.session.dataKey(), 'settings', row.id, row)).resolves.toBeTruthy();
    // A reload, unlocked with the new passphrase: the note still opens, and new ones too.
    const session = new VaultSession(`channel-${setup.name}-again`);
    const vault = new Vault(new DaybookDatabase(setup.name), session, () => setup.clock.now, TEST_KDF_COST);
    await vault.unlock('a wholly new passphrase for the diary');
    const inbox = new InboxStore(vault.db, () => session.dataKey());
    await provisionInbox(vault, inbox);
    expect(await (await inbox.read(id)).bytes.text()).toBe('sealed before the replacement');
    const later = await saveQuickNote(setup.name, 'after', AT);
    expect(await (await inbox.read(later)).bytes.text()).toBe('after');
  });
});

describe('sealed inbox reader: properties', () => {
  it('random and bit-flipped rows never throw an untyped error and never return wrong bytes', async () => {
    const setup = await provisioned();
    const raw = await publicKey(setup.db);
    const original = patterned(300);
    const id = await sealIntoInbox(dexieInboxWriter(setup.db), raw, {
      via: 'share',
      name: 'f.bin',
      type: 'application/octet-stream',
      bytes: new Blob([original]),
      receivedAt: AT,
    });
    const item = (await setup.db.inbox.get(id)) as InboxItemRow;
    const chunk = await setup.db.inboxChunks.get(inboxChunkId(id, 0));
    if (!chunk) throw new Error('chunk missing');
    const field = fc.constantFrom('ephemeralPublicKey', 'iv', 'meta', 'chunk-iv', 'chunk-data');

    const check = async () => {
      const listed = await setup.inbox.list();
      expect(listed).toHaveLength(1);
      try {
        const opened = await setup.inbox.read(id);
        // Anything read back is exactly what was sealed.
        expect(await bytesOf(opened.bytes)).toEqual(original);
      } catch (error) {
        expect(error).toBeInstanceOf(InboxError);
      }
    };
    const flip = (bytes: Uint8Array, at: number, bit: number) => {
      const copy = new Uint8Array(bytes);
      if (copy.length > 0) copy[at % copy.length] = (copy[at % copy.length] ?? 0) ^ (1 << bit);
      return copy;
    };

    await fc.assert(
      fc.asyncProperty(field, fc.nat(), fc.integer({ min: 0, max: 7 }), async (which, at, bit) => {
        if (which === 'chunk-iv' || which === 'chunk-data') {
          const key = which === 'chunk-iv' ? 'iv' : 'data';
          await setup.db.inboxChunks.put({ ...chunk, [key]: flip(chunk[key], at, bit) });
          await setup.db.inbox.put(item);
        } else {
          await setup.db.inbox.put({ ...item, [which]: flip(item[which], at, bit) });
          await setup.db.inboxChunks.put(chunk);
        }
        await check();
      }),
      { numRuns: 60 },
    );

    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            ephemeralPublicKey: fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.anything()),
            iv: fc.oneof(fc.uint8Array({ maxLength: 16 }), fc.anything()),
            meta: fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.anything()),
            chunks: fc.oneof(fc.integer(), fc.double(), fc.anything()),
          },
          { requiredKeys: [] },
        ),
        fc.record({ iv: fc.anything(), data: fc.anything(), last: fc.anything() }, { requiredKeys: [] }),
        async (itemFields, chunkFields) => {
          await setup.db.inbox.put({ ...itemFields, id } as unknown as InboxItemRow);
          await setup.db.inboxChunks.put({ ...chunkFields, id: chunk.id } as unknown as typeof chunk);
          await check();
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
