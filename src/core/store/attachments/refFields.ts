import { INCIDENT_LIMITS } from '../../model/incident';

// The ref is stored inside the incident and checked again when a backup or package is imported:
// keep its fields within the limits that check applies, so a saved ref always re-imports.

const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/;

/** The browser's media type, or '' when it reported none or something unusable. */
export function refType(type: string): string {
  const bare = type.split(';')[0]?.trim() ?? '';
  return bare.length <= INCIDENT_LIMITS.mimeType && MEDIA_TYPE.test(bare) ? bare : '';
}

/** The file name, cut (never mid-character) to the longest name an incident may hold. */
export function refName(name: string): string {
  if (name.length <= INCIDENT_LIMITS.shortText) return name;
  let out = '';
  for (const character of name) {
    if (out.length + character.length > INCIDENT_LIMITS.shortText) break;
    out += character;
  }
  return out;
}
