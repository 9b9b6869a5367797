import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INBOX_PUBLIC_KEY, MAX_INBOX_ITEM_BYTES, type InboxChunkRow, type InboxItemRow } from '../../src/core/inbox/inboxRows';
import {
  chunkAdditionalData,
  itemKey,
  metaAdditionalData,
  openSealed,
  parseInboxMeta,
  sealIntoInbox,
  type InboxWriter,
} from '../../src/core/inbox/seal';
import { MAX_ATTACHMENT_BYTES } from '../../src/core/store/attachmentStore';
import { DaybookDatabase } from '../../src/core/store/db';
import { openInboxForSharing, rawInboxWriter } from '../../src/sw/inboxWriter';
import { isShareQuery, isShareReport, MAX_SHARE_FILES, SHARE_PATH, SHARE_QUERY, SHARE_REPORT } from '../../src/sw/shareMessages';
import { fromAnotherSite, isShareRequest, receiveShare, sharedFiles, sharedText, type ShareDependencies } from '../../src/sw/shareTarget';

const ORIGIN = 'https://daybook.test';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('a small secret picture')]);
const TEXT = 'He was outside the house again at 9pm';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let databases = 0;
const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await DaybookDatabase.delete(name);
});

/** A database made by the app (Dexie, current schema) with a vault header and, unless told not to, an inbox key. */
async function appDatabase(options: { publicKey?: boolean; header?: boolean } = {}) {
  const name = `share-${++databases}`;
  names.push(name);
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const db = new DaybookDatabase(name);
  await db.open();
  if (options.header !== false) await db.meta.put({ key: 'vaultHeader', value: { v: 1, sealed: 'header' } });
  if (options.publicKey !== false) await db.meta.put({ key: INBOX_PUBLIC_KEY, value: { v: 1, raw } });
  db.close();
  return { name, privateKey: pair.privateKey, publicRaw: raw };
}

function deps(name: string, overrides: Partial<ShareDependencies> = {}): ShareDependencies {
  return {
    openInbox: () => openInboxForSharing(indexedDB, name),
    writerFor: rawInboxWriter,
    seal: sealIntoInbox,
    now: () => new Date('2026-03-04T05:06:07.000Z'),
    ...overrides,
  };
}

function shareRequest(form: FormData, init: RequestInit = {}): Request {
  return new Request(`${ORIGIN}${SHARE_PATH}`, { method: 'POST', body: form, ...init });
}

function pictureAndText(): FormData {
  const form = new FormData();
  form.append('title', 'Messages');
  form.append('text', TEXT);
  form.append('files', new File([PNG], 'screenshot-secret.png', { type: 'image/png' }));
  return form;
}

async function rowsOf(name: string): Promise<{ items: InboxItemRow[]; chunks: InboxChunkRow[]; all: unknown[] }> {
  const db = new DaybookDatabase(name);
  await db.open();
  const items = await db.inbox.toArray();
  const chunks = await db.inboxChunks.toArray();
  const all = (await Promise.all(db.tables.map((table) => table.toArray()))).flat();
  db.close();
  return { items, chunks, all };
}

/** Opens a sealed item with the inbox's private key: its meta and its bytes. */
async function open(item: InboxItemRow, chunks: InboxChunkRow[], privateKey: CryptoKey, publicRaw: Uint8Array) {
  const ephemeral = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(item.ephemeralPublicKey),
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    [],
  );
  const key = await itemKey(privateKey, ephemeral, item.ephemeralPublicKey, publicRaw, 'decrypt');
  const meta = parseInboxMeta(await openSealed(key, item.iv, item.meta, metaAdditionalData(item.id)));
  const own = chunks.filter((chunk) => chunk.id.startsWith(`${item.id}:`)).sort((a, b) => a.id.localeCompare(b.id));
  const parts: Uint8Array[] = [];
  for (const [index, chunk] of own.entries())
    parts.push(await openSealed(key, chunk.iv, chunk.data, chunkAdditionalData(item.id, index, chunk.last)));
  return { meta, bytes: new Uint8Array(Buffer.concat(parts)) };
}

/** Every stored value as latin1 text, as an attacker dumping the database would see it. */
function dump(values: unknown[]): string {
  const describe = (value: unknown): string => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
    if (Array.isArray(value)) return value.map(describe).join(' ');
    if (value && typeof value === 'object')
      return Object.entries(value)
        .map(([k, v]) => `${k}:${describe(v)}`)
        .join(' ');
    return String(value);
  };
  return values.map(describe).join('\n');
}

describe('share target: sealing what is shared', () => {
  it('seals each file, and the title and text as one text item, with nothing in the clear', async () => {
    const vault = await appDatabase();
    const report = await receiveShare(shareRequest(pictureAndText()), deps(vault.name));
    expect(report).toEqual({ type: SHARE_REPORT, outcome: 'kept', kept: 2 });

    const { items, chunks, all } = await rowsOf(vault.name);
    expect(items).toHaveLength(2);
    const text = dump(all);
    for (const secret of ['a small secret picture', 'screenshot-secret', 'outside the house', 'Messages', 'image/png', sha256(PNG)]) {
      expect(text).not.toContain(secret);
    }

    const opened = await Promise.all(items.map((item) => open(item, chunks, vault.privateKey, vault.publicRaw)));
    const picture = opened.find((item) => item.meta.name === 'screenshot-secret.png');
    const note = opened.find((item) => item.meta.name === '');
    expect(picture?.meta).toMatchObject({
      via: 'share',
      type: 'image/png',
      size: PNG.length,
      sha256: sha256(PNG),
      receivedAt: '2026-03-04T05:06:07.000Z',
    });
    expect(picture?.bytes).toEqual(PNG);
    expect(note?.meta).toMatchObject({ via: 'share', type: 'text/plain' });
    expect(new TextDecoder().decode(note?.bytes)).toBe(`Messages\n${TEXT}`);
  });

  it('keeps a shared link alone as a text item', async () => {
    const vault = await appDatabase();
    const form = new FormData();
    form.append('url', 'https://example.org/post/1');
    expect(await receiveShare(shareRequest(form), deps(vault.name))).toMatchObject({ outcome: 'kept', kept: 1 });
  });

  it('stores nothing, and creates no database, where there is no diary', async () => {
    const name = `share-none-${++databases}`;
    expect(await receiveShare(shareRequest(pictureAndText()), deps(name))).toMatchObject({ outcome: 'not-ready', kept: 0 });
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(name);
  });

  it('stores nothing and upgrades nothing in a database from before the inbox', async () => {
    const name = `share-old-${++databases}`;
    names.push(name);
    const old = new DaybookDatabase(name, [
      { version: 1, stores: { meta: '&key', settings: '&id', drafts: '&id', revisions: '&id', chunks: '&id', checklists: '&id' } },
    ]);
    await old.open();
    await old.meta.put({ key: 'vaultHeader', value: {} });
    old.close();
    expect(await receiveShare(shareRequest(pictureAndText()), deps(name))).toMatchObject({ outcome: 'not-ready' });
    const after = (await indexedDB.databases()).find((db) => db.name === name);
    expect(after?.version).toBe(10); // Dexie's version 1, untouched
  });

  it('stores nothing where the vault has no inbox key, or no vault header', async () => {
    for (const options of [{ publicKey: false }, { header: false }]) {
      const vault = await appDatabase(options);
      expect(await receiveShare(shareRequest(pictureAndText()), deps(vault.name))).toMatchObject({ outcome: 'not-ready' });
      const { items, chunks } = await rowsOf(vault.name);
      expect(items.length + chunks.length).toBe(0);
    }
  });

  it('does not parse the body when the inbox is not ready', async () => {
    const request = shareRequest(pictureAndText());
    const formData = vi.spyOn(request, 'formData');
    await receiveShare(request, deps(`share-none-${++databases}`));
    expect(formData).not.toHaveBeenCalled();
  });

  it(`refuses more than ${MAX_SHARE_FILES} files, reading none`, async () => {
    const vault = await appDatabase();
    const form = new FormData();
    for (let i = 0; i <= MAX_SHARE_FILES; i++) form.append('files', new File([PNG], `${i}.png`, { type: 'image/png' }));
    const seal = vi.fn(sealIntoInbox);
    expect(await receiveShare(shareRequest(form), deps(vault.name, { seal }))).toMatchObject({ outcome: 'too-many', kept: 0 });
    expect(seal).not.toHaveBeenCalled();
  });

  it('refuses the whole share when one file is over the attachment limit, before reading any', async () => {
    const vault = await appDatabase();
    const small = new File([PNG], 'small.png', { type: 'image/png' });
    const big = new File([PNG], 'big.mp4', { type: 'video/mp4' });
    Object.defineProperty(big, 'size', { value: MAX_ATTACHMENT_BYTES + 1 });
    const read = vi.spyOn(big, 'arrayBuffer');
    const form = { get: () => null, getAll: () => [small, big] } as unknown as FormData;
    const request = Object.assign(shareRequest(new FormData()), {});
    vi.spyOn(request, 'formData').mockResolvedValue(form);
    const seal = vi.fn(sealIntoInbox);
    expect(await receiveShare(request, deps(vault.name, { seal }))).toMatchObject({ outcome: 'too-large', kept: 0 });
    expect(seal).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses a body declared larger than any allowed share without parsing it', async () => {
    const vault = await appDatabase();
    const request = shareRequest(pictureAndText());
    const headers = new Headers(request.headers);
    headers.set('Content-Length', String(MAX_SHARE_FILES * MAX_INBOX_ITEM_BYTES + 2 * 1024 * 1024));
    Object.defineProperty(request, 'headers', { value: headers });
    const formData = vi.spyOn(request, 'formData');
    expect(await receiveShare(request, deps(vault.name))).toMatchObject({ outcome: 'too-large' });
    expect(formData).not.toHaveBeenCalled();
  });

  it('keeps nothing of a body that is not multipart form data, or holds nothing', async () => {
    const vault = await appDatabase();
    const urlEncoded = new Request(`${ORIGIN}${SHARE_PATH}`, { method: 'POST', body: new URLSearchParams({ text: TEXT }) });
    expect(await receiveShare(urlEncoded, deps(vault.name))).toMatchObject({ outcome: 'empty' });
    const blank = new FormData();
    blank.append('files', new File([], ''));
    blank.append('text', '   ');
    expect(await receiveShare(shareRequest(blank), deps(vault.name))).toMatchObject({ outcome: 'empty' });
    const { items, chunks } = await rowsOf(vault.name);
    expect(items.length + chunks.length).toBe(0);
  });

  it('says how many items it kept when writing fails part-way', async () => {
    const vault = await appDatabase();
    let items = 0;
    const failing = (db: IDBDatabase): InboxWriter => {
      const writer = rawInboxWriter(db);
      return {
        putChunk: (row) => writer.putChunk(row),
        putItem: (row) => (++items === 2 ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : writer.putItem(row)),
      };
    };
    expect(await receiveShare(shareRequest(pictureAndText()), deps(vault.name, { writerFor: failing }))).toEqual({
      type: SHARE_REPORT,
      outcome: 'failed',
      kept: 1,
    });
    expect((await rowsOf(vault.name)).items).toHaveLength(1);
  });

  it('closes its connection, so the app can upgrade the schema afterwards', async () => {
    const vault = await appDatabase();
    const close = vi.spyOn(IDBDatabase.prototype, 'close');
    await receiveShare(shareRequest(pictureAndText()), deps(vault.name));
    expect(close).toHaveBeenCalled();
    close.mockRestore();
  });

  it('has the attachment limit', () => {
    expect(MAX_INBOX_ITEM_BYTES).toBe(MAX_ATTACHMENT_BYTES);
  });
});

describe('share target: which requests', () => {
  it('is a POST to the share path of this origin only', () => {
    expect(isShareRequest(new Request(`${ORIGIN}${SHARE_PATH}`, { method: 'POST' }), ORIGIN)).toBe(true);
    expect(isShareRequest(new Request(`${ORIGIN}${SHARE_PATH}?x=1`, { method: 'POST' }), ORIGIN)).toBe(true);
    expect(isShareRequest(new Request(`${ORIGIN}${SHARE_PATH}`), ORIGIN)).toBe(false);
    expect(isShareRequest(new Request(`${ORIGIN}${SHARE_PATH}/more`, { method: 'POST' }), ORIGIN)).toBe(false);
    expect(isShareRequest(new Request(`https://elsewhere.test${SHARE_PATH}`, { method: 'POST' }), ORIGIN)).toBe(false);
  });

  it('ignores posts made from another site', () => {
    const posted = (referrer: string) => ({ referrer }) as Request;
    expect(fromAnotherSite(posted(''), ORIGIN)).toBe(false);
    expect(fromAnotherSite(posted('about:client'), ORIGIN)).toBe(false);
    expect(fromAnotherSite(posted(`${ORIGIN}/diary`), ORIGIN)).toBe(false);
    expect(fromAnotherSite(posted('https://evil.test/form'), ORIGIN)).toBe(true);
    expect(fromAnotherSite(posted('not a url'), ORIGIN)).toBe(true);
  });
});

describe('share target: hostile input', () => {
  const entry = fc.tuple(
    fc.constantFrom('title', 'text', 'url', 'files', 'other'),
    fc.oneof(fc.string(), fc.record({ name: fc.string(), type: fc.string(), bytes: fc.uint8Array({ maxLength: 64 }) })),
  );

  it('reads any form without throwing, keeping only files and the three text fields', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (entries) => {
        const form = new FormData();
        for (const [field, value] of entries) {
          if (typeof value === 'string') form.append(field, value);
          else form.append(field, new File([value.bytes], value.name, { type: value.type }));
        }
        const files = sharedFiles(form);
        const text = sharedText(form);
        expect(files.every((file) => file instanceof File)).toBe(true);
        expect(files.length).toBeLessThanOrEqual(entries.filter(([field, value]) => field === 'files' && typeof value !== 'string').length);
        for (const [field, value] of entries) {
          if (
            field === 'other' &&
            typeof value === 'string' &&
            value.trim() !== '' &&
            !entries.some(([f, v]) => f !== 'other' && v === value)
          ) {
            expect(text.split('\n')).not.toContain(value);
          }
        }
      }),
    );
  });

  it('accepts only well-formed share reports and queries', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const report = isShareReport(value);
        if (report)
          expect(['kept', 'not-ready', 'too-many', 'too-large', 'failed', 'empty']).toContain((value as { outcome: string }).outcome);
        expect(typeof isShareQuery(value)).toBe('boolean');
      }),
    );
    expect(isShareReport({ type: SHARE_REPORT, outcome: 'kept', kept: 2 })).toBe(true);
    expect(isShareReport({ type: SHARE_REPORT, outcome: 'stolen', kept: 2 })).toBe(false);
    expect(isShareReport({ type: SHARE_REPORT, outcome: 'kept', kept: -1 })).toBe(false);
    expect(isShareQuery({ type: SHARE_QUERY })).toBe(true);
  });
});
