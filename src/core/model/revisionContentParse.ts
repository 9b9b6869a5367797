// Validation of a revision's stored content (salt, body and any origin) read from a file.

import { canonicalJson, isIsoTimestamp, isSha256Hex, type RevisionContent, type RevisionOrigin } from '../evidence';
import type { Incident } from './incident';
import { parseIncident } from './incidentParse';
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

/**
 * A stored revision's content, rebuilt from known fields only. It must come out exactly as it
 * went in (canonically), or it could no longer match its hash: anything else is refused.
 */
export function parseRevisionContent(value: unknown): RevisionContent<Incident> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const salt = own(value, 'salt');
  if (own(value, 'v') !== 1 || typeof salt !== 'string' || !SALT.test(salt)) return null;
  const body = parseIncident(own(value, 'body'));
  if (!body.ok) return null;
  const originValue = own(value, 'origin');
  const origin = originValue === undefined ? undefined : parseOrigin(originValue);
  if (origin === null) return null;
  const content: RevisionContent<Incident> = { v: 1, salt, body: body.value, ...(origin ? { origin } : {}) };
  try {
    return canonicalJson(content) === canonicalJson(value) ? content : null;
  } catch {
    return null;
  }
}
