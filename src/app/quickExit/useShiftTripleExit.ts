import { useEffect } from 'react';
import { createShiftTripleDetector } from './shiftTriple';
import { quickExit } from './quickExit';

/** Listens for Shift pressed three times anywhere in the app and exits. */
export function useShiftTripleExit(): void {
  useEffect(() => {
    const detect = createShiftTripleDetector();
    const onKeyDown = (event: KeyboardEvent) => {
      if (detect({ key: event.key, repeat: event.repeat })) quickExit();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
