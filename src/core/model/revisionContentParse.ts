// Validation of a revision's stored content (salt, body and any origin) read from a file.

import { canonicalJson, isIsoTimestamp, isSha256Hex, type RevisionContent, type RevisionOrigin } from '../evidence';
import type { Incident } from './incident';
import { parseIncident, type IncidentIssue } from './incidentParse';
import { own } from './ownProperty';

const SALT = /^[0-9a-f]{32}$/;

export function parseOrigin(value: unknown): RevisionOrigin | null {
  if (typeof value !== 'object' || value === null) return null;
  const recordedAt = own(value, 'recordedAt');
  const contentHash = own(value, 'contentHash');
  const linkHash = own(value, 'linkHash');
  if (!isIsoTimestamp(recordedAt) || !isSha256Hex(contentHash) || !isSha256Hex(linkHash)) return null;
  return { recordedAt, contentHash, linkHash };
}

export type RevisionContentResult = { ok: true; content: RevisionContent<Incident> } | { ok: false; issues: IncidentIssue[] };

/**
 * A stored revision's content, rebuilt from known fields only. It must come out exactly as it
 * went in (canonically), or it could no longer match its hash: anything else is refused, with
 * what is wrong. The body's problems keep the incident's own paths ("whatHappened"); problems of
 * the wrapping are at "content", "salt" and "origin".
 */
export function readRevisionContent(value: unknown): RevisionContentResult {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('content', 'wrong-type');
    const salt = own(value, 'salt');
    if (own(value, 'v') !== 1) return refuse('content', 'unknown-value');
    if (typeof salt !== 'string' || !SALT.test(salt)) return refuse('salt', 'bad-format');
    const body = parseIncident(own(value, 'body'));
    if (!body.ok) return { ok: false, issues: body.issues };
    const originValue = own(value, 'origin');
    const origin = originValue === undefined ? undefined : parseOrigin(originValue);
    if (origin === null) return refuse('origin', 'bad-format');
    const content: RevisionContent<Incident> = { v: 1, salt, body: body.value, ...(origin ? { origin } : {}) };
    return canonicalJson(content) === canonicalJson(value) ? { ok: true, content } : refuse('content', 'not-canonical');
  } catch {
    // canonicalJson refuses values with no JSON form; a Proxy can throw from any access.
    return refuse('content', 'unreadable');
  }
}

function refuse(path: string, code: IncidentIssue['code']): RevisionContentResult {
  return { ok: false, issues: [{ path, code }] };
}

/** As readRevisionContent, without saying why: the content, or null. */
export function parseRevisionContent(value: unknown): RevisionContent<Incident> | null {
  const result = readRevisionContent(value);
  return result.ok ? result.content : null;
}
