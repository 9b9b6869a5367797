// @vitest-environment jsdom
import { render, renderHook, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFieldIds } from '../../../src/shared/hooks/useFieldIds';

function Field({ hint, error }: { hint?: string; error?: string }) {
  const field = useFieldIds({ hint, error });
  return (
    <div>
      <label htmlFor={field.id}>Where</label>
      {hint && <p id={field.hintId}>{hint}</p>}
      <input {...field.controlProps} />
      {error && <p id={field.errorId}>{error}</p>}
    </div>
  );
}

const descriptions = (control: HTMLElement) =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent);

describe('useFieldIds', () => {
  it('uses the id it is given, and describes the control by nothing when there is no hint or error', () => {
    const { result } = renderHook(() => useFieldIds({ id: 'incident-where' }));
    expect(result.current).toEqual({
      id: 'incident-where',
      hintId: 'incident-where-hint',
      errorId: 'incident-where-error',
      describedBy: undefined,
      controlProps: { id: 'incident-where', 'aria-describedby': undefined, 'aria-invalid': undefined },
    });
  });

  it('names the hint, then the error, and marks the control invalid only with an error', () => {
    const { result, rerender } = renderHook((props: { error?: string }) => useFieldIds({ id: 'f', hint: true, error: props.error }), {
      initialProps: {},
    });
    expect(result.current.describedBy).toBe('f-hint');
    expect(result.current.controlProps['aria-invalid']).toBeUndefined();
    rerender({ error: 'Too long' });
    expect(result.current.describedBy).toBe('f-hint f-error');
    expect(result.current.controlProps['aria-invalid']).toBe(true);
  });

  it('ties a rendered control to its label, hint and error', () => {
    render(<Field hint="The street or place" error="Say where" />);
    const control = screen.getByLabelText('Where');
    expect(control.getAttribute('aria-invalid')).toBe('true');
    expect(descriptions(control)).toEqual(['The street or place', 'Say where']);
  });

  it('gives each field its own ids', () => {
    render(
      <>
        <Field error="First" />
        <Field error="Second" />
      </>,
    );
    const controls = screen.getAllByLabelText('Where');
    expect(new Set(controls.map((control) => control.id)).size).toBe(2);
    expect(controls.map(descriptions)).toEqual([['First'], ['Second']]);
  });
});
