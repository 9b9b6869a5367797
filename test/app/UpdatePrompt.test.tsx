// @vitest-environment jsdom
import { act, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { IntegrityNotice, UpdatePrompt } from '../../src/app/UpdatePrompt';
import { hasUnsavedInput, useHasUnsavedInput, useUnsavedInput } from '../../src/shared/hooks/unsavedInput';
import { testI18n } from '../support/i18n';

async function renderPrompt(props: Partial<Parameters<typeof UpdatePrompt>[0]> = {}) {
  const i18n = await testI18n();
  const onUpdate = vi.fn();
  const onLater = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <UpdatePrompt needRefresh unsavedInput={false} onUpdate={onUpdate} onLater={onLater} {...props} />
    </I18nextProvider>,
  );
  return { onUpdate, onLater };
}

describe('update prompt', () => {
  it('shows nothing until a new version is waiting', async () => {
    await renderPrompt({ needRefresh: false });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offers the update and leaves the choice to the user', async () => {
    const { onUpdate, onLater } = await renderPrompt();
    expect(screen.getByText('A new version of Daybook is ready.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(onLater).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Update now' }));
    expect(onUpdate).toHaveBeenCalledOnce();
  });

  it('never reloads over unsaved input', async () => {
    const { onUpdate } = await renderPrompt({ unsavedInput: true });
    const button = screen.getByRole('button', { name: 'Update now' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(button);
    expect(onUpdate).not.toHaveBeenCalled();
    expect(screen.getByText(/Save what you are writing first/)).toBeTruthy();
  });
});

describe('update prompt once "Update now" is chosen', () => {
  it('takes no second click while the new version takes over', async () => {
    const { onUpdate } = await renderPrompt({ updating: 'started' });
    const button = screen.getByRole('button', { name: 'Update now' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(button);
    expect(onUpdate).not.toHaveBeenCalled();
    expect(screen.queryByText(/has not finished yet/)).toBeNull();
  });

  it('says how to finish when the new version has not taken over', async () => {
    await renderPrompt({ updating: 'slow' });
    expect(screen.getByRole('status').textContent).toContain(
      'The update has not finished yet. To finish it, close every Daybook tab or window and open Daybook again. If it finishes first, Daybook restarts by itself once what you are writing is saved.',
    );
  });
});

describe('unsaved input registry', () => {
  it('is dirty while any form says so, and clean once all are saved or gone', () => {
    const watcher = renderHook(() => useHasUnsavedInput());
    const first = renderHook(({ dirty }) => useUnsavedInput(dirty), { initialProps: { dirty: false } });
    const second = renderHook(({ dirty }) => useUnsavedInput(dirty), { initialProps: { dirty: true } });
    expect(watcher.result.current).toBe(true);
    act(() => first.rerender({ dirty: true }));
    act(() => second.rerender({ dirty: false }));
    expect(hasUnsavedInput()).toBe(true);
    act(() => first.unmount());
    expect(watcher.result.current).toBe(false);
    second.unmount();
  });
});

describe('integrity notice', () => {
  it('says a changed copy of the app was found and not used, until dismissed', async () => {
    const i18n = await testI18n();
    const onDismiss = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <IntegrityNotice onDismiss={onDismiss} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'Daybook found a changed copy of its own code on this device and did not use it.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(onDismiss).toHaveBeenCalledOnce();
  });
});
