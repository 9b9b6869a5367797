/**
 * Resolves after the browser has painted the next frame, or after `limitMs` at most: a tab hidden
 * meanwhile gets no animation frames, and nothing waiting on this may wait for ever.
 */
export function afterNextPaint(limitMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const limit = setTimeout(resolve, limitMs);
    const done = () => {
      clearTimeout(limit);
      resolve();
    };
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
      requestAnimationFrame(() => setTimeout(done, 0));
    } else {
      setTimeout(done, 0); // hidden tabs get no animation frames
    }
  });
}
