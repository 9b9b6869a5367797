import { useEffect, useSyncExternalStore } from 'react';

/**
 * Tracks whether any form on screen holds input that is not yet saved, so that an app update
 * never reloads the page over it.
 */
const dirtyOwners = new Set<symbol>();
const subscribers = new Set<() => void>();

function notify(): void {
  for (const subscriber of subscribers) subscriber();
}

function subscribe(subscriber: () => void): () => void {
  subscribers.add(subscriber);
  return () => subscribers.delete(subscriber);
}

export function hasUnsavedInput(): boolean {
  return dirtyOwners.size > 0;
}

/** A form calls this with whether it holds unsaved input. */
export function useUnsavedInput(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const owner = Symbol('unsaved-input');
    dirtyOwners.add(owner);
    notify();
    return () => {
      dirtyOwners.delete(owner);
      notify();
    };
  }, [dirty]);
}

export function useHasUnsavedInput(): boolean {
  return useSyncExternalStore(subscribe, hasUnsavedInput, hasUnsavedInput);
}
