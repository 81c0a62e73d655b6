import { useMemo } from 'react';
import { formatBytes, formatRatio } from '../../format';
import { useAppStore } from '../../store/context';
import { compareSizes, describeComparison } from '../../store/export-history';

/** How much smaller the newest delta is than the newest complete export, updated with every export. */
export function SizeComparison() {
  const exports = useAppStore((s) => s.exports);
  const comparison = useMemo(() => compareSizes(exports), [exports]);
  if (comparison === null) {
    return (
      <p className="size-comparison size-comparison--empty" data-testid="size-comparison">
        Make a complete and a delta export to see how much smaller deltas are.
      </p>
    );
  }
  return (
    <p className="size-comparison" data-testid="size-comparison" aria-live="polite">
      {describeComparison(comparison, { bytes: formatBytes, ratio: formatRatio })}
    </p>
  );
}
