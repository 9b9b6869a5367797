/**
 * The element id of the package's entry with this number in the list (from 1): the summary links
 * to it. Built from the number, never from the entry's id, which comes from the file.
 */
export function packageEntryId(number: number): string {
  return `package-entry-${number}`;
}
