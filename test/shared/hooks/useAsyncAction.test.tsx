// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAsyncAction } from '../../../src/shared/hooks/useAsyncAction';

/** A promise settled from the test, to look at the state while the action runs. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const toMessage = (caught: unknown) => `failed: ${(caught as Error).message}`;

describe('useAsyncAction', () => {
  it('is busy while the action runs and clears the previous error as it starts', async () => {
    const { result } = renderHook(() => useAsyncAction(toMessage));
    act(() => result.current.setError('typed nothing'));
    const step = deferred();
    let done!: Promise<void>;
    act(() => {
      done = result.current.run(() => step.promise);
    });
    expect(result.current.busy).toBe(true);
    expect(result.current.error).toBeNull();
    await act(async () => {
      step.resolve();
      await done;
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it('turns a thrown error into the message and stops being busy, without rejecting', async () => {
    const { result } = renderHook(() => useAsyncAction(toMessage));
    await act(() =>
      result.current.run(async () => {
        throw new Error('wrong passphrase');
      }),
    );
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBe('failed: wrong passphrase');
  });

  it('can say only that it failed', async () => {
    const { result } = renderHook(() => useAsyncAction(() => true));
    await act(() => result.current.run(() => Promise.reject(new Error('no'))));
    expect(result.current.error).toBe(true);
  });

  it('keeps the error while running when asked to', async () => {
    const { result } = renderHook(() => useAsyncAction(toMessage));
    act(() => result.current.setError('earlier'));
    const step = deferred();
    let done!: Promise<void>;
    act(() => {
      done = result.current.run(() => step.promise, { keepError: true });
    });
    expect(result.current.error).toBe('earlier');
    await act(async () => {
      step.reject(new Error('again'));
      await done;
    });
    expect(result.current.error).toBe('failed: again');
  });

  it('stays busy after success when the action ends by leaving the screen, but not after a failure', async () => {
    const { result } = renderHook(() => useAsyncAction(toMessage));
    await act(() => result.current.run(() => Promise.resolve(), { busyAfterSuccess: true }));
    expect(result.current.busy).toBe(true);
    await act(() => result.current.run(() => Promise.reject(new Error('locked')), { busyAfterSuccess: true }));
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBe('failed: locked');
  });

  it('sets nothing once unmounted', async () => {
    let messages = 0;
    const { result, unmount } = renderHook(() =>
      useAsyncAction((caught) => {
        messages++;
        return toMessage(caught);
      }),
    );
    const step = deferred();
    let done!: Promise<void>;
    act(() => {
      done = result.current.run(() => step.promise);
    });
    unmount();
    step.reject(new Error('too late'));
    await done;
    expect(messages).toBe(0);
    expect(result.current.busy).toBe(true);
  });
});
