// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BusyButton } from '../../../src/shared/ui/BusyButton';

describe('BusyButton', () => {
  it('is an ordinary button with its label while idle', async () => {
    const onClick = vi.fn();
    render(<BusyButton className="button primary" busy={false} label="Save" busyLabel="Saving…" onClick={onClick} />);
    const button = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(button.type).toBe('button');
    expect(button.className).toBe('button primary');
    expect(button.hasAttribute('disabled')).toBe(false);
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('is disabled and says what is happening while busy', () => {
    render(<BusyButton type="submit" busy label="Save" busyLabel="Saving…" />);
    const button = screen.getByRole('button', { name: 'Saving…' }) as HTMLButtonElement;
    expect(button.type).toBe('submit');
    expect(button.disabled).toBe(true);
  });

  it('keeps its label while busy when there is no busy label, and can be disabled for other reasons', () => {
    render(
      <>
        <BusyButton busy label="Delete" />
        <BusyButton busy={false} disabled label="Unlock" />
      </>,
    );
    expect((screen.getByRole('button', { name: 'Delete' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
