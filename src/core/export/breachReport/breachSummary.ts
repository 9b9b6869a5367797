// What goes into a breach summary for the officer in the case: the order, the conditions the
// incident is marked as breaching, the incident's facts, who was told and the evidence held.
// Every field is picked by name, so anything else an incident holds (private notes above all,
// how it felt) can never reach the summary. Pure data: it crosses to the PDF worker as it is.

import type { AttachmentRef, Incident, IncidentWhen, IsoDate, ToldSomeone, Witness } from '../../model/incident';
import type { CourtOrder, OrderKind } from '../../model/order';

/** A condition as the summary names it: its wording now, or null when the order no longer has it. */
export interface SummaryCondition {
  id: string;
  text: string | null;
  /** When the order no longer has it: its wording in the last version that did, where known. */
  lastKnownText?: string;
}

/** A condition removed from the order, with its wording in the last version that had it (null: not known). */
export interface FormerConditionText {
  id: string;
  text: string | null;
}

export interface BreachSummary {
  /** When the summary was made, by this device's clock (toISOString form). */
  madeAt: string;
  order: {
    kind: OrderKind;
    title: string;
    court: string;
    madeOn?: IsoDate;
    servedOn?: IsoDate;
    expiresOn?: IsoDate;
  };
  conditions: SummaryCondition[];
  breach: {
    when: IncidentWhen;
    where: string;
    whatHappened: string;
    whoDidIt: string;
    witnesses: Witness[];
    reported: boolean;
    policeReference?: string;
    officer?: string;
  };
  told: ToldSomeone[];
  evidence: {
    files: AttachmentRef[];
    elsewhere: string;
  };
}

export interface BreachSummaryInput {
  orderId: string;
  order: CourtOrder;
  incident: Incident;
  /** The conditions to name; when empty, those the incident is marked as breaching on this order. */
  conditionIds: readonly string[];
  /** Conditions no longer on the order, with their last known wording (from the order's history). */
  formerConditions?: readonly FormerConditionText[];
  now: Date;
}

function present(text: string | undefined): string | undefined {
  return text !== undefined && text.trim() !== '' ? text : undefined;
}

/** The condition ids to name, each once, in the order given. */
function conditionIdsFor(input: BreachSummaryInput): string[] {
  const given =
    input.conditionIds.length > 0
      ? input.conditionIds
      : (input.incident.breaches ?? []).filter((b) => b.orderId === input.orderId).map((b) => b.conditionId);
  return [...new Set(given)];
}

export function buildBreachSummary(input: BreachSummaryInput): BreachSummary {
  const { order, incident } = input;
  const wording = new Map(order.conditions.map((c) => [c.id, c.text]));
  const former = new Map((input.formerConditions ?? []).map((c) => [c.id, c.text]));
  const condition = (id: string): SummaryCondition => {
    const text = wording.get(id);
    if (text !== undefined) return { id, text };
    const lastKnownText = former.get(id);
    return typeof lastKnownText === 'string' ? { id, text: null, lastKnownText } : { id, text: null };
  };
  const { reported } = incident.reported;
  // A police reference or officer only belongs with a report to the police, as in the main report.
  const policeReference = reported ? present(incident.reported.policeReference) : undefined;
  const officer = reported ? present(incident.reported.officer) : undefined;
  return {
    madeAt: input.now.toISOString(),
    order: {
      kind: order.kind,
      title: order.title,
      court: order.court,
      ...(order.madeOn ? { madeOn: order.madeOn } : {}),
      ...(order.servedOn ? { servedOn: order.servedOn } : {}),
      ...(order.expiresOn ? { expiresOn: order.expiresOn } : {}),
    },
    conditions: conditionIdsFor(input).map(condition),
    breach: {
      when: incident.when,
      where: incident.where,
      whatHappened: incident.whatHappened,
      whoDidIt: incident.whoDidIt,
      witnesses: incident.witnesses.map((w) => ({ name: w.name, contact: w.contact })),
      reported,
      ...(policeReference !== undefined ? { policeReference } : {}),
      ...(officer !== undefined ? { officer } : {}),
    },
    told: (incident.told ?? []).map((told) => ({
      who: told.who,
      how: told.how,
      ...(told.date ? { date: told.date } : {}),
      ...(told.date && told.time ? { time: told.time } : {}),
    })),
    evidence: {
      files: incident.attachments.map((ref) => ({
        id: ref.id,
        name: ref.name,
        type: ref.type,
        size: ref.size,
        sha256: ref.sha256,
        ...(ref.receivedAt ? { receivedAt: ref.receivedAt } : {}),
        ...(ref.receivedVia ? { receivedVia: ref.receivedVia } : {}),
        ...(ref.interrupted ? { interrupted: ref.interrupted } : {}),
      })),
      elsewhere: incident.evidenceElsewhere,
    },
  };
}
