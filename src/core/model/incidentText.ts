// All the person's own words in an incident, for full-text search.

import type { Incident } from './incident';

/**
 * Every text field joined by newlines (empty ones skipped). Behaviour ids are
 * left out: they are codes, not words, and screens filter on them instead.
 */
export function searchableText(incident: Incident): string {
  const { when, reported, effect } = incident;
  const parts = [
    when.kind === 'approximate' ? when.description : '',
    incident.where,
    incident.whatHappened,
    incident.whoDidIt,
    ...incident.witnesses.flatMap((w) => [w.name, w.contact]),
    incident.evidenceElsewhere,
    ...incident.attachments.map((a) => a.name),
    reported.policeReference ?? '',
    reported.officer ?? '',
    effect.howItFelt,
    effect.whatItChanged,
  ];
  return parts.filter((part) => part !== '').join('\n');
}
