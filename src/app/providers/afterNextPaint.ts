/**
 * Resolves after the browser has painted the next frame, or after `limitMs` at most: a tab hidden
 * meanwhile gets no animation frames, and nothing waiting on this may wait for ever. The limit is
 * well above a slow phone's frame (rendering the first rows can take a few hundred milliseconds).
 */
export function afterNextPaint(limitMs = 1000): Promise<void> {
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
