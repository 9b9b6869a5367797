/**
 * Lets the page run what is waiting (a frame, a tap on Quick exit) before going on. A message to
 * itself, not a timer: browsers stretch nested timers to 4 ms, hundreds of times over for a
 * large diary.
 */
export function yieldToPage(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
