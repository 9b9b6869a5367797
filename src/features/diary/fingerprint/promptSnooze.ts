// Where "Not now" on the fingerprint invitation is remembered. It belongs in the encrypted
// settings beside the shared fingerprints (even a date says something about the person), never
// in localStorage. A store that can hold it has the two methods below; until the fingerprint
// store offers them, "Not now" lasts until the diary is locked (kept in memory, per store).

/** What remembering "Not now" needs from the store of shared fingerprints. */
export interface PromptSnoozeStore {
  /** Until when the invitation is put off (toISOString form), or null. */
  promptSnoozedUntil(): Promise<string | null>;
  snoozePrompt(until: Date): Promise<void>;
}

function canSnooze(store: object): store is PromptSnoozeStore {
  const candidate = store as Partial<Record<keyof PromptSnoozeStore, unknown>>;
  return typeof candidate.promptSnoozedUntil === 'function' && typeof candidate.snoozePrompt === 'function';
}

/** In memory only, by store: a new unlock brings new stores, so nothing outlives the lock. */
const snoozedInMemory = new WeakMap<object, string>();

/** "Not now" for the store of shared fingerprints given: encrypted where it can be, else in memory. */
export function promptSnoozeFor(store: object): PromptSnoozeStore {
  if (canSnooze(store)) return store;
  return {
    promptSnoozedUntil: () => Promise.resolve(snoozedInMemory.get(store) ?? null),
    snoozePrompt: (until) => {
      snoozedInMemory.set(store, until.toISOString());
      return Promise.resolve();
    },
  };
}
