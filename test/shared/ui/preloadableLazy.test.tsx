// @vitest-environment jsdom
// preloadableLazy: a lazy screen that, once preloaded, renders without suspending (React.lazy
// alone shows its fallback first, and React then holds the loaded screen back behind it).

import { act, render, screen } from '@testing-library/react';
import { Suspense, useState, type ComponentType } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { preloadableLazy } from '../../../src/shared/ui/preloadableLazy';

const Greeting = ({ name }: { name: string }) => <p>Hello {name}</p>;

function renderInSuspense(Component: ComponentType<{ name: string }>) {
  return render(
    <Suspense fallback={<p>Loading</p>}>
      <Component name="Ada" />
    </Suspense>,
  );
}

describe('preloadableLazy', () => {
  it('once preloaded, renders at once: no fallback, and the code is loaded only once', async () => {
    const load = vi.fn(() => Promise.resolve(Greeting));
    const lazyGreeting = preloadableLazy(load);
    await lazyGreeting.preload();
    await lazyGreeting.preload();
    renderInSuspense(lazyGreeting.Component);
    // Synchronously, in the first commit: React.lazy would show "Loading" here.
    expect(screen.getByText('Hello Ada')).toBeTruthy();
    expect(screen.queryByText('Loading')).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('not preloaded, suspends like React.lazy and then shows the screen', async () => {
    let resolve: (component: typeof Greeting) => void = () => undefined;
    const load = vi.fn(() => new Promise<typeof Greeting>((r) => (resolve = r)));
    const lazyGreeting = preloadableLazy(load);
    renderInSuspense(lazyGreeting.Component);
    expect(screen.getByText('Loading')).toBeTruthy();
    await act(async () => resolve(Greeting));
    expect(await screen.findByText('Hello Ada')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failed preload is tried again by the next load', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(Greeting);
    const lazyGreeting = preloadableLazy<{ name: string }>(load);
    await expect(lazyGreeting.preload()).rejects.toThrow('offline');
    await lazyGreeting.preload();
    renderInSuspense(lazyGreeting.Component);
    expect(screen.getByText('Hello Ada')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a screen that started before its code was loaded is not mounted again when it re-renders', async () => {
    let mounts = 0;
    const Counter = ({ name }: { name: string }) => {
      const [mount] = useState(() => (mounts += 1));
      return (
        <p>
          {name} {mount}
        </p>
      );
    };
    let resolve: (component: typeof Counter) => void = () => undefined;
    const lazyCounter = preloadableLazy(() => new Promise<typeof Counter>((r) => (resolve = r)));
    const { rerender } = render(
      <Suspense fallback={<p>Loading</p>}>
        <lazyCounter.Component name="first" />
      </Suspense>,
    );
    await act(async () => resolve(Counter));
    expect(await screen.findByText('first 1')).toBeTruthy();
    rerender(
      <Suspense fallback={<p>Loading</p>}>
        <lazyCounter.Component name="second" />
      </Suspense>,
    );
    expect(screen.getByText('second 1')).toBeTruthy();
    expect(mounts).toBe(1);
  });
});
