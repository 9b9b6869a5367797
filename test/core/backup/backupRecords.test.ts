import { beforeAll, describe, expect, it } from 'vitest';
import { withoutLaterFields } from '../../support/incidentFactories';
import { BACKUP_LIMITS, isSetAside, parseBackupMeta, readBackupRecord } from '../../../src/core/backup/backupRecords';
import { INCIDENT_LIMITS } from '../../../src/core/model/incident';
import { parseRevisionContent } from '../../../src/core/model/revisionContentParse';
import {
  appendLink,
  canonicalJson,
  newRevisionContent,
  revisionContentHash,
  type ChainLink,
  type RevisionContent,
  type RevisionContentV2,
} from '../../../src/core/evidence';
import type { Incident } from '../../../src/core/model/incident';
import { incident } from './backupFixture';

const BODY: Incident = incident('Roedd e yno eto. Zażółć gęślą jaźń', {
  where: 'Stryd Fawr',
  witnesses: [{ name: 'Siân', contact: '07700 900123' }],
  attachments: [{ id: 'a'.repeat(32), name: 'llun.jpg', type: 'image/jpeg', size: 1234, sha256: 'b'.repeat(64) }],
  reported: { reported: true, policeReference: '62/1/26' },
});

const ORIGIN = { recordedAt: '2026-01-05T09:01:00.000Z', contentHash: 'c'.repeat(64), linkHash: 'd'.repeat(64) };

/** As the value would arrive from a file: JSON text parsed (so `__proto__` is an own key). */
const viaJson = (text: string): unknown => JSON.parse(text);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

let content: RevisionContentV2<Incident>;
let link: ChainLink;
let tombstone: ChainLink;

beforeAll(async () => {
  content = newRevisionContent(BODY);
  link = await appendLink(null, {
    entryId: 'e'.repeat(32),
    revision: 1,
    kind: 'revision',
    recordedAt: '2026-01-05T09:01:00.000Z',
    contentHash: await revisionContentHash(content),
  });
  tombstone = await appendLink(link, {
    entryId: 'e'.repeat(32),
    revision: 2,
    kind: 'tombstone',
    recordedAt: '2026-01-05T09:02:00.000Z',
    contentHash: 'f'.repeat(64),
  });
});

describe('parseRevisionContent', () => {
  it('accepts a stored content, as it went in, with or without an origin', () => {
    expect(parseRevisionContent(clone(content))).toEqual(content);
    const imported = { ...clone(content), origin: ORIGIN };
    expect(parseRevisionContent(imported)).toEqual(imported);
    expect(canonicalJson(parseRevisionContent(imported))).toBe(canonicalJson(imported));
  });

  it('returns a fresh object built from known fields only', () => {
    const input = clone(content);
    const parsed = parseRevisionContent(input);
    expect(parsed).not.toBe(input);
    expect(parsed?.body).not.toBe(input.body);
  });

  it.each<[string, (c: Record<string, unknown>) => unknown]>([
    ['an extra top-level key', (c) => ({ ...c, note: 'hi' })],
    ['an extra key in the body', (c) => ({ ...c, body: { ...(c.body as object), mood: 'x' } })],
    ['an extra key in the origin', (c) => ({ ...c, origin: { ...ORIGIN, device: 'phone' } })],
    ['a body missing a field parseIncident would fill in', (c) => ({ ...c, body: { ...(c.body as object), where: undefined } })],
    [
      'an attachment hash in capitals (parseIncident lowercases it)',
      (c) => ({ ...c, body: { ...BODY, attachments: [{ ...BODY.attachments[0], sha256: 'B'.repeat(64) }] } }),
    ],
    ['behaviours out of canonical order', (c) => ({ ...c, body: { ...BODY, behaviours: ['loitering', 'following'] } })],
  ])('refuses %s: its canonical JSON (and so its hash) would differ', (_, edit) => {
    expect(parseRevisionContent(clone(edit(clone(content) as unknown as Record<string, unknown>)))).toBeNull();
  });

  it('refuses __proto__ keys at the top, in the body and in the origin', () => {
    const text = JSON.stringify(content);
    expect(parseRevisionContent(viaJson(`{"__proto__":{"x":1},${text.slice(1)}`))).toBeNull();
    expect(parseRevisionContent(viaJson(text.replace('"body":{', '"body":{"__proto__":{"where":"x"},')))).toBeNull();
    const withOrigin = JSON.stringify({ ...content, origin: ORIGIN });
    expect(parseRevisionContent(viaJson(withOrigin.replace('"origin":{', '"origin":{"__proto__":{},')))).toBeNull();
  });

  it('does not take fields from a prototype or a getter', () => {
    const inherited = Object.create(clone(content)) as object;
    expect(parseRevisionContent(inherited)).toBeNull();
    const getter = { ...clone(content) } as Record<string, unknown>;
    delete getter.salts;
    Object.defineProperty(getter, 'salts', { get: () => clone(content.salts), enumerable: true });
    expect(parseRevisionContent(getter)).toBeNull();
    // Version 1's single salt likewise.
    const v1: RevisionContent<Incident> = { v: 1, salt: 'a'.repeat(32), body: withoutLaterFields(BODY) };
    expect(parseRevisionContent(clone(v1))).toEqual(v1);
    const v1Getter = { ...clone(v1) } as Record<string, unknown>;
    delete v1Getter.salt;
    Object.defineProperty(v1Getter, 'salt', { get: () => v1.salt, enumerable: true });
    expect(parseRevisionContent(v1Getter)).toBeNull();
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [1]],
    ['a string', 'content'],
    ['v as a string', { v: '1', salt: 'a'.repeat(32), body: BODY }],
    ['v 2', { v: 2, salt: 'a'.repeat(32), body: BODY }],
    ['no v', { salt: 'a'.repeat(32), body: BODY }],
    ['no salt', { v: 1, body: BODY }],
    ['a salt of capitals', { v: 1, salt: 'A'.repeat(32), body: BODY }],
    ['a short salt', { v: 1, salt: 'a'.repeat(31), body: BODY }],
    ['a long salt', { v: 1, salt: 'a'.repeat(33), body: BODY }],
    ['a salt that is not hex', { v: 1, salt: 'g'.repeat(32), body: BODY }],
    ['a salt as a number', { v: 1, salt: 1234, body: BODY }],
    ['no body', { v: 1, salt: 'a'.repeat(32) }],
    ['a body that is not an incident', { v: 1, salt: 'a'.repeat(32), body: { whatHappened: 12 } }],
    ['an origin that is null', { v: 1, salt: 'a'.repeat(32), body: BODY, origin: null }],
    ['an origin with a local time', { v: 1, salt: 'a'.repeat(32), body: BODY, origin: { ...ORIGIN, recordedAt: '2026-01-05 09:01' } }],
    ['an origin with a short hash', { v: 1, salt: 'a'.repeat(32), body: BODY, origin: { ...ORIGIN, contentHash: 'c'.repeat(63) } }],
    [
      'an origin without its link hash',
      { v: 1, salt: 'a'.repeat(32), body: BODY, origin: { recordedAt: ORIGIN.recordedAt, contentHash: ORIGIN.contentHash } },
    ],
  ])('refuses %s', (_, value) => {
    expect(parseRevisionContent(value)).toBeNull();
  });
});

describe('parseBackupMeta', () => {
  const info = { t: 'info', v: 1, createdAt: '2026-01-06T12:00:00.000Z', links: 7, checklists: 2, files: 2 };
  const ref = { id: '0123456789abcdef0123456789abcdef', name: 'plik.png', type: 'image/png', size: 200, sha256: 'ab'.repeat(32) };
  const result = {
    id: 'r1',
    savedAt: '2026-01-04T18:00:00.000Z',
    answers: { behaviours: ['following'], occasions: 'many', duration: null, fixation: [], effects: [], risks: [] },
    outcome: ['course-of-conduct'],
  };

  it('accepts every kind of record a backup holds, rebuilt from its known fields', () => {
    expect(parseBackupMeta(info)).toEqual(info);
    expect(parseBackupMeta({ ...info, v: 2 })).toEqual({ ...info, v: 2 });
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: clone(content) })).toEqual({ t: 'rev', link, content });
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: null })).toEqual({ t: 'rev', link, content: null });
    expect(parseBackupMeta({ t: 'rev', link: clone(tombstone), content: null })).toEqual({ t: 'rev', link: tombstone, content: null });
    expect(parseBackupMeta({ t: 'check', result })).toEqual({ t: 'check', result });
    expect(parseBackupMeta({ t: 'file', ref })).toEqual({ t: 'file', ref });
    expect(parseBackupMeta({ t: 'chunk', id: ref.id, index: 3, last: false })).toEqual({ t: 'chunk', id: ref.id, index: 3, last: false });
    expect(parseBackupMeta({ t: 'broken', id: ref.id })).toEqual({ t: 'broken', id: ref.id });
  });

  it('drops unknown keys of a record and of its link (the link hash covers only its own fields)', () => {
    const parsed = parseBackupMeta({ t: 'rev', link: { ...clone(link), extra: 'x' }, content: null, more: 1 });
    expect(parsed).toEqual({ t: 'rev', link, content: null });
    expect(Object.keys(parsed?.t === 'rev' ? parsed.link : {}).sort()).toEqual([
      'contentHash',
      'entryId',
      'hash',
      'kind',
      'prevHash',
      'recordedAt',
      'revision',
      'seq',
      'v',
    ]);
    expect(parseBackupMeta({ ...info, extra: true })).toEqual(info);
  });

  it('keeps what a link hashes: a v1 link has no version, a v2 link keeps its version and clock note (rebuilt)', () => {
    const v1: Record<string, unknown> = { ...clone(link), hash: 'a'.repeat(64) };
    delete v1.v;
    expect(parseBackupMeta({ t: 'rev', link: v1, content: null })).toEqual({ t: 'rev', link: v1, content: null });
    const noted = { ...clone(link), clock: { kind: 'ahead' } };
    expect(parseBackupMeta({ t: 'rev', link: noted, content: null })).toEqual({ t: 'rev', link: noted, content: null });
    expect(parseBackupMeta({ t: 'rev', link: { ...noted, clock: { ...noted.clock, extra: 1 } }, content: null })).toBeNull();
    expect(parseBackupMeta({ t: 'rev', link: { ...v1, clock: noted.clock }, content: null })).toBeNull();
  });

  const seal = { v: 2, size: 7, head: 'a'.repeat(64), mac: 'b'.repeat(64) };

  it('reads a seal record by its shape only (whether it is genuine is the vault’s to say), dropping unknown keys', () => {
    expect(parseBackupMeta({ t: 'seal', seal })).toEqual({ t: 'seal', seal });
    expect(parseBackupMeta({ t: 'seal', seal: { ...seal, extra: 1 }, more: 2 })).toEqual({ t: 'seal', seal });
    expect(parseBackupMeta({ t: 'seal', seal: { ...seal, size: 0, head: '0'.repeat(64) } })).toEqual({
      t: 'seal',
      seal: { ...seal, size: 0, head: '0'.repeat(64) },
    });
  });

  it.each<[string, unknown]>([
    ['no seal', { t: 'seal' }],
    ['a seal of another version', { t: 'seal', seal: { ...seal, v: 1 } }],
    ['a seal with a negative size', { t: 'seal', seal: { ...seal, size: -1 } }],
    ['a seal with a fractional size', { t: 'seal', seal: { ...seal, size: 1.5 } }],
    ['a seal larger than any diary', { t: 'seal', seal: { ...seal, size: BACKUP_LIMITS.links + 1 } }],
    ['a seal with a head in capitals', { t: 'seal', seal: { ...seal, head: 'A'.repeat(64) } }],
    ['a seal with a short mac', { t: 'seal', seal: { ...seal, mac: 'b'.repeat(63) } }],
    ['a seal with a mac as a number', { t: 'seal', seal: { ...seal, mac: 12 } }],
    ['a seal that is a string', { t: 'seal', seal: JSON.stringify(seal) }],
  ])('refuses %s, and readBackupRecord cannot keep it either', (_, meta) => {
    expect(parseBackupMeta(meta)).toBeNull();
    expect(readBackupRecord(meta)).toBeNull();
  });

  it('refuses __proto__ in place of the record kind, and inherited or getter fields', () => {
    expect(parseBackupMeta(viaJson(`{"__proto__":${JSON.stringify(info)}}`))).toBeNull();
    expect(parseBackupMeta(Object.create(info) as object)).toBeNull();
    const getter = { ...info } as Record<string, unknown>;
    delete getter.t;
    Object.defineProperty(getter, 't', { get: () => 'info', enumerable: true });
    expect(parseBackupMeta(getter)).toBeNull();
    // A __proto__ key next to real fields changes nothing about what is read.
    expect(parseBackupMeta(viaJson(`{"__proto__":{"links":1},${JSON.stringify(info).slice(1)}`))).toEqual(info);
    expect(({} as Record<string, unknown>).links).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [info]],
    ['a string', 'info'],
    ['no kind', { ...info, t: undefined }],
    ['an unknown kind', { ...info, t: 'settings' }],
    ['info of content version 3', { ...info, v: 3 }],
    ['info with a local createdAt', { ...info, createdAt: '2026-01-06 12:00' }],
    ['info with a negative count', { ...info, links: -1 }],
    ['info with a fractional count', { ...info, files: 1.5 }],
    ['info with a count as a string', { ...info, checklists: '2' }],
    ['info with more links than any diary', { ...info, links: BACKUP_LIMITS.links + 1 }],
    ['info with more files than allowed', { ...info, files: BACKUP_LIMITS.files + 1 }],
    ['a revision without a link', { t: 'rev', content: null }],
    [
      'a revision with a malformed link',
      {
        t: 'rev',
        link: { seq: -1, entryId: 'e', revision: 1, kind: 'revision', recordedAt: 'x', contentHash: '', prevHash: '', hash: '' },
        content: null,
      },
    ],
    [
      'a revision with a link of an unknown kind',
      {
        t: 'rev',
        link: {
          seq: 0,
          entryId: 'e',
          revision: 1,
          kind: 'draft',
          recordedAt: '2026-01-05T09:01:00.000Z',
          contentHash: 'a'.repeat(64),
          prevHash: '0'.repeat(64),
          hash: 'b'.repeat(64),
        },
        content: null,
      },
    ],
    ['a checklist result without an id', { t: 'check', result: { ...result, id: undefined } }],
    ['a checklist result with a bad date', { t: 'check', result: { ...result, savedAt: 'yesterday' } }],
    ['a file with an empty id', { t: 'file', ref: { ...ref, id: '' } }],
    ['a file with an id that could reach other chunks', { t: 'file', ref: { ...ref, id: `${ref.id}:00000001` } }],
    ['a file with a bad hash', { t: 'file', ref: { ...ref, sha256: 'zz'.repeat(32) } }],
    ['a file with a negative size', { t: 'file', ref: { ...ref, size: -1 } }],
    ['a file with a bad type', { t: 'file', ref: { ...ref, type: 'image png' } }],
    ['a file without a ref', { t: 'file' }],
    ['a chunk with a negative index', { t: 'chunk', id: ref.id, index: -1, last: true }],
    ['a chunk with a fractional index', { t: 'chunk', id: ref.id, index: 0.5, last: true }],
    ['a chunk with last as a string', { t: 'chunk', id: ref.id, index: 0, last: 'true' }],
    ['a chunk with a bad id', { t: 'chunk', id: 'x:1', index: 0, last: true }],
    ['a chunk with an id that is not text', { t: 'chunk', id: 7, index: 0, last: true }],
    ['a broken file with no id', { t: 'broken' }],
    ['a broken file with a bad id', { t: 'broken', id: 'a\0' }],
  ])('refuses %s', (_, meta) => {
    expect(parseBackupMeta(meta)).toBeNull();
  });

  it('refuses a revision whose content is not exactly a stored content', () => {
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: { ...clone(content), extra: 1 } })).toBeNull();
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: { ...clone(content), salt: 'bad salt' } })).toBeNull();
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: 'text' })).toBeNull();
    expect(parseBackupMeta({ t: 'rev', link: clone(link) })).toBeNull();
  });

  it('carries the origin of a deleted imported revision, and only with no content', () => {
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: null, origin: ORIGIN })).toEqual({
      t: 'rev',
      link,
      content: null,
      origin: ORIGIN,
    });
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: clone(content), origin: ORIGIN })).toBeNull();
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: null, origin: { ...ORIGIN, linkHash: 'x' } })).toBeNull();
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: null, origin: null })).toBeNull();
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: null, origin: 'there' })).toBeNull();
    // Rebuilt from its known fields.
    expect(parseBackupMeta({ t: 'rev', link: clone(link), content: null, origin: { ...ORIGIN, text: 'secret' } })).toEqual({
      t: 'rev',
      link,
      content: null,
      origin: ORIGIN,
    });
  });

  it('refuses a tombstone that carries content', () => {
    expect(parseBackupMeta({ t: 'rev', link: clone(tombstone), content: clone(content) })).toBeNull();
  });
});

describe('readBackupRecord: an authentic record that breaks a rule of its content', () => {
  const ref = { id: '0123456789abcdef0123456789abcdef', name: 'plik.png', type: 'image/png', size: 200, sha256: 'ab'.repeat(32) };

  it('reads every valid record as parseBackupMeta does, and accepts any id an incident may give a file', () => {
    expect(readBackupRecord({ t: 'rev', link: clone(link), content: clone(content) })).toEqual({ t: 'rev', link, content });
    expect(readBackupRecord({ t: 'file', ref: { ...ref, id: 'att-1' } })).toEqual({ t: 'file', ref: { ...ref, id: 'att-1' } });
    expect(readBackupRecord({ t: 'chunk', id: 'att-1', index: 0, last: true })).toEqual({ t: 'chunk', id: 'att-1', index: 0, last: true });
  });

  it('keeps the link of a revision whose text is too long, and says so, with the opening words', () => {
    const long = { ...clone(content), body: { ...clone(BODY), whatHappened: `Roedd e yno ${'x'.repeat(INCIDENT_LIMITS.longText)}` } };
    const read = readBackupRecord({ t: 'rev', link: clone(link), content: long });
    expect(read).toMatchObject({ t: 'rev-aside', link, rule: 'too-long' });
    expect(read?.t === 'rev-aside' && read.excerpt?.startsWith('Roedd e yno')).toBe(true);
    expect(read && isSetAside(read)).toBe(true);
  });

  it('sets aside as not-valid a revision with an unknown behaviour, an extra field or no content at all', () => {
    const unknown = { ...clone(content), body: { ...clone(BODY), behaviours: ['stalking'] } };
    expect(readBackupRecord({ t: 'rev', link: clone(link), content: unknown })).toMatchObject({ t: 'rev-aside', rule: 'not-valid' });
    expect(readBackupRecord({ t: 'rev', link: clone(link), content: { ...clone(content), extra: 1 } })).toMatchObject({
      t: 'rev-aside',
      rule: 'not-valid',
    });
    expect(readBackupRecord({ t: 'rev', link: clone(link) })).toMatchObject({ t: 'rev-aside', rule: 'not-valid' });
  });

  it('drops what holds nothing of the person’s: content on a tombstone, an origin that is not one or is not needed', () => {
    expect(readBackupRecord({ t: 'rev', link: clone(tombstone), content: clone(content) })).toEqual({
      t: 'rev',
      link: tombstone,
      content: null,
    });
    expect(readBackupRecord({ t: 'rev', link: clone(link), content: null, origin: 'there' })).toEqual({ t: 'rev', link, content: null });
    expect(readBackupRecord({ t: 'rev', link: clone(link), content: clone(content), origin: ORIGIN })).toEqual({ t: 'rev', link, content });
  });

  it('sets aside a checklist result it cannot read, and a file whose ref is not one, keeping the file’s id', () => {
    expect(readBackupRecord({ t: 'check', result: { id: 'r1', savedAt: '2026-01-04T18:00:00.000Z' } })).toEqual({
      t: 'check-aside',
      id: 'r1',
      savedAt: '2026-01-04T18:00:00.000Z',
    });
    expect(readBackupRecord({ t: 'check', result: 'nothing' })).toEqual({ t: 'check-aside' });
    expect(readBackupRecord({ t: 'file', ref: { ...ref, sha256: 'zz' } })).toEqual({ t: 'file-aside', id: ref.id, name: ref.name });
  });

  it.each<[string, unknown]>([
    ['a revision with a malformed link', { t: 'rev', link: { ...{ seq: -1 } }, content: null }],
    ['a file without an id its chunks could follow', { t: 'file', ref: { ...ref, id: 'a:b' } }],
    ['a file without a ref', { t: 'file' }],
    ['a chunk with a bad id', { t: 'chunk', id: 'x:1', index: 0, last: true }],
    ['an unknown kind', { t: 'settings' }],
    ['info of content version 3', { t: 'info', v: 3, createdAt: '2026-01-06T12:00:00.000Z', links: 1, checklists: 0, files: 0 }],
  ])('still refuses %s: its place in the file cannot be kept', (_, meta) => {
    expect(readBackupRecord(meta)).toBeNull();
  });
});
