// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorAlert } from '../../../src/shared/ui/ErrorAlert';

describe('ErrorAlert', () => {
  it('announces the message as an alert', () => {
    render(<ErrorAlert message="The file could not be read. Nothing was changed." />);
    const alert = screen.getByRole('alert');
    expect(alert.tagName).toBe('P');
    expect(alert.className).toBe('error');
    expect(alert.textContent).toBe('The file could not be read. Nothing was changed.');
  });

  it('renders nothing without a message', () => {
    const { container } = render(
      <>
        <ErrorAlert message={null} />
        <ErrorAlert message="" />
      </>,
    );
    expect(container.innerHTML).toBe('');
  });
});
