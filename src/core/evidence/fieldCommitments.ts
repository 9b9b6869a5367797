// The body that a revision's contentHash is taken over, and how an export can show some of its
// fields while proving the rest unchanged.
//
// Why salts: an export may leave entries or fields out, and a diary may be disclosed in court,
// yet every link (and so every contentHash) stays visible. Without a secret salt, anyone holding
// the export could confirm a guess at a left-out text ("was it 'he was outside at 10pm'?") by
// hashing candidates. A random 128-bit salt, stored encrypted with the content and shipped only
// with the value it protects, makes such guesses useless.
//
// Version 1 (revisions written before issue 12): one salt for the whole body, and the content
// hash is SHA-256 of the canonical content. Only the whole body can be shown or left out.
//
// Version 2: one salt per top-level field, a commitment per field, and the content hash is taken
// over the commitments. An export ships the salt and value of each field it shows and only the
// commitment of each field it leaves out; the reader recomputes the same content hash.

import { canonicalJson } from './canonicalJson';
import { contentHashOrNull, sha256Hex, sha256HexNow } from './hash';
import { bytesToHex, isSaltHex, isSha256Hex } from './hex';
import { PackedSalts } from './packedSalts';

export interface RevisionOrigin {
  /** When it was first written down, in the diary it came from. */
  recordedAt: string;
  /** Its contentHash there (the same salt(s) and body, without this origin). */
  contentHash: string;
  /** The hash of its link in that diary's chain. */
  linkHash: string;
}

/** Revisions written before version 2: one salt over the whole body. */
export interface RevisionContentV1<T> {
  v: 1;
  /** 32 lowercase hex digits, fresh for every revision. */
  salt: string;
  body: T;
  /**
   * Set when the revision was brought in from another diary's backup whose chain had gone its
   * own way: where and when it was first written. The chain commits to this claim when the
   * revision is imported, and the original link can be checked against the backup's chain.
   */
  origin?: RevisionOrigin;
}

/** Revisions written from version 2 on: one salt per top-level field of the body. */
export interface RevisionContentV2<T> {
  v: 2;
  /**
   * Exactly the keys of `body`, each 32 lowercase hex digits, fresh per field per revision. A
   * loaded diary holds them packed (packedSalts.ts), written out the same; read them with saltOf.
   */
  salts: Record<string, string> | PackedSalts;
  body: T;
  /** As in version 1. */
  origin?: RevisionOrigin;
}

export type RevisionContent<T> = RevisionContentV1<T> | RevisionContentV2<T>;

/** A revision's content as an export carries it: some fields shown, the others as commitments. */
export interface CommittedContent {
  v: 2;
  /** Disclosed fields: salt and value. */
  fields: Record<string, { salt: string; value: unknown }>;
  /** Fields left out: their commitment only. */
  withheld: Record<string, string>;
  origin?: RevisionOrigin;
}

const SALT_BYTES = 16;

function newSalt(): string {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(SALT_BYTES)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An own data property's value; accessors and inherited values read as absent. */
function own(value: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}

function hasSymbolKeys(value: object): boolean {
  return Object.getOwnPropertySymbols(value).length > 0;
}

/** True when `value` has no own keys but those allowed (and no symbol keys). */
function onlyKeys(value: object, allowed: readonly string[]): boolean {
  return !hasSymbolKeys(value) && Object.keys(value).every((key) => allowed.includes(key));
}

function sameKeys(a: object, b: object): boolean {
  const keysA = Object.keys(a);
  const keysB = new Set(Object.keys(b));
  return keysA.length === keysB.size && keysA.every((key) => keysB.has(key));
}

/** The salt of `field`, whichever way the salts are held; undefined where there is none. */
export function saltOf(salts: RevisionContentV2<unknown>['salts'], field: string): unknown {
  return salts instanceof PackedSalts ? salts.saltOf(field) : own(salts, field);
}

/**
 * `content` with its salts as they are stored (hex), for a structured clone: a worker would get
 * packed salts as a plain object, not a PackedSalts. Content not packed is returned as it is.
 */
export function wireContent<C>(content: C): C {
  if (typeof content !== 'object' || content === null || !('salts' in content) || !(content.salts instanceof PackedSalts)) return content;
  return { ...content, salts: content.salts.toJSON() };
}

/** Whether `salts` has a salt for exactly the fields of `body`, packed or not (in any order: a salt is found by its field). */
function saltsFit(salts: unknown, body: object): boolean {
  if (salts instanceof PackedSalts) {
    const keys = Object.keys(body);
    return keys.length === salts.fields.length && keys.every((key) => salts.fields.includes(key));
  }
  return isPlainObject(salts) && sameKeys(body, salts);
}

/**
 * Wraps one revision's body with a fresh random salt per top-level field, ready for
 * revisionContentHash(). Throws TypeError for a body that is not a plain object.
 */
export function newRevisionContent<T extends object>(body: T): RevisionContentV2<T> & { salts: Record<string, string> } {
  if (!isPlainObject(body)) throw new TypeError('body must be a plain object');
  // fromEntries, not assignment: a field named "__proto__" must stay a field.
  const salts = Object.fromEntries(Object.keys(body).map((field) => [field, newSalt()]));
  return { v: 2, salts, body };
}

/** What a field's commitment hashes: canonical { v: 2, field, salt, value }. Throws for values with no canonical JSON. */
function fieldCommitmentText(field: string, salt: string, value: unknown): string {
  return canonicalJson({ v: 2, field, salt, value });
}

/** SHA-256 of canonical { v: 2, field, salt, value }, as lowercase hex. Rejects values with no canonical JSON. */
export function fieldCommitment(field: string, salt: string, value: unknown): Promise<string> {
  return sha256Hex(fieldCommitmentText(field, salt, value));
}

/**
 * The commitment of every field of a v2 content, by field name. Rejects (TypeError) when the
 * salts are not exactly one well-formed salt per field of the body.
 */
export async function commitmentsOf(content: RevisionContentV2<unknown>): Promise<Record<string, string>> {
  const { salts, body } = content;
  // Symbol keys would be skipped by Object.keys, unhashed: refuse them.
  if (!isPlainObject(body) || hasSymbolKeys(body) || !saltsFit(salts, body)) {
    throw new TypeError('salts must have exactly the keys of body');
  }
  const fields = Object.keys(body);
  const texts = fields.map((field) => {
    const salt = saltOf(salts, field);
    if (!isSaltHex(salt)) throw new TypeError(`salts.${field}: must be 32 lowercase hex digits`);
    return fieldCommitmentText(field, salt, own(body, field));
  });
  // Hashed at once where they can be (no promise per field: checking a chain makes thousands).
  const now = texts.map((text) => sha256HexNow(text));
  const commitments = now.every((digest) => digest !== null)
    ? now
    : await Promise.all(now.map((digest, i) => digest ?? sha256Hex(texts[i] ?? '')));
  return Object.fromEntries(fields.map((field, i) => [field, commitments[i] ?? '']));
}

/**
 * The v2 content hash from the commitments of all fields and the origin, if any. An origin of
 * undefined counts as none, as an optional property reads in TypeScript, so content built with
 * `origin: maybe` hashes the same whichever way it was spread.
 */
function hashCommitments(commitments: Record<string, string>, origin: unknown): Promise<string> {
  return sha256Hex(canonicalJson(origin === undefined ? { v: 2, commitments } : { v: 2, commitments, origin }));
}

/**
 * The hash a revision link's contentHash must equal. Version 1: SHA-256 of the canonical content,
 * as always. Version 2: SHA-256 of canonical { v: 2, commitments, origin? }. Rejects (TypeError)
 * for content that cannot be hashed.
 */
export async function revisionContentHash(content: RevisionContent<unknown>): Promise<string> {
  if (content.v === 1) return sha256Hex(canonicalJson(content));
  if (content.v !== 2) throw new TypeError('unknown revision content version');
  return hashCommitments(await commitmentsOf(content), content.origin);
}

/**
 * revisionContentHash for a value from outside (a file, storage): null unless it is a well-formed
 * v1 content (a plain object with v 1, hashed whole exactly as version 1 always was) or v2 content
 * (only v, salts, body and origin; body a plain object; salts exactly its keys, 32 lowercase hex
 * each). Never throws.
 */
export async function revisionContentHashOrNull(value: unknown): Promise<string | null> {
  try {
    if (!isPlainObject(value)) return null;
    const v = own(value, 'v');
    if (v === 1) return await contentHashOrNull(value);
    if (v !== 2 || !onlyKeys(value, ['v', 'salts', 'body', 'origin'])) return null;
    // commitmentsOf refuses a body or salts of the wrong shape (caught below).
    const salts = own(value, 'salts') as Record<string, string>;
    return await hashCommitments(await commitmentsOf({ v: 2, salts, body: own(value, 'body') }), own(value, 'origin'));
  } catch {
    // No canonical JSON for some value, a getter, a Proxy: it matches no link.
    return null;
  }
}

/**
 * The committed form of a v2 content for an export: every field disclosed (salt and value) except
 * those in `withhold`, which carry their commitment only. Rejects (RangeError) for a name in
 * `withhold` that is not a field of the body, and (TypeError) for malformed content.
 */
export async function commitContent(content: RevisionContentV2<unknown>, withhold: readonly string[]): Promise<CommittedContent> {
  const commitments = await commitmentsOf(content);
  const body = content.body as object;
  for (const field of withhold) {
    if (!Object.hasOwn(commitments, field)) throw new RangeError(`no field ${field} to withhold`);
  }
  const held = new Set(withhold);
  const fields = Object.keys(commitments);
  return {
    v: 2,
    fields: Object.fromEntries(
      fields.filter((f) => !held.has(f)).map((f) => [f, { salt: saltOf(content.salts, f) as string, value: own(body, f) }]),
    ),
    withheld: Object.fromEntries(fields.filter((f) => held.has(f)).map((f) => [f, commitments[f] ?? ''])),
    ...(content.origin === undefined ? {} : { origin: content.origin }),
  };
}

/** The disclosed fields of a committed content, or null when one is malformed. */
function disclosedOf(fields: Record<string, unknown>): [string, string, unknown][] | null {
  const out: [string, string, unknown][] = [];
  for (const [field, entry] of Object.entries(fields)) {
    if (!isPlainObject(entry) || !onlyKeys(entry, ['salt', 'value'])) return null;
    const salt = own(entry, 'salt');
    if (!isSaltHex(salt) || !Object.hasOwn(entry, 'value')) return null;
    out.push([field, salt, own(entry, 'value')]);
  }
  return out;
}

/**
 * The content hash a committed content stands for (to compare with its link's contentHash), or
 * null when it is malformed: fields and withheld plain objects, no field in both, salts 32 and
 * commitments 64 lowercase hex digits, v 2, and no other keys than v, fields, withheld and origin.
 * Never throws.
 */
export async function committedContentHash(value: unknown): Promise<string | null> {
  try {
    if (!isPlainObject(value) || own(value, 'v') !== 2 || !onlyKeys(value, ['v', 'fields', 'withheld', 'origin'])) return null;
    const fields = own(value, 'fields');
    const withheld = own(value, 'withheld');
    // Symbol keys would be skipped silently by Object.entries: refuse them instead.
    if (!isPlainObject(fields) || !isPlainObject(withheld) || hasSymbolKeys(fields) || hasSymbolKeys(withheld)) return null;
    if (Object.keys(withheld).some((field) => Object.hasOwn(fields, field))) return null;
    if (!Object.values(withheld).every(isSha256Hex)) return null;
    const disclosed = disclosedOf(fields);
    if (disclosed === null) return null;
    const shown = await Promise.all(disclosed.map(([field, salt, fieldValue]) => fieldCommitment(field, salt, fieldValue)));
    const commitments = Object.fromEntries([
      ...Object.entries(withheld),
      ...disclosed.map(([field], i): [string, unknown] => [field, shown[i]]),
    ]) as Record<string, string>;
    return await hashCommitments(commitments, own(value, 'origin'));
  } catch {
    return null;
  }
}

/** What a committed content shows: the disclosed values by field, and the names of the fields left out. */
export function openedFields(c: CommittedContent): { disclosed: Record<string, unknown>; withheld: string[] } {
  return {
    disclosed: Object.fromEntries(Object.entries(c.fields).map(([field, { value }]) => [field, value])),
    withheld: Object.keys(c.withheld),
  };
}
