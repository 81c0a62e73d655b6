import { formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import type { LiveMirrorStatus } from '../../store/mirror-types';

const WORDS: Record<LiveMirrorStatus, string> = {
  waiting: 'Waiting for the session',
  syncing: 'Syncing…',
  'in-sync': 'In sync',
  resyncing: 'Resyncing…',
  failed: 'Mirror stopped',
};

/** Whether the live mirror follows the engine: in sync (its export sequence and rows held) or resyncing. */
export function MirrorBadge() {
  const status = useAppStore((s) => s.liveMirror.status);
  const sequence = useAppStore((s) => s.liveMirror.sequence);
  const rowsHeld = useAppStore((s) => s.liveMirror.rowsHeld);
  return (
    <span
      className={`mirror-badge mirror-badge--${status}`}
      data-testid="mirror-badge"
      data-status={status}
      data-sequence={sequence ?? ''}
      data-rows={rowsHeld}
      title="The charts draw from the UI's own mirror of the engine (consumer ui), kept by a delta export after every change"
    >
      <span className="mirror-badge__dot" aria-hidden="true" />
      {WORDS[status]}
      {status === 'in-sync' && sequence !== null && (
        <span className="mirror-badge__detail number">
          #{sequence} · {formatCount(rowsHeld)} rows
        </span>
      )}
    </span>
  );
}
