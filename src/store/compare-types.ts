// The compare slice's shape: which two exports are compared (A and B), how far the comparison has got, and its
// answer. The exports go to the viewer worker as Blobs; the comparison is made there (docs/compare.md).
import type { CompareResult } from '../../workers/viewer/compare-types';
import type { ViewerPath } from '../../workers/viewer/types';

export type CompareSideName = 'a' | 'b';

/** One side of a comparison: an export of the history, or a file from disk. */
export type CompareChoice = { kind: 'export'; id: string } | { kind: 'file'; blob: Blob; fileName: string };

export type CompareStatus = 'idle' | 'running' | 'done' | 'failed';

export interface CompareState {
  a: CompareChoice | null;
  b: CompareChoice | null;
  status: CompareStatus;
  /** While running: which side is being read, and how far. */
  progress: { side: CompareSideName; bytesRead: number; bytesTotal: number } | null;
  result: CompareResult | null;
  /** The names of the files the result is about (the choices may have changed since). */
  names: { a: string; b: string } | null;
  error: string | null;
  /** Bumped by "Compare with…" on a history row, so the panel brings itself into view. */
  summoned: number;
}

export interface CompareSlice {
  compare: CompareState;
  /** A path the export viewer should reveal (and focus) once it shows the export; the tree takes it. */
  viewerRevealWanted: ViewerPath | null;
  takeViewerReveal(): ViewerPath | null;
  chooseCompareSide(side: CompareSideName, choice: CompareChoice | null): void;
  swapCompareSides(): void;
  /**
   * "Compare with…" on a history row: B is that export, A the export it follows (a delta's base, else the
   * next older one in the history); compared at once when there is one.
   */
  compareWith(id: string): void;
  runCompare(): Promise<void>;
  cancelCompare(): void;
  /** Shows side `side`'s export in the viewer, at `path`. */
  showCompareInViewer(side: CompareSideName, path: ViewerPath): void;
}
