/**
 * The Web Share Target: what another app shares into Daybook (the web manifest's share_target
 * posts it to SHARE_PATH) is sealed into the inbox at once, without unlocking, and nothing of it
 * is stored unencrypted: each file, and the shared title, text and link as one text item, goes
 * through sealIntoInbox, which writes ciphertext only. Nothing here touches Cache Storage.
 *
 * Budgets come first: the inbox must be ready before the body is parsed, and the number of files
 * and each one's size are checked before any file's bytes are read. (Parsing the form is the
 * browser's work; it holds the request body while it does.)
 *
 * Nothing here needs the service worker's global scope, so the unit tests run the same code.
 */
import { MAX_INBOX_ITEM_BYTES } from '../core/inbox/inboxRows';
import type { InboxWriter, sealIntoInbox } from '../core/inbox/seal';
import type { OpenedInbox } from './inboxWriter';
import { MAX_SHARE_FILES, SHARE_PATH, SHARE_REPORT, type ShareOutcome, type ShareReport } from './shareMessages';

/** Room for the form's own text (title, text, link) and multipart framing beyond the files. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

export interface ShareDependencies {
  openInbox: () => Promise<OpenedInbox>;
  writerFor: (db: IDBDatabase) => InboxWriter;
  seal: typeof sealIntoInbox;
  now: () => Date;
}

/** A POST to the share path of this origin. Anything else is not the share target's. */
export function isShareRequest(request: Request, origin: string): boolean {
  if (request.method !== 'POST') return false;
  const url = new URL(request.url);
  return url.origin === origin && url.pathname === SHARE_PATH;
}

/**
 * Posted from a page of another site (a form there aimed at this path): ignored. The system
 * share sheet sends no referrer, and the app's own pages send this origin's.
 */
export function fromAnotherSite(request: Request, origin: string): boolean {
  if (!request.referrer || request.referrer === 'about:client') return false;
  try {
    return new URL(request.referrer).origin !== origin;
  } catch {
    return true;
  }
}

const report = (outcome: ShareOutcome, kept = 0): ShareReport => ({ type: SHARE_REPORT, outcome, kept });

/** The shared title, text and link, each on its own line, or '' when none was shared. */
export function sharedText(form: FormData): string {
  const parts: string[] = [];
  for (const field of ['title', 'text', 'url']) {
    const value = form.get(field);
    if (typeof value === 'string' && value.trim() !== '') parts.push(value);
  }
  return parts.join('\n');
}

/** The shared files; an empty file input (no name, no bytes) and text in the files field are not files. */
export function sharedFiles(form: FormData): File[] {
  return form.getAll('files').filter((value): value is File => typeof value !== 'string' && !(value.name === '' && value.size === 0));
}

/** Whether the declared body is larger than any share that passes the budgets could be. */
function declaredTooLarge(request: Request): boolean {
  const declared = Number(request.headers.get('Content-Length') ?? NaN);
  return Number.isFinite(declared) && declared > MAX_SHARE_FILES * MAX_INBOX_ITEM_BYTES + FORM_OVERHEAD_BYTES;
}

/**
 * Seals what was shared into the inbox and says how it went. Never throws: whatever goes wrong
 * is an outcome the app can show. Items sealed before a failure are kept (each is complete or
 * absent: its row is written last).
 */
export async function receiveShare(request: Request, deps: ShareDependencies): Promise<ShareReport> {
  const receivedAt = deps.now();
  let opened: OpenedInbox;
  try {
    opened = await deps.openInbox();
  } catch {
    return report('failed');
  }
  if (!opened.ready) return report('not-ready');
  const { db, publicKey } = opened;
  let kept = 0;
  try {
    if (!/^multipart\/form-data\s*;/i.test(request.headers.get('Content-Type') ?? '')) return report('empty');
    if (declaredTooLarge(request)) return report('too-large');
    const form = await request.formData();
    const files = sharedFiles(form);
    const text = sharedText(form);
    const textBytes = new TextEncoder().encode(text).length;
    if (files.length > MAX_SHARE_FILES) return report('too-many');
    if (textBytes > MAX_INBOX_ITEM_BYTES || files.some((file) => file.size > MAX_INBOX_ITEM_BYTES)) return report('too-large');
    if (files.length === 0 && text === '') return report('empty');

    const writer = deps.writerFor(db);
    if (text !== '') {
      const bytes = new Blob([text], { type: 'text/plain' });
      await deps.seal(writer, publicKey, { via: 'share', name: '', type: 'text/plain', bytes, receivedAt });
      kept += 1;
    }
    for (const file of files) {
      await deps.seal(writer, publicKey, { via: 'share', name: file.name, type: file.type, bytes: file, receivedAt });
      kept += 1;
    }
    return report('kept', kept);
  } catch {
    return report('failed', kept);
  } finally {
    db.close();
  }
}
