// Validation of a revision's stored content (salt or salts, body and any origin) read from a file.
// The body is an incident or (issue 16) a court order, as its `type` says.

import { canonicalJson, isIsoTimestamp, isSaltHex, isSha256Hex, type RevisionContent, type RevisionOrigin } from '../evidence';
import { parseEntryBody, type EntryBody } from './entryBody';
import { LATER_INCIDENT_KEYS } from './incident';
import type { IncidentIssue } from './incidentParse';
import { own } from './ownProperty';

export function parseOrigin(value: unknown): RevisionOrigin | null {
  if (typeof value !== 'object' || value === null) return null;
  const recordedAt = own(value, 'recordedAt');
  const contentHash = own(value, 'contentHash');
  const linkHash = own(value, 'linkHash');
  if (!isIsoTimestamp(recordedAt) || !isSha256Hex(contentHash) || !isSha256Hex(linkHash)) return null;
  return { recordedAt, contentHash, linkHash };
}

export type RevisionContentResult = { ok: true; content: RevisionContent<EntryBody> } | { ok: false; issues: IncidentIssue[] };

/**
 * A stored revision's content, rebuilt from known fields only. It must come out exactly as it
 * went in (canonically), or it could no longer match its hash: anything else is refused, with
 * what is wrong. Version 1 has one salt; version 2 one salt per field of the body, exactly its
 * keys. The body's problems keep the incident's own paths ("whatHappened"); problems of the
 * wrapping are at "content", "salt", "salts" (or "salts.<field>") and "origin".
 */
export function readRevisionContent(value: unknown): RevisionContentResult {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('content', 'wrong-type');
    const v = own(value, 'v');
    if (v !== 1 && v !== 2) return refuse('content', 'unknown-value');
    const salt = own(value, 'salt');
    if (v === 1 && !isSaltHex(salt)) return refuse('salt', 'bad-format');
    const body = parseEntryBody(own(value, 'body'));
    if (!body.ok) return { ok: false, issues: body.issues };
    // The later incident fields come all three or none, and never in version 1 content (written
    // before them): anything else could not be exported and read back as it is.
    const later = LATER_INCIDENT_KEYS.filter((key) => Object.hasOwn(body.value, key)).length;
    if (later !== 0 && (v === 1 || later !== LATER_INCIDENT_KEYS.length)) return refuse('body', 'not-canonical');
    const originValue = own(value, 'origin');
    const origin = originValue === undefined ? undefined : parseOrigin(originValue);
    if (origin === null) return refuse('origin', 'bad-format');
    const withOrigin = origin ? { origin } : {};
    let content: RevisionContent<EntryBody>;
    if (v === 1) {
      content = { v: 1, salt: salt as string, body: body.value, ...withOrigin };
    } else {
      const salts = readSalts(own(value, 'salts'), Object.keys(body.value));
      if (!salts.ok) return { ok: false, issues: salts.issues };
      content = { v: 2, salts: salts.salts, body: body.value, ...withOrigin };
    }
    // Anything the rebuild dropped or tidied (an unknown key, a body not in its saved form, a
    // salt for a field the body lacks) shows here.
    return canonicalJson(content) === canonicalJson(value) ? { ok: true, content } : refuse('content', 'not-canonical');
  } catch {
    // canonicalJson refuses values with no JSON form; a Proxy can throw from any access.
    return refuse('content', 'unreadable');
  }
}

/** A v2 content's salts: one for each of `fields` (32 lowercase hex), rebuilt in the body's key order. */
function readSalts(
  value: unknown,
  fields: readonly string[],
): { ok: true; salts: Record<string, string> } | { ok: false; issues: IncidentIssue[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, issues: [{ path: 'salts', code: 'wrong-type' }] };
  const issues: IncidentIssue[] = [];
  for (const field of fields) {
    const salt = own(value, field);
    if (salt === undefined) issues.push({ path: `salts.${field}`, code: 'required' });
    else if (!isSaltHex(salt)) issues.push({ path: `salts.${field}`, code: 'bad-format' });
  }
  const extra = Object.keys(value).filter((key) => !fields.includes(key));
  for (const key of extra) issues.push({ path: `salts.${key}`, code: 'unknown-value' });
  if (issues.length > 0) return { ok: false, issues };
  // fromEntries, not assignment: a field named "__proto__" must stay a field.
  return { ok: true, salts: Object.fromEntries(fields.map((field) => [field, own(value, field) as string])) };
}

function refuse(path: string, code: IncidentIssue['code']): RevisionContentResult {
  return { ok: false, issues: [{ path, code }] };
}

/** As readRevisionContent, without saying why: the content, or null. */
export function parseRevisionContent(value: unknown): RevisionContent<EntryBody> | null {
  const result = readRevisionContent(value);
  return result.ok ? result.content : null;
}
