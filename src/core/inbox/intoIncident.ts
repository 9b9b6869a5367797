// Turning an opened inbox item into part of an incident (issue 17 point 2): a note becomes the
// incident's text, a file an attachment that keeps the time it was received and its SHA-256.

import { utf8Decode } from '../crypto/encoding';
import { readBytes } from '../store/attachments/readBytes';
import { emptyIncident, INCIDENT_LIMITS, type AttachmentRef, type Incident } from '../model/incident';
import type { AttachmentStore } from '../store/attachmentStore';
import { inboxDamaged, InboxError, inboxLive } from './errors';
import { isInterrupted, type InboxStore } from './inbox';
import type { InboxItemMeta } from './seal';
import { liveStreamIds } from './stream';

/** What an item gives an incident. */
export type InboxContribution = { kind: 'note'; text: string; receivedAt: string } | { kind: 'file'; ref: AttachmentRef };

/** Whether an item is a note (its text goes into the incident's text) rather than a file. */
export function isNote(meta: InboxItemMeta): boolean {
  return (
    meta.via === 'quick-note' ||
    (meta.via === 'share' && meta.name === '' && meta.type === 'text/plain' && meta.size <= INCIDENT_LIMITS.longText)
  );
}

/** How a file reached Daybook, as its attachment records it. */
function receivedVia(meta: InboxItemMeta): NonNullable<AttachmentRef['receivedVia']> {
  return meta.via === 'recording' || meta.via === 'camera' ? meta.via : 'share';
}

/**
 * Reads an item (checked: inbox.ts read) and makes it ready to add: a note's text, or the file
 * stored as an attachment (encrypted under the data key) whose ref carries `receivedAt`. The
 * file's SHA-256 as stored must be the one taken when it was sealed. The item stays in the inbox
 * (remove it once the incident is saved); a file stored here is removed again if this fails.
 */
export async function takeFromInbox(inbox: InboxStore, attachments: AttachmentStore, id: string): Promise<InboxContribution> {
  // A recording still being written would go on writing into an item that is gone.
  if ((await liveStreamIds()).has(id)) throw inboxLive();
  const { meta, bytes } = await inbox.read(id);
  if (isNote(meta)) return { kind: 'note', text: utf8Decode(await readBytes(bytes)), receivedAt: meta.receivedAt };
  const ref = await attachments.save(bytes, meta.name);
  if (ref.sha256 !== meta.sha256) {
    await attachments.remove(ref.id);
    throw inboxDamaged('stored file differs from what was sealed');
  }
  const via = receivedVia(meta);
  // Not live (checked above) yet never stopped: cut off, and the attachment keeps saying so.
  const interrupted = via === 'recording' && isInterrupted({ id, status: 'ok', meta });
  return { kind: 'file', ref: { ...ref, receivedAt: meta.receivedAt, receivedVia: via, ...(interrupted ? { interrupted: true } : {}) } };
}

/** A new incident from an item: it happened when it was received (device clock, local time). */
export function incidentFrom(contribution: InboxContribution): Incident {
  if (contribution.kind === 'note') {
    return { ...emptyIncident(new Date(contribution.receivedAt)), whatHappened: contribution.text.slice(0, INCIDENT_LIMITS.longText) };
  }
  return { ...emptyIncident(new Date(contribution.ref.receivedAt ?? Date.now())), attachments: [contribution.ref] };
}

/**
 * An existing incident with an item added: a file to its attachments; a note after its text (a
 * blank line between), under `noteHeading` when given: a line saying when the note was received
 * (the screen words it, with the device-clock time), so that time stays with the words.
 */
export function incidentWith(incident: Incident, contribution: InboxContribution, noteHeading?: string): Incident {
  if (contribution.kind === 'note') {
    const note = noteHeading ? `${noteHeading}\n${contribution.text}` : contribution.text;
    const whatHappened = incident.whatHappened.trim() === '' ? note : `${incident.whatHappened}\n\n${note}`;
    if (whatHappened.length > INCIDENT_LIMITS.longText) throw new InboxError('inbox/too-large', 'The text would be too long');
    return { ...incident, whatHappened };
  }
  if (incident.attachments.length >= INCIDENT_LIMITS.attachments) throw new InboxError('inbox/too-large', 'Too many attachments');
  return { ...incident, attachments: [...incident.attachments, contribution.ref] };
}
