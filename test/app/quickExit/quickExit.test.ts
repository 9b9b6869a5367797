// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { leaveWhenAnotherTabExits, onQuickExit, QUICK_EXIT_CHANNEL, quickExit } from '../../../src/app/quickExit/quickExit';

// jsdom cannot navigate: leaving shows up as the cover, the Back flag and the listeners.
const covered = () => document.documentElement.classList.contains('quick-exit-active') && !!document.getElementById('quick-exit-cover');

function reset(): void {
  document.documentElement.classList.remove('quick-exit-active');
  document.getElementById('quick-exit-cover')?.remove();
  sessionStorage.clear();
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  reset();
});

/** Resolves with the next message on a channel, or null after `ms`. */
function nextMessage(channel: BroadcastChannel, ms = 500): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    channel.addEventListener(
      'message',
      (event: MessageEvent<unknown>) => {
        clearTimeout(timer);
        resolve(event.data);
      },
      { once: true },
    );
  });
}

describe('quick exit reaches every open tab', () => {
  it('tells the other tabs to leave, and leaves itself', async () => {
    stops.push(leaveWhenAnotherTabExits());
    const otherTab = new BroadcastChannel(QUICK_EXIT_CHANNEL);
    stops.push(() => otherTab.close());
    let lockedHere = 0;
    stops.push(onQuickExit(() => lockedHere++));
    const heard = nextMessage(otherTab);
    quickExit();
    expect(covered()).toBe(true);
    expect(sessionStorage.getItem('daybook.exited')).toBe('1');
    expect(lockedHere).toBe(1);
    expect(await heard).toEqual({ type: 'leave' });
  });

  it('leaves when another tab exits: covers at once, keeps the Back flag, runs the listeners (the vault locks)', async () => {
    stops.push(leaveWhenAnotherTabExits());
    let locked = false;
    const left = new Promise<void>((resolve) => {
      stops.push(
        onQuickExit(() => {
          locked = true;
          resolve();
        }),
      );
    });
    const otherTab = new BroadcastChannel(QUICK_EXIT_CHANNEL);
    stops.push(() => otherTab.close());
    otherTab.postMessage({ type: 'leave' });
    await left;
    expect(locked).toBe(true);
    expect(covered()).toBe(true);
    expect(sessionStorage.getItem('daybook.exited')).toBe('1');
  });

  it('ignores any other message on the channel', async () => {
    stops.push(leaveWhenAnotherTabExits());
    let left = false;
    stops.push(onQuickExit(() => (left = true)));
    const otherTab = new BroadcastChannel(QUICK_EXIT_CHANNEL);
    stops.push(() => otherTab.close());
    otherTab.postMessage({ type: 'lock' });
    otherTab.postMessage('leave');
    otherTab.postMessage(null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(left).toBe(false);
    expect(covered()).toBe(false);
  });
});
