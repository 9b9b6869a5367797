// Drafts of the incident form, kept encrypted while the person types so that nothing is lost
// to a lock, a reload, a crash or an app update.
//
// Row ids: the drafts table keeps its ids in plaintext, and "edit:<entryId>" would say which
// entry is being edited. Each draft id is stored as SHA-256("daybook/draft/v1\0" + draftId)
// instead. Entry ids are random and exist only inside encrypted records, so an edit draft's
// row id cannot be linked to its entry; the new-incident draft's row id is a fixed value, so
// storage shows only that some draft exists, never what it says.

import { isBehaviour } from '../model/behaviours';
import {
  isReceivedAt,
  isReceivedVia,
  isToldHow,
  type AttachmentRef,
  type BreachRef,
  type Incident,
  type IncidentWhen,
  type ToldSomeone,
  type Witness,
} from '../model/incident';
import { sha256Hex } from '../evidence/hash';
import type { DaybookDatabase } from './db';
import { EncryptedTable } from './encryptedTable';
import { guardStorage } from './storageErrors';

/** The draft of a new incident. */
export const NEW_INCIDENT_DRAFT = 'new-incident';

/** What is being typed into the diary screen's quick log. */
export const QUICK_LOG_DRAFT = 'quick-log';

/** The draft of an edit to an existing entry. */
export function editDraftId(entryId: string): string {
  return `edit:${entryId}`;
}

export interface IncidentDraft {
  /** The form as typed: may be incomplete (a missing date, an empty witness row). */
  incident: Incident;
  /** When the draft was last kept, ISO timestamp. */
  savedAt: string;
  /** For an edit: the revision the edit started from, to notice changes made meanwhile. */
  baseRevision?: number;
}

const ROW_CONTEXT = 'daybook/draft/v1\0';

async function rowIdFor(draftId: string): Promise<string> {
  return sha256Hex(ROW_CONTEXT + draftId);
}

// One write queue per database, shared by every DraftStore over it: a save, a later save and
// a discard land in the order they were asked for, even when encryption times differ.
const queues = new WeakMap<DaybookDatabase, Promise<unknown>>();

export class DraftStore {
  constructor(
    private readonly db: DaybookDatabase,
    private readonly key: () => CryptoKey,
  ) {}

  /**
   * Keeps a draft. The data key is taken now, synchronously, so a save started just before
   * a lock (on blur, pagehide, or the press of the Lock button) still completes; the reference
   * is dropped as soon as the write is done. Rejects with VaultLockedError when already locked.
   */
  save(draftId: string, value: IncidentDraft): Promise<void> {
    let key: CryptoKey;
    try {
      key = this.key();
    } catch (error) {
      return Promise.reject(error);
    }
    const copy = structuredClone(value);
    return this.enqueue(async () => {
      const row = await new EncryptedTable<IncidentDraft>(this.db, 'drafts', () => key).seal(await rowIdFor(draftId), copy);
      // Dexie resolves a write once its transaction has committed, so "kept" means kept.
      await guardStorage('write', () => this.db.encrypted('drafts').put(row));
    });
  }

  /** The draft, if one is kept. Rejects if it cannot be decrypted (tampered or damaged). */
  load(draftId: string): Promise<IncidentDraft | undefined> {
    return this.enqueue(async () => {
      const stored = await new EncryptedTable<unknown>(this.db, 'drafts', this.key).get(await rowIdFor(draftId));
      return stored === undefined ? undefined : readDraft(stored);
    });
  }

  discard(draftId: string): Promise<void> {
    return this.enqueue(async () => {
      await new EncryptedTable<unknown>(this.db, 'drafts', this.key).delete(await rowIdFor(draftId));
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const previous = queues.get(this.db) ?? Promise.resolve();
    const next = previous.then(task);
    queues.set(
      this.db,
      next.catch(() => undefined),
    );
    return next;
  }
}

// Reading back: the draft was written by Daybook under the user's key, but possibly by an
// older version, and it may be half-filled. Read tolerantly, so nothing typed is dropped
// because it does not yet validate; anything of the wrong type reads as empty.

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function optional<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Partial<Record<K, string>>) : {};
}

function readWhen(value: unknown): IncidentWhen {
  const when = fields(value);
  switch (when.kind) {
    case 'approximate':
      return { kind: 'approximate', description: text(when.description), ...optional('from', when.from), ...optional('to', when.to) };
    case 'ongoing':
      return { kind: 'ongoing', ...optional('since', when.since) };
    default:
      return { kind: 'exact', date: text(when.date), ...optional('time', when.time) };
  }
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function readAttachment(value: unknown): AttachmentRef | undefined {
  const { id, name, type, size, sha256, receivedAt, receivedVia, interrupted } = fields(value);
  if (typeof id !== 'string' || typeof size !== 'number' || typeof sha256 !== 'string') return undefined;
  // How and when a file arrived is part of what it is: a draft must not drop it.
  const arrived = isReceivedAt(receivedAt)
    ? {
        receivedAt,
        ...(isReceivedVia(receivedVia) ? { receivedVia } : {}),
        ...(interrupted === true && receivedVia === 'recording' ? { interrupted } : {}),
      }
    : {};
  return { id, name: text(name), type: text(type), size, sha256, ...arrived };
}

function readBreach(value: unknown): BreachRef[] {
  const { orderId, conditionId } = fields(value);
  return typeof orderId === 'string' && typeof conditionId === 'string' ? [{ orderId, conditionId }] : [];
}

function readTold(value: unknown): ToldSomeone[] {
  const { who, how, date, time } = fields(value);
  return isToldHow(how) ? [{ who: text(who), how, ...optional('date', date), ...optional('time', time) }] : [];
}

function readIncident(value: unknown): Incident {
  const incident = fields(value);
  const reported = fields(incident.reported);
  const effect = fields(incident.effect);
  return {
    when: readWhen(incident.when),
    where: text(incident.where),
    whatHappened: text(incident.whatHappened),
    behaviours: list(incident.behaviours).filter(isBehaviour),
    whoDidIt: text(incident.whoDidIt),
    witnesses: list(incident.witnesses).map((item): Witness => ({ name: text(fields(item).name), contact: text(fields(item).contact) })),
    evidenceElsewhere: text(incident.evidenceElsewhere),
    attachments: list(incident.attachments).flatMap((item) => readAttachment(item) ?? []),
    reported: {
      reported: reported.reported === true,
      ...optional('policeReference', reported.policeReference),
      ...optional('officer', reported.officer),
    },
    effect: { howItFelt: text(effect.howItFelt), whatItChanged: text(effect.whatItChanged) },
    breaches: list(incident.breaches).flatMap(readBreach),
    told: list(incident.told).flatMap(readTold),
    privateNotes: text(incident.privateNotes),
  };
}

/** A stored draft as the current version understands it; undefined if it is not a draft at all. */
export function readDraft(value: unknown): IncidentDraft | undefined {
  const draft = fields(value);
  if (typeof draft.savedAt !== 'string' || typeof draft.incident !== 'object' || draft.incident === null) return undefined;
  const base = draft.baseRevision;
  return {
    incident: readIncident(draft.incident),
    savedAt: draft.savedAt,
    ...(typeof base === 'number' && Number.isSafeInteger(base) ? { baseRevision: base } : {}),
  };
}
