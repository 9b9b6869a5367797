// Names joined into one phrase ("where it happened and the witnesses"). Intl.ListFormat writes
// Welsh "and" as "a(c)" and mutates nothing, so Welsh is joined here.
// A copy lives in features/export (features never import each other); both belong in
// shared/format once formatList itself joins Welsh properly.

import { formatList } from '../../shared/format/formatWhen';

/** Welsh "and" before `name`: "a'r" for the article, "ac" before a vowel, else "a" with the aspirate mutation. */
function welshAnd(name: string): string {
  const article = /^yr? (.+)$/u.exec(name);
  if (article) return `a'r ${article[1] ?? ''}`;
  if (/^[aeiouwyâêîôûŵŷ]/iu.test(name)) return `ac ${name}`;
  if (/^(ch|ph|th)/iu.test(name)) return `a ${name}`;
  return `a ${name.replace(/^([cpt])/iu, '$1h')}`;
}

export function joinNames(names: readonly string[], language: string): string {
  const last = names.at(-1);
  if (!language.startsWith('cy') || last === undefined || names.length < 2) return formatList(names, language);
  return `${names.slice(0, -1).join(', ')} ${welshAnd(last)}`;
}
