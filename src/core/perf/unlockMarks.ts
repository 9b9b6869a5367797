/**
 * Names a step between the Unlock press and the diary's first rows on the page's performance
 * timeline (`daybook:unlock:<step>`), read by `npm run bench` to say where the wait goes. Marks
 * stay in this page, like everything else it holds.
 */
export function markUnlockStep(step: string): void {
  globalThis.performance?.mark?.(`daybook:unlock:${step}`);
}
