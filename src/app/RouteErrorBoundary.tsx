import { Component, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router';
import { RouteError } from './RouteError';

interface BoundaryProps {
  /** A new address clears the error, so moving away from a failed screen shows the next one. */
  resetKey: string;
  children: ReactNode;
}

interface BoundaryState {
  error: boolean;
  resetKey: string;
}

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { error: true };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { error: false, resetKey: props.resetKey };
  }

  override render() {
    return this.state.error ? <RouteError /> : this.props.children;
  }
}

/**
 * The screens, inside the shell, with a boundary that shows RouteError when a screen fails to
 * load (a chunk missing offline) or crashes: the shell and quick exit stay in place.
 */
export function RouteErrorBoundary() {
  const { pathname } = useLocation();
  return (
    <Boundary resetKey={pathname}>
      <Outlet />
    </Boundary>
  );
}
