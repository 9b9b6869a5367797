// An incident as the person records it. When it was written down is not part
// of it: that is the recordedAt of each revision in the evidence chain, which
// the person cannot edit.

import type { Behaviour } from './behaviours';
import { localDate, localTime, type IsoDate, type IsoTime } from './calendarDate';

export type { IsoDate, IsoTime } from './calendarDate';

/** When it happened: known exactly, only roughly, or still going on. */
export type IncidentWhen =
  | { kind: 'exact'; date: IsoDate; time?: IsoTime }
  | { kind: 'approximate'; description: string; from?: IsoDate; to?: IsoDate }
  | { kind: 'ongoing'; since?: IsoDate };

export interface Witness {
  name: string;
  /** How to reach them: phone, email, address, "via my sister"... */
  contact: string;
}

/** An attachment as the incident refers to it; the bytes live encrypted elsewhere. */
export interface AttachmentRef {
  id: string;
  /** The original file name. */
  name: string;
  /** MIME type as the browser reported it; may be empty. */
  type: string;
  /** Size in bytes. */
  size: number;
  /** SHA-256 of the original, unaltered bytes, lowercase hex. */
  sha256: string;
  /**
   * When the file reached Daybook (shared into it, or sealed as a note while locked), by this
   * device's clock, in toISOString form. Absent for a file attached in the form.
   */
  receivedAt?: string;
  /**
   * How the file reached Daybook at `receivedAt`: shared into it, recorded or photographed in
   * Daybook's own recorder or camera, or picked in the incident form. Absent on files added
   * before this was recorded (and then `receivedAt` is "received", shared or sealed).
   */
  receivedVia?: ReceivedVia;
  /**
   * Only on a recording made in Daybook that was cut off before Stop (a closed page, a crash,
   * Quick exit): the file is what was saved until then. Absent on one stopped as the person chose.
   */
  interrupted?: true;
}

export const RECEIVED_VIA = ['share', 'recording', 'camera', 'form'] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number];

export function isReceivedVia(value: unknown): value is ReceivedVia {
  return typeof value === 'string' && (RECEIVED_VIA as readonly string[]).includes(value);
}

/** A time in toISOString form that is a real moment (as `receivedAt` must be). */
export function isReceivedAt(value: unknown): value is string {
  return (
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && new Date(value).toISOString() === value
  );
}

export interface ReportedToPolice {
  reported: boolean;
  policeReference?: string;
  officer?: string;
}

export interface Effect {
  howItFelt: string;
  /** What it changed in daily life: routes, work, sleep, who they see... */
  whatItChanged: string;
}

/** An incident marked as breaching one condition of one order (ids, so editing either keeps the link). */
export interface BreachRef {
  orderId: string;
  conditionId: string;
}

/** How someone was told: the list, with phone and other for everything else. */
export const TOLD_HOW = ['999', '101', 'in-person', 'phone', 'message', 'email', 'other'] as const;
export type ToldHow = (typeof TOLD_HOW)[number];

export function isToldHow(value: unknown): value is ToldHow {
  return typeof value === 'string' && (TOLD_HOW as readonly string[]).includes(value);
}

/** A person or service the person told about the incident (a first account can be evidence). */
export interface ToldSomeone {
  /** A name, or a service: "my sister", "999", "Paladin". */
  who: string;
  how: ToldHow;
  /** When they were told, if the person gives it; a time only with a date. */
  date?: IsoDate;
  time?: IsoTime;
}

export interface Incident {
  when: IncidentWhen;
  where: string;
  whatHappened: string;
  behaviours: Behaviour[];
  /** Who did it: a name, or a description if unknown. */
  whoDidIt: string;
  witnesses: Witness[];
  /** Evidence kept somewhere else: a phone, a cloud account, a neighbour's camera... */
  evidenceElsewhere: string;
  attachments: AttachmentRef[];
  reported: ReportedToPolice;
  effect: Effect;
  /*
   * The three fields below came with orders (issue 16). Every revision written since holds all
   * three, even empty, so whether an export leaves them out says nothing about what they hold.
   * Revisions written before hold none of them, and must be read back exactly so.
   */
  /** Conditions of orders this incident breaches. */
  breaches?: BreachRef[];
  /** "Who did you tell?": each person or service told, how and when. */
  told?: ToldSomeone[];
  /** The person's own reflections: never in an export unless they tick it. */
  privateNotes?: string;
}

/** The fields every revision since issue 16 holds: filled in (empty) when absent, see withLaterFields. */
export const LATER_INCIDENT_KEYS = ['breaches', 'told', 'privateNotes'] as const;
export type LaterIncidentKey = (typeof LATER_INCIDENT_KEYS)[number];

/** The incident with the later fields present (empty where absent): what every new revision stores. */
export function withLaterFields(incident: Incident): Incident & Required<Pick<Incident, LaterIncidentKey>> {
  return { ...incident, breaches: incident.breaches ?? [], told: incident.told ?? [], privateNotes: incident.privateNotes ?? '' };
}

/** Bounds for anything read from outside (imports may be hostile files). */
export const INCIDENT_LIMITS = {
  /** Free-text fields: what happened, where, who, effect... */
  longText: 100_000,
  /** Names, contacts, references, file names. */
  shortText: 1_000,
  mimeType: 255,
  id: 256,
  witnesses: 100,
  attachments: 500,
  breaches: 200,
  told: 100,
} as const;

/**
 * Whether an attachment id can name stored bytes: 1 to 256 characters, none of which could make
 * its rows' keys (`${id}:${index}`) reach into another file's.
 */
export function isAttachmentId(id: string): boolean {
  return id !== '' && id.length <= INCIDENT_LIMITS.id && !/[:\0\uffff]/.test(id);
}

/** A blank incident that happened "now" by the device's local clock. */
export function emptyIncident(now: Date = new Date()): Incident {
  return {
    when: { kind: 'exact', date: localDate(now), time: localTime(now) },
    where: '',
    whatHappened: '',
    behaviours: [],
    whoDidIt: '',
    witnesses: [],
    evidenceElsewhere: '',
    attachments: [],
    reported: { reported: false },
    effect: { howItFelt: '', whatItChanged: '' },
    breaches: [],
    told: [],
    privateNotes: '',
  };
}

/** Every file these incidents (or orders) refer to, each once, in first-seen order. */
export function distinctAttachments(incidents: Iterable<{ attachments: readonly AttachmentRef[] }>): AttachmentRef[] {
  const files = new Map<string, AttachmentRef>();
  for (const incident of incidents) for (const ref of incident.attachments) if (!files.has(ref.id)) files.set(ref.id, ref);
  return [...files.values()];
}
