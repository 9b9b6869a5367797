// The start of a long text, for the timeline: whitespace collapsed, cut at a word.

/** At most `max` characters (code points) of `text`, ending in "…" when cut. */
export function excerpt(text: string, max = 160): string {
  // Only a bounded prefix is looked at, which keeps this cheap for 100,000-character entries.
  const bound = max * 4;
  const complete = text.length <= bound || text.slice(bound).trim() === '';
  const flat = text.slice(0, bound).replace(/\s+/gu, ' ').trim();
  const chars = Array.from(flat);
  if (complete && chars.length <= max) return flat;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
