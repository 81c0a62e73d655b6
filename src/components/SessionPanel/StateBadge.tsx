import type { SystemState } from '../../../workers/engine/types';

export function StateBadge({ state }: { state: SystemState }) {
  return (
    <span className={`state-badge state-badge--${state.toLowerCase()}`} data-testid="system-state">
      <span className="state-badge__dot" aria-hidden="true" />
      {state}
    </span>
  );
}
