// Turning an opened inbox item into part of an incident (issue 17 point 2): a note becomes the
// incident's text, a file an attachment that keeps the time it was received and its SHA-256.

import { utf8Decode } from '../crypto/encoding';
import { readBytes } from '../store/attachments/readBytes';
import { emptyIncident, INCIDENT_LIMITS, type AttachmentRef, type Incident } from '../model/incident';
import type { AttachmentStore } from '../store/attachmentStore';
import { inboxDamaged, InboxError } from './errors';
import type { InboxStore } from './inbox';
import type { InboxItemMeta } from './seal';

/** What an item gives an incident. */
export type InboxContribution = { kind: 'note'; text: string; receivedAt: string } | { kind: 'file'; ref: AttachmentRef };

/** Whether an item is a note (its text goes into the incident's text) rather than a file. */
export function isNote(meta: InboxItemMeta): boolean {
  return meta.via === 'quick-note' || (meta.name === '' && meta.type === 'text/plain' && meta.size <= INCIDENT_LIMITS.longText);
}

/**
 * Reads an item (checked: inbox.ts read) and makes it ready to add: a note's text, or the file
 * stored as an attachment (encrypted under the data key) whose ref carries `receivedAt`. The
 * file's SHA-256 as stored must be the one taken when it was sealed. The item stays in the inbox
 * (remove it once the incident is saved); a file stored here is removed again if this fails.
 */
export async function takeFromInbox(inbox: InboxStore, attachments: AttachmentStore, id: string): Promise<InboxContribution> {
  const { meta, bytes } = await inbox.read(id);
  if (isNote(meta)) return { kind: 'note', text: utf8Decode(await readBytes(bytes)), receivedAt: meta.receivedAt };
  const ref = await attachments.save(bytes, meta.name);
  if (ref.sha256 !== meta.sha256) {
    await attachments.remove(ref.id);
    throw inboxDamaged('stored file differs from what was sealed');
  }
  return { kind: 'file', ref: { ...ref, receivedAt: meta.receivedAt } };
}

/** A new incident from an item: it happened when it was received (device clock, local time). */
export function incidentFrom(contribution: InboxContribution): Incident {
  if (contribution.kind === 'note') {
    return { ...emptyIncident(new Date(contribution.receivedAt)), whatHappened: contribution.text.slice(0, INCIDENT_LIMITS.longText) };
  }
  return { ...emptyIncident(new Date(contribution.ref.receivedAt ?? Date.now())), attachments: [contribution.ref] };
}

/** An existing incident with an item added: a note after its text (a blank line between), a file to its attachments. */
export function incidentWith(incident: Incident, contribution: InboxContribution): Incident {
  if (contribution.kind === 'note') {
    const whatHappened = incident.whatHappened.trim() === '' ? contribution.text : `${incident.whatHappened}\n\n${contribution.text}`;
    if (whatHappened.length > INCIDENT_LIMITS.longText) throw new InboxError('inbox/too-large', 'The text would be too long');
    return { ...incident, whatHappened };
  }
  if (incident.attachments.length >= INCIDENT_LIMITS.attachments) throw new InboxError('inbox/too-large', 'Too many attachments');
  return { ...incident, attachments: [...incident.attachments, contribution.ref] };
}
