// The JSON export: writing an ExportDocument out, and reading one back from a file that may
// have been made by anyone. Reading treats the input as hostile: own data properties only (no
// inherited values, no getters run), a fresh object built from the known fields only, sizes
// bounded before anything is read, and no exception ever escapes. Error details name the
// place in the document, never its content. The format is described in docs/export-format.md.
//
// Version 1 files read exactly as they always did. Version 2 files are read as strictly, and a
// version that leaves out other fields than the export's scope says (or leaves out what
// happened, when or what it involved) refuses the whole file ('scope-mismatch'): a reader would
// otherwise be shown less, or more, than the sender said.

import { LATER_INCIDENT_KEYS } from '../model/incident';
import { parseSavedResult, type SavedChecklistResult } from '../checklist/result';
import {
  canonicalJson,
  contentKey,
  isIsoTimestamp,
  isSaltHex,
  isSha256Hex,
  isWellFormedLink,
  MAX_PROOF_LENGTH,
  type ChainLink,
  type CommittedContent,
  type RevisionContentV1,
} from '../evidence';
import { BEHAVIOURS, isBehaviour, type Behaviour } from '../model/behaviours';
import { isCalendarDate } from '../model/calendarDate';
import type { Incident, IsoDate } from '../model/incident';
import { parseIncident } from '../model/incidentParse';
import { parseOrder } from '../model/orderParse';
import { ruleOf, type IncidentRule } from '../model/invalidIncident';
import { parseOrigin } from '../model/revisionContentParse';
import {
  ALWAYS_SHOWN,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  CORE_INCIDENT_KEYS,
  INCIDENT_KEYS,
  keysOfVersion,
  isOmittableField,
  OMITTABLE_FIELDS,
  withoutFields,
  type EarlierFingerprint,
  type ExportChainV2,
  type ExportDocument,
  type ExportDocumentV1,
  type ExportedLink,
  type ExportEntry,
  type ExportOrder,
  type ExportOrderRevision,
  type ExportRevision,
  type ExportScope,
  type OmittableField,
} from './exportDocument';
import { own } from '../model/ownProperty';
import { parseJsonWithin } from './jsonBudget';
import { rawExcerpt, type NotHeldPart, type SetAsideRecord, type VersionNotHeld } from './setAside';

/** Bounds on what is read; far above any real diary, well below what would exhaust memory. */
export const EXPORT_LIMITS = {
  /** Characters of JSON text given as a string. */
  jsonChars: 256 * 1024 * 1024,
  links: 100_000,
  entries: 50_000,
  /** Revisions over all entries together (each one has a link, so never more than links). */
  revisions: 100_000,
  checklists: 10_000,
  entryId: 256,
  /** Nesting of a complete revision's content: an incident is four levels deep. */
  contentDepth: 32,
  /** Items of any one list inside a revision's content or a checklist result. */
  contentList: 10_000,
  /** Earlier fingerprints in a version 2 file (one a month for centuries). */
  earlier: 10_000,
  /** Court orders in a version 2 file. */
  orders: 10_000,
  /** Versions over all orders together (each has a link, as incidents' versions do). */
  orderRevisions: 100_000,
} as const;

export type ExportParseError =
  | 'not-daybook-export'
  | 'newer-version'
  | 'invalid'
  /**
   * Version 2: a version leaves out other fields than the export's scope names, or leaves out
   * what happened, when or what it involved. The file says one thing and shows another.
   */
  | 'scope-mismatch'
  /** Text longer than EXPORT_LIMITS.jsonChars: refused on its length, before parsing. */
  | 'too-large';

/** A document as read: ExportDocument, with the versions whose content its maker did not hold. */
export type ReadExportDocument = ExportDocument & NotHeldPart;

export type ExportParseResult = { ok: true; document: ReadExportDocument } | { ok: false; code: ExportParseError; detail: string };

/** As ExportParseResult, with what was set aside (see parseExportDocumentSettingAside). */
export type SetAsideExportParseResult =
  | {
      ok: true;
      document: ReadExportDocument;
      setAside: SetAsideRecord[];
      /**
       * The content of each complete version set aside, exactly as carried (a plain copy), by
       * contentKey: for verifyExportDocument to match to its link's contentHash. A partial version,
       * or content with no single JSON form, has none, and so can never count as authentic.
       */
      setAsideContent: Map<string, unknown>;
    }
  | { ok: false; code: ExportParseError; detail: string };

/** The export as JSON text: 2-space indent, format and version first, newline at the end. */
export function serializeExportDocument(doc: ExportDocument & NotHeldPart): string {
  // Key order of the top level is fixed here so a person opening the file sees what it is
  // first. Inner key order does not matter: hashes are taken over canonical JSON.
  const ordered = {
    format: doc.format,
    version: doc.version,
    generatedAt: doc.generatedAt,
    scope: doc.scope,
    chain: doc.chain,
    entries: doc.entries,
    // Only when there are any (and only version 2 has them): a file without them reads as before.
    ...(doc.version === 2 && doc.orders && doc.orders.length > 0 ? { orders: doc.orders } : {}),
    // Only when there are any: a file without it reads as before everywhere.
    ...(doc.versionsNotHeld && doc.versionsNotHeld.length > 0 ? { versionsNotHeld: doc.versionsNotHeld } : {}),
    checklists: doc.checklists,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Thrown inside the reader only; parseExportDocument turns it into a result. */
class Invalid extends Error {
  constructor(
    readonly code: ExportParseError,
    readonly detail: string,
    /** The rule broken, for a revision or result that may be set aside. */
    readonly rule: IncidentRule = 'not-valid',
  ) {
    super(detail);
  }
}

/** How one read goes: refuse the whole document for any fault, or set aside what can be. */
interface ReadContext {
  /** Where set-aside records go; null when nothing may be set aside. */
  setAside: SetAsideRecord[] | null;
  /** The content of each complete version set aside, as carried (see SetAsideExportParseResult). */
  setAsideContent: Map<string, unknown>;
}

/** What reading a revision needs to know of the document around it. */
interface RevisionRules {
  version: 1 | 2;
  scope: ExportScope;
}

type Fields = object;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, problem: string, rule?: IncidentRule): never {
  throw new Invalid('invalid', `${path}: ${problem}`, rule);
}

/**
 * Runs `read`; if setting aside is allowed and it fails for the record's content (not for being
 * unreadable at all), notes why and gives undefined.
 */
function orSetAside<T>(context: ReadContext, read: () => T, aside: (rule: IncidentRule) => SetAsideRecord): T | undefined {
  if (context.setAside === null) return read();
  try {
    return read();
  } catch (error) {
    if (!(error instanceof Invalid) || error.code !== 'invalid') throw error;
    context.setAside.push(aside(error.rule));
    return undefined;
  }
}

function object(value: unknown, path: string): Fields {
  if (!isFields(value)) fail(path, 'must be an object');
  return value;
}

/** The items of a list of at most `max`; the length is checked before any item is read. */
function list(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be a list');
  const length = own(value, 'length');
  if (typeof length !== 'number' || length > max) fail(path, `more than ${max} items`);
  return Array.from({ length }, (_, i) => own(value, String(i)));
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
  return value;
}

function timestamp(value: unknown, path: string): string {
  if (!isIsoTimestamp(value)) fail(path, 'must be a timestamp as toISOString() writes it');
  return value;
}

/** An optional date; absent or '' (an open end) reads as undefined. */
function optionalDate(fields: Fields, key: string, path: string): IsoDate | undefined {
  const value = own(fields, key);
  if (value === undefined || value === '') return undefined;
  if (!isCalendarDate(value)) fail(path, 'must be a date as YYYY-MM-DD');
  return value;
}

function behaviours(value: unknown, path: string): Behaviour[] {
  const items = list(value, path, BEHAVIOURS.length * 4);
  items.forEach((item, i) => {
    if (!isBehaviour(item)) fail(`${path}[${i}]`, 'is not a known behaviour');
  });
  // In the order given (it is the sender's choice, shown as such), each once.
  return [...new Set(items.filter(isBehaviour))];
}

function omittedFields(value: unknown, path: string): OmittableField[] {
  const items = list(value, path, OMITTABLE_FIELDS.length * 4);
  items.forEach((item, i) => {
    if (!isOmittableField(item)) fail(`${path}[${i}]`, 'is not a field that can be left out');
  });
  return [...new Set(items.filter(isOmittableField))];
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  const setB = new Set(b);
  return new Set(a).size === setB.size && a.every((field) => setB.has(field));
}

/** The fields the scope leaves out that a version 1 revision has (it has none of the later ones). */
function coreOmitted(scope: ExportScope): OmittableField[] {
  return scope.omittedFields.filter((field) => (CORE_INCIDENT_KEYS as readonly string[]).includes(field));
}

function scopeMismatch(path: string, problem: string): never {
  throw new Invalid('scope-mismatch', `${path}: ${problem}`);
}

function readScope(value: unknown): ExportScope {
  const fields = object(value, 'scope');
  const from = optionalDate(fields, 'from', 'scope.from');
  const to = optionalDate(fields, 'to', 'scope.to');
  if (from !== undefined && to !== undefined && from > to) fail('scope.to', 'is before scope.from');
  return {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    behaviours: behaviours(own(fields, 'behaviours'), 'scope.behaviours'),
    pickedIncidents: boolean(own(fields, 'pickedIncidents'), 'scope.pickedIncidents'),
    omittedFields: omittedFields(own(fields, 'omittedFields'), 'scope.omittedFields'),
    attachmentsIncluded: boolean(own(fields, 'attachmentsIncluded'), 'scope.attachmentsIncluded'),
    checklistsIncluded: boolean(own(fields, 'checklistsIncluded'), 'scope.checklistsIncluded'),
  };
}

/** -0 read as 0: JSON writes both as 0, so what is accepted reads back the same once written. */
const withoutMinusZero = (value: unknown): unknown => (value === 0 ? 0 : value);

function readLink(value: unknown, path: string): ChainLink {
  const fields = object(value, path);
  const v = own(fields, 'v');
  const clock = own(fields, 'clock');
  const note = typeof clock === 'object' && clock !== null ? { kind: own(clock, 'kind') } : clock;
  const link = {
    // A version 2 link's `v` and clock note are part of its hash: kept exactly when present.
    ...(v === undefined ? {} : { v }),
    seq: withoutMinusZero(own(fields, 'seq')),
    entryId: own(fields, 'entryId'),
    revision: own(fields, 'revision'),
    kind: own(fields, 'kind'),
    recordedAt: own(fields, 'recordedAt'),
    contentHash: own(fields, 'contentHash'),
    prevHash: own(fields, 'prevHash'),
    hash: own(fields, 'hash'),
    ...(clock === undefined ? {} : { clock: note }),
  };
  if (!isWellFormedLink(link)) fail(path, 'is not a well-formed chain link');
  // A clock note is its kind alone: anything more would be carried along unhashed (and a
  // previous link's time is exactly what a version 2 file must not carry).
  if (typeof clock === 'object' && clock !== null && Reflect.ownKeys(clock).length !== 1) fail(`${path}.clock`, 'has unknown keys');
  return link;
}

function readChainV1(value: unknown): ExportDocumentV1['chain'] {
  const fields = object(value, 'chain');
  const links = list(own(fields, 'links'), 'chain.links', EXPORT_LIMITS.links).map((link, i) => readLink(link, `chain.links[${i}]`));
  const head = own(fields, 'head');
  if (!isSha256Hex(head)) fail('chain.head', 'must be 64 lowercase hex digits');
  return { links, head };
}

function hash(value: unknown, path: string): string {
  if (!isSha256Hex(value)) fail(path, 'must be 64 lowercase hex digits');
  return value;
}

/** A Merkle proof: at most MAX_PROOF_LENGTH hashes (a tree of 2^64 links needs no more). */
function proof(value: unknown, path: string): string[] {
  return list(value, path, MAX_PROOF_LENGTH).map((item, i) => hash(item, `${path}[${i}]`));
}

/** A count of links: a whole number from `min`. */
function size(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) fail(path, `must be a whole number from ${min}`);
  return value === 0 ? 0 : value;
}

function readExportedLink(value: unknown, path: string, treeSize: number, after: number): ExportedLink {
  const link = readLink(value, path);
  // Only versions are exported: a tombstone would tell of a deleted entry.
  if (link.kind !== 'revision') fail(`${path}.kind`, 'must be revision');
  if (link.seq >= treeSize) fail(`${path}.seq`, 'is beyond the size of the chain');
  if (link.seq <= after) fail(`${path}.seq`, 'must come after the link before');
  return { ...link, proof: proof(own(object(value, path), 'proof'), `${path}.proof`) };
}

function readEarlier(value: unknown, path: string, treeSize: number, after: number): EarlierFingerprint {
  const fields = object(value, path);
  const earlierSize = size(own(fields, 'size'), `${path}.size`, 1);
  if (earlierSize > treeSize) fail(`${path}.size`, 'is beyond the size of the chain');
  if (earlierSize <= after) fail(`${path}.size`, 'must come after the one before');
  return {
    size: earlierSize,
    root: hash(own(fields, 'root'), `${path}.root`),
    sharedAt: timestamp(own(fields, 'sharedAt'), `${path}.sharedAt`),
    proof: proof(own(fields, 'proof'), `${path}.proof`),
  };
}

function readChainV2(value: unknown): ExportChainV2 {
  const fields = object(value, 'chain');
  const treeSize = size(own(fields, 'size'), 'chain.size', 0);
  const root = hash(own(fields, 'root'), 'chain.root');
  const rawLinks = list(own(fields, 'links'), 'chain.links', EXPORT_LIMITS.links);
  const rawEarlier = list(own(fields, 'earlier'), 'chain.earlier', EXPORT_LIMITS.earlier);
  let seq = -1;
  const links = rawLinks.map((item, i) => {
    const link = readExportedLink(item, `chain.links[${i}]`, treeSize, seq);
    seq = link.seq;
    return link;
  });
  let previous = 0;
  const earlier = rawEarlier.map((item, i) => {
    const read = readEarlier(item, `chain.earlier[${i}]`, treeSize, previous);
    previous = read.size;
    return read;
  });
  return { size: treeSize, root, links, earlier };
}

/** A key in an error detail; a key that is not a plain name could be someone's text. */
function keyPath(path: string, key: string): string {
  return /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(key) ? `${path}.${key}` : `${path}.<key>`;
}

/**
 * A copy of plain JSON data: own data properties of plain objects and arrays, finite numbers,
 * strings, booleans and null. Anything else (a getter, a class instance, a symbol key,
 * undefined, nesting deeper than `depth`) fails, since it has no single canonical form.
 */
function plainCopy(value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, 'holds a number JSON cannot carry');
    return withoutMinusZero(value);
  }
  if (typeof value !== 'object') fail(path, 'holds something JSON cannot carry');
  if (depth <= 0) fail(path, 'is nested too deeply');
  if (Array.isArray(value))
    return list(value, path, EXPORT_LIMITS.contentList).map((item, i) => plainCopy(item, `${path}[${i}]`, depth - 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(path, 'is not plain data');
  // A prototype-less object, so that a key named "__proto__" is copied as data.
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') fail(path, 'has a symbol key');
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !('value' in descriptor)) fail(path, 'has an accessor');
    if (descriptor.enumerable !== true) continue;
    copy[key] = plainCopy(descriptor.value, keyPath(path, key), depth - 1);
  }
  return copy;
}

/**
 * The salted content of a complete revision. Its hash must still match the chain, so it must
 * come out exactly as it went in: it is validated like any incident, and accepted only if the
 * validated copy has the same canonical JSON as what was given (no unknown keys, no value that
 * validation would have tidied up). Anything else could never verify and is refused here.
 */
function readContent(value: unknown, path: string): RevisionContentV1<Incident> {
  const given = plainCopy(value, path, EXPORT_LIMITS.contentDepth);
  const fields = object(given, path);
  if (own(fields, 'v') !== 1) fail(`${path}.v`, 'must be 1');
  const salt = own(fields, 'salt');
  if (!isSaltHex(salt)) fail(`${path}.salt`, 'must be 32 lowercase hex digits');
  const parsed = parseIncident(own(fields, 'body'));
  if (!parsed.ok) fail(`${path}.body`, parsed.errors.slice(0, 5).join('; '), ruleOf(parsed.issues));
  // Version 1 content was written before the later fields: one that has any is not a saved revision.
  if (hasLaterFields(parsed.value)) fail(`${path}.body`, 'is not exactly a saved revision, so it cannot match its hash');
  const originValue = own(fields, 'origin');
  const origin = originValue === undefined ? undefined : parseOrigin(originValue);
  if (origin === null) fail(`${path}.origin`, 'must say when and where an imported revision was first written');
  const content: RevisionContentV1<Incident> = { v: 1, salt, body: parsed.value, ...(origin ? { origin } : {}) };
  if (canonicalJson(content) !== canonicalJson(given)) fail(path, 'is not exactly a saved revision, so it cannot match its hash');
  return content;
}

/** Whether an incident holds any of the fields that came with issue 16. */
function hasLaterFields(incident: object): boolean {
  return LATER_INCIDENT_KEYS.some((key) => Object.hasOwn(incident, key));
}

/** A revision's place: its number and when it was written. Without these it cannot even be set aside. */
function readRevisionPlace(value: unknown, path: string): { fields: Fields; revision: number; recordedAt: string } {
  const fields = object(value, path);
  const revision = own(fields, 'revision');
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1)
    fail(`${path}.revision`, 'must be a whole number from 1');
  const recordedAt = timestamp(own(fields, 'recordedAt'), `${path}.recordedAt`);
  return { fields, revision, recordedAt };
}

const INCIDENT_KEY_SET: ReadonlySet<string> = new Set(INCIDENT_KEYS);
const COMMITTED_KEYS: ReadonlySet<string> = new Set(['v', 'fields', 'withheld', 'origin']);

/** Own string keys of plain data (plainCopy has refused symbols and accessors). */
function keysOf(fields: Fields): string[] {
  return Object.keys(fields);
}

/**
 * Which fields a committed version shows and which it leaves out, checked against the scope
 * before anything else is read: a version that disagrees with its file's scope refuses the file,
 * even where a rule of its content would only have set it aside.
 */
function committedShape(fields: Fields, path: string, scope: ExportScope): { shown: Fields; withheld: Fields } {
  for (const key of keysOf(fields)) if (!COMMITTED_KEYS.has(key)) fail(keyPath(path, key), 'is not part of a committed version');
  if (own(fields, 'v') !== 2) fail(`${path}.v`, 'must be 2');
  const shown = object(own(fields, 'fields'), `${path}.fields`);
  const withheld = object(own(fields, 'withheld'), `${path}.withheld`);
  const shownKeys = keysOf(shown);
  const withheldKeys = keysOf(withheld);
  for (const key of shownKeys) if (!INCIDENT_KEY_SET.has(key)) fail(keyPath(`${path}.fields`, key), 'is not a field of an incident');
  for (const key of withheldKeys) if (!INCIDENT_KEY_SET.has(key)) fail(keyPath(`${path}.withheld`, key), 'is not a field of an incident');
  if (withheldKeys.some((key) => Object.hasOwn(shown, key))) fail(path, 'both shows and leaves out a field');
  // Every core field, and the later ones (issue 16) all or none: a version has one set or the other.
  const keys = keysOfVersion([...shownKeys, ...withheldKeys]);
  if (shownKeys.length + withheldKeys.length !== keys.length) fail(path, 'does not account for every field of an incident');
  if (ALWAYS_SHOWN.some((key) => Object.hasOwn(withheld, key)))
    scopeMismatch(`${path}.withheld`, 'leaves out what happened, when, or what it involved');
  // A version without the later fields has no private notes (or who was told) to leave out.
  const leftHere = scope.omittedFields.filter((field) => (keys as readonly string[]).includes(field));
  if (!sameFields(withheldKeys, leftHere)) scopeMismatch(`${path}.withheld`, 'leaves out other fields than the scope says');
  return { shown, withheld };
}

/**
 * A version 2 revision's committed content. The shown values must make an incident with the
 * fields left out blanked, exactly as given (no value validation would tidy up), or they could
 * not match their commitments; the salts and commitments must be well formed. Whether they
 * match the link is the verifier's to say.
 */
function readCommitted(value: unknown, path: string, scope: ExportScope): CommittedContent {
  const given = plainCopy(value, path, EXPORT_LIMITS.contentDepth);
  const fields = object(given, path);
  const { shown, withheld } = committedShape(fields, path, scope);
  const values: Record<string, unknown> = {};
  const salts: Record<string, string> = {};
  for (const key of keysOf(shown)) {
    const entryPath = `${path}.fields.${key}`;
    const entry = object(own(shown, key), entryPath);
    if (keysOf(entry).length !== 2 || !Object.hasOwn(entry, 'value')) fail(entryPath, 'must hold exactly a salt and a value');
    const salt = own(entry, 'salt');
    if (!isSaltHex(salt)) fail(`${entryPath}.salt`, 'must be 32 lowercase hex digits');
    salts[key] = salt;
    values[key] = own(entry, 'value');
  }
  const commitments: Record<string, string> = {};
  for (const key of keysOf(withheld)) commitments[key] = hash(own(withheld, key), `${path}.withheld.${key}`);
  const left = scope.omittedFields;
  const parsed = parseIncident(withoutFields(values as unknown as Incident, left));
  if (!parsed.ok) fail(`${path}.fields`, parsed.errors.slice(0, 5).join('; '), ruleOf(parsed.issues));
  const incident: Record<string, unknown> = { ...parsed.value };
  for (const key of keysOf(shown)) {
    if (canonicalJson(incident[key]) !== canonicalJson(values[key]))
      fail(`${path}.fields.${key}`, 'is not exactly a saved value, so it cannot match its commitment');
  }
  const originValue = own(fields, 'origin');
  const origin = originValue === undefined ? undefined : parseOrigin(originValue);
  if (origin === null || (origin !== undefined && canonicalJson(origin) !== canonicalJson(originValue)))
    fail(`${path}.origin`, 'must say when and where an imported revision was first written');
  return {
    v: 2,
    fields: Object.fromEntries(keysOf(shown).map((key) => [key, { salt: salts[key] ?? '', value: incident[key] }])),
    withheld: commitments,
    ...(origin ? { origin } : {}),
  };
}

function readRevision(fields: Fields, path: string, revision: number, recordedAt: string, rules: RevisionRules): ExportRevision {
  const kind = own(fields, 'kind');
  const { scope } = rules;
  if (kind === 'committed' && rules.version === 2) {
    return { revision, recordedAt, kind, content: readCommitted(own(fields, 'content'), `${path}.content`, scope) };
  }
  if (kind === 'complete') {
    // Version 2: a whole version shown while the scope says fields were left out.
    if (rules.version === 2 && coreOmitted(scope).length > 0)
      scopeMismatch(`${path}.kind`, 'shows every field, but the scope leaves some out');
    return { revision, recordedAt, kind, content: readContent(own(fields, 'content'), `${path}.content`) };
  }
  if (kind === 'partial') {
    const left = omittedFields(own(fields, 'omittedFields'), `${path}.omittedFields`);
    // Version 1 files are read as they always were; version 2 holds each version to the scope.
    if (rules.version === 2 && (left.length === 0 || !sameFields(left, coreOmitted(scope))))
      scopeMismatch(`${path}.omittedFields`, 'are not the fields the scope leaves out');
    const parsed = parseIncident(own(fields, 'incident'));
    if (!parsed.ok) fail(`${path}.incident`, parsed.errors.slice(0, 5).join('; '), ruleOf(parsed.issues));
    // A partial version is version 1 content, written before the later fields.
    if (hasLaterFields(parsed.value)) fail(`${path}.incident`, 'is not a version written before the later fields');
    return { revision, recordedAt, kind, incident: parsed.value, omittedFields: left };
  }
  return fail(`${path}.kind`, rules.version === 2 ? 'must be committed, complete or partial' : 'must be complete or partial');
}

/**
 * A complete or committed revision's content exactly as carried, if it is plain JSON data; else
 * undefined (it cannot be hashed).
 */
function carriedContent(fields: Fields, path: string): unknown {
  const kind = own(fields, 'kind');
  if (kind !== 'complete' && kind !== 'committed') return undefined;
  try {
    return plainCopy(own(fields, 'content'), `${path}.content`, EXPORT_LIMITS.contentDepth);
  } catch (error) {
    if (error instanceof Invalid) return undefined;
    throw error;
  }
}

/** The opening words of a revision as it came, in any form, for saying which was set aside. */
function revisionExcerpt(fields: Fields): string | undefined {
  const content = own(fields, 'content');
  if (content === undefined) return rawExcerpt({ body: own(fields, 'incident') });
  if (own(fields, 'kind') !== 'committed' || typeof content !== 'object' || content === null) return rawExcerpt(content);
  const shown = own(content, 'fields');
  const whatHappened = typeof shown === 'object' && shown !== null ? own(shown, 'whatHappened') : undefined;
  const text = typeof whatHappened === 'object' && whatHappened !== null ? own(whatHappened, 'value') : undefined;
  return rawExcerpt({ body: { whatHappened: text } });
}

function readEntries(value: unknown, context: ReadContext, rules: RevisionRules, ids = new Set<string>()): ExportEntry[] {
  const items = list(value, 'entries', EXPORT_LIMITS.entries);
  // Every entry's list of revisions is sized up before any revision is read.
  let revisionCount = 0;
  const rawEntries = items.map((item, i) => {
    const path = `entries[${i}]`;
    const fields = object(item, path);
    const revisions = list(own(fields, 'revisions'), `${path}.revisions`, EXPORT_LIMITS.revisions - revisionCount);
    if (revisions.length === 0) fail(`${path}.revisions`, 'must hold at least one revision');
    revisionCount += revisions.length;
    return { path, id: own(fields, 'id'), revisions };
  });
  const entries: ExportEntry[] = [];
  for (const { path, id, revisions: rawRevisions } of rawEntries) {
    if (typeof id !== 'string' || id.length === 0 || id.length > EXPORT_LIMITS.entryId) fail(`${path}.id`, 'must be an entry id');
    if (ids.has(id)) fail(`${path}.id`, 'is repeated');
    ids.add(id);
    let previous = 0;
    const revisions: ExportRevision[] = [];
    rawRevisions.forEach((raw, j) => {
      const revisionPath = `${path}.revisions[${j}]`;
      const { fields, revision, recordedAt } = readRevisionPlace(raw, revisionPath);
      if (revision <= previous) fail(`${revisionPath}.revision`, 'must come after the one before');
      previous = revision;
      const read = orSetAside(
        context,
        () => readRevision(fields, revisionPath, revision, recordedAt, rules),
        (rule) => {
          const excerpt = revisionExcerpt(fields);
          const content = carriedContent(fields, revisionPath);
          if (content !== undefined) context.setAsideContent.set(contentKey(id, revision), content);
          return { record: 'revision', entryId: id, revision, recordedAt, ...(excerpt === undefined ? {} : { excerpt }), rule };
        },
      );
      if (read) revisions.push(read);
    });
    // An entry whose every version was set aside has nothing left to show.
    if (revisions.length > 0) entries.push({ id, revisions });
  }
  return entries;
}

const ORDER_KEYS: ReadonlySet<string> = new Set([
  'type',
  'kind',
  'title',
  'court',
  'madeOn',
  'servedOn',
  'expiresOn',
  'attachments',
  'conditions',
]);

/**
 * A version of an order: committed content with every field shown (orders are never left out in
 * part) whose values make an order exactly as parseOrder gives it back, or they could not match
 * their commitments. Whether they match the link is the verifier's to say.
 */
function readOrderContent(value: unknown, path: string): CommittedContent {
  const given = plainCopy(value, path, EXPORT_LIMITS.contentDepth);
  const fields = object(given, path);
  for (const key of keysOf(fields)) if (!COMMITTED_KEYS.has(key)) fail(keyPath(path, key), 'is not part of a committed version');
  if (own(fields, 'v') !== 2) fail(`${path}.v`, 'must be 2');
  const shown = object(own(fields, 'fields'), `${path}.fields`);
  if (keysOf(object(own(fields, 'withheld'), `${path}.withheld`)).length > 0)
    fail(`${path}.withheld`, 'must be empty: an order always goes out whole');
  const values: Record<string, unknown> = {};
  const salts: Record<string, string> = {};
  for (const key of keysOf(shown)) {
    if (!ORDER_KEYS.has(key)) fail(keyPath(`${path}.fields`, key), 'is not a field of an order');
    const entryPath = `${path}.fields.${key}`;
    const entry = object(own(shown, key), entryPath);
    if (keysOf(entry).length !== 2 || !Object.hasOwn(entry, 'value')) fail(entryPath, 'must hold exactly a salt and a value');
    const salt = own(entry, 'salt');
    if (!isSaltHex(salt)) fail(`${entryPath}.salt`, 'must be 32 lowercase hex digits');
    salts[key] = salt;
    values[key] = own(entry, 'value');
  }
  const parsed = parseOrder(values);
  if (!parsed.ok) fail(`${path}.fields`, parsed.errors.slice(0, 5).join('; '));
  const order: Record<string, unknown> = { ...parsed.value };
  if (!sameFields(keysOf(order), keysOf(shown))) fail(`${path}.fields`, 'must be exactly the fields of a saved order');
  for (const key of keysOf(shown)) {
    if (canonicalJson(order[key]) !== canonicalJson(values[key]))
      fail(`${path}.fields.${key}`, 'is not exactly a saved value, so it cannot match its commitment');
  }
  const originValue = own(fields, 'origin');
  const origin = originValue === undefined ? undefined : parseOrigin(originValue);
  if (origin === null || (origin !== undefined && canonicalJson(origin) !== canonicalJson(originValue)))
    fail(`${path}.origin`, 'must say when and where an imported revision was first written');
  return {
    v: 2,
    fields: Object.fromEntries(keysOf(shown).map((key) => [key, { salt: salts[key] ?? '', value: order[key] }])),
    withheld: {},
    ...(origin ? { origin } : {}),
  };
}

/**
 * A version 2 file's orders (absent in files from before them). Read strictly, even where an
 * incident's version could be set aside: an order is a single statement of what was ordered, and
 * breaches name it. Every list is sized up before any version is read.
 */
function readOrders(value: unknown, entryIds: ReadonlySet<string>): ExportOrder[] | undefined {
  if (value === undefined) return undefined;
  const items = list(value, 'orders', EXPORT_LIMITS.orders);
  let revisionCount = 0;
  const raw = items.map((item, i) => {
    const path = `orders[${i}]`;
    const fields = object(item, path);
    const revisions = list(own(fields, 'revisions'), `${path}.revisions`, EXPORT_LIMITS.orderRevisions - revisionCount);
    if (revisions.length === 0) fail(`${path}.revisions`, 'must hold at least one revision');
    revisionCount += revisions.length;
    return { path, id: own(fields, 'id'), revisions };
  });
  const ids = new Set<string>();
  return raw.map(({ path, id, revisions }): ExportOrder => {
    if (typeof id !== 'string' || id.length === 0 || id.length > EXPORT_LIMITS.entryId) fail(`${path}.id`, 'must be an entry id');
    // An entry id names one entry, an incident or an order.
    if (ids.has(id) || entryIds.has(id)) fail(`${path}.id`, 'is repeated');
    ids.add(id);
    let previous = 0;
    return {
      id,
      revisions: revisions.map((item, j): ExportOrderRevision => {
        const revisionPath = `${path}.revisions[${j}]`;
        const { fields, revision, recordedAt } = readRevisionPlace(item, revisionPath);
        if (revision <= previous) fail(`${revisionPath}.revision`, 'must come after the one before');
        previous = revision;
        if (own(fields, 'kind') !== 'committed') fail(`${revisionPath}.kind`, 'must be committed');
        return { revision, recordedAt, kind: 'committed', content: readOrderContent(own(fields, 'content'), `${revisionPath}.content`) };
      }),
    };
  });
}

function readChecklists(value: unknown, context: ReadContext): SavedChecklistResult[] {
  const results: SavedChecklistResult[] = [];
  list(value, 'checklists', EXPORT_LIMITS.checklists).forEach((item, i) => {
    const read = orSetAside(
      context,
      () => {
        // parseSavedResult reads properties directly; give it inert data.
        const result = parseSavedResult(plainCopy(item, `checklists[${i}]`, EXPORT_LIMITS.contentDepth));
        if (result === null) fail(`checklists[${i}]`, 'is not a saved checklist result');
        return result;
      },
      (rule) => {
        const id = isFields(item) ? own(item, 'id') : undefined;
        const savedAt = isFields(item) ? own(item, 'savedAt') : undefined;
        return {
          record: 'checklist',
          ...(typeof id === 'string' && id !== '' && id.length <= EXPORT_LIMITS.entryId ? { id } : {}),
          ...(isIsoTimestamp(savedAt) ? { savedAt } : {}),
          rule,
        };
      },
    );
    if (read) results.push(read);
  });
  return results;
}

/** Versions whose content the document's maker did not hold (absent in files before it existed). */
function readVersionsNotHeld(value: unknown): VersionNotHeld[] | undefined {
  if (value === undefined) return undefined;
  return list(value, 'versionsNotHeld', EXPORT_LIMITS.revisions).map((item, i) => {
    const path = `versionsNotHeld[${i}]`;
    const fields = object(item, path);
    const entryId = own(fields, 'entryId');
    if (typeof entryId !== 'string' || entryId.length === 0 || entryId.length > EXPORT_LIMITS.entryId)
      fail(`${path}.entryId`, 'must be an entry id');
    const { revision, recordedAt } = readRevisionPlace(fields, path);
    return { entryId, revision, recordedAt };
  });
}

function readDocument(value: unknown, context: ReadContext): ReadExportDocument {
  if (!isFields(value) || own(value, 'format') !== EXPORT_FORMAT) {
    throw new Invalid('not-daybook-export', 'format: is not daybook-export');
  }
  const version = own(value, 'version');
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) fail('version', 'must be a whole number from 1');
  // A newer version may mean something different by the same fields: refuse, never guess.
  if (version > EXPORT_VERSION) throw new Invalid('newer-version', `version: ${version} is newer than ${EXPORT_VERSION}`);
  const versionsNotHeld = readVersionsNotHeld(own(value, 'versionsNotHeld'));
  const generatedAt = timestamp(own(value, 'generatedAt'), 'generatedAt');
  const scope = readScope(own(value, 'scope'));
  const notHeld = versionsNotHeld === undefined || versionsNotHeld.length === 0 ? {} : { versionsNotHeld };
  if (version === 1) {
    const chain = readChainV1(own(value, 'chain'));
    const entries = readEntries(own(value, 'entries'), context, { version: 1, scope });
    const checklists = readChecklists(own(value, 'checklists'), context);
    return { format: EXPORT_FORMAT, version: 1, generatedAt, scope, chain, entries, checklists, ...notHeld };
  }
  const chain = readChainV2(own(value, 'chain'));
  const entryIds = new Set<string>();
  const entries = readEntries(own(value, 'entries'), context, { version: 2, scope }, entryIds);
  const orders = readOrders(own(value, 'orders'), entryIds);
  const checklists = readChecklists(own(value, 'checklists'), context);
  return {
    format: EXPORT_FORMAT,
    version: 2,
    generatedAt,
    scope,
    chain,
    entries,
    ...(orders === undefined || orders.length === 0 ? {} : { orders }),
    checklists,
    ...notHeld,
  };
}

/**
 * Reads an export from a file's text, or from the value JSON.parse made of it. Validates
 * every field and returns a fresh document, or says why not. Never throws.
 */
export function parseExportDocument(input: unknown): ExportParseResult {
  const result = read(input, { setAside: null, setAsideContent: new Map() });
  return result.ok ? { ok: true, document: result.document } : result;
}

/**
 * As parseExportDocument, but a revision or checklist result whose content breaks a rule (text
 * too long, a field Daybook cannot read, content that is not exactly a saved revision) is set
 * aside and listed, with why, instead of refusing the whole document. Its entry keeps its other
 * versions; its link stays in the chain. Anything else wrong (the document's shape, a link, a
 * revision's number or time, a limit on sizes) still refuses the document. For readers of files
 * whose bytes were authenticated, so what is set aside is what the file's maker wrote.
 */
export function parseExportDocumentSettingAside(input: unknown): SetAsideExportParseResult {
  return read(input, { setAside: [], setAsideContent: new Map() });
}

function read(input: unknown, context: ReadContext): SetAsideExportParseResult {
  try {
    let value = input;
    if (typeof input === 'string') {
      // Length and nesting are checked before JSON.parse allocates anything (jsonBudget.ts).
      const parsed = parseJsonWithin(input, { maxChars: EXPORT_LIMITS.jsonChars });
      if (!parsed.ok) {
        if (parsed.reason === 'too-large') return { ok: false, code: 'too-large', detail: 'file: too large' };
        if (parsed.reason === 'too-deep') return { ok: false, code: 'invalid', detail: 'file: nested too deeply' };
        // Not JSON at all: some other kind of file.
        return { ok: false, code: 'not-daybook-export', detail: 'file: is not JSON' };
      }
      value = parsed.value;
    }
    const document = readDocument(value, context);
    return { ok: true, document, setAside: context.setAside ?? [], setAsideContent: context.setAsideContent };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, code: error.code, detail: error.detail };
    // A Proxy or other exotic object can throw from any property access; deep nesting can
    // overflow the stack.
    return { ok: false, code: 'invalid', detail: 'document: could not be read' };
  }
}
