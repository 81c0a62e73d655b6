// The viewer slice's shape. Viewer types are imported as types only: the page never parses an export, the
// viewer worker answers small questions about it.
import type { Result } from '../../workers/common/result';
import type {
  OpenProgress,
  RawText,
  RowPage,
  RowQuery,
  RowViewPage,
  SearchResult,
  ValueText,
  ViewerEntry,
  ViewerPath,
  ViewerSummary,
} from '../../workers/viewer/types';

/** The viewer's entry point: the export history's View button calls `openInViewer`. The viewer slice owns it. */
export interface ViewerLink {
  /** The id of the export shown in the viewer, if any. */
  viewing: string | null;
  openInViewer(id: string): void;
}

export type ViewerStatus = 'idle' | 'opening' | 'open' | 'cancelled' | 'failed';

export interface ViewerState {
  status: ViewerStatus;
  /** The file shown (or being opened): its name and size. */
  fileName: string | null;
  bytes: number;
  progress: OpenProgress | null;
  /** The viewer worker's id for the open file. */
  documentId: string | null;
  summary: ViewerSummary | null;
  /** Why opening (or a later question) failed, in one line. */
  error: string | null;
  /** The failure is a dead or stuck viewer worker: the UI offers to restart it. */
  workerDown: boolean;
  /** Trying again may help (a worker that died, an open cancelled, a read that failed); not for a refused file. */
  canRetry: boolean;
  /** Bumped whenever another file is shown, so views of the previous one reset. */
  generation: number;
}

export interface ViewerSlice extends ViewerLink {
  viewer: ViewerState;
  /** Shows export `id` of the history (the history's View button). */
  openInViewer(id: string): void;
  /** An address named an export this browser no longer holds: the viewer says so. */
  viewerLinkMissing(): void;
  /** Shows a file chosen from disk. */
  openFileInViewer(file: Blob, fileName: string): void;
  cancelViewerOpen(): void;
  closeViewer(): void;
  /** Opens the same file again, with a fresh viewer worker if the last one died. */
  retryViewer(): void;
  /** The children of a node of the open export (objects: every key; arrays: the first items). */
  viewerChildren(path: ViewerPath): Promise<Result<ViewerEntry[]>>;
  /** A page of an array of the open export. */
  viewerRows(path: ViewerPath, offset: number, limit: number): Promise<Result<RowPage>>;
  /** Paths of the open export whose key or value holds `query` (searched in the viewer worker). */
  viewerSearch(query: string): Promise<Result<SearchResult>>;
  /** A node's JSON text, cut at 1 MB (copy value). */
  viewerValueText(path: ViewerPath): Promise<Result<ValueText>>;
  /** A page of an array's rows sorted and filtered over the whole array (in the viewer worker). */
  viewerRowView(
    path: ViewerPath,
    query: RowQuery,
    offset: number,
    limit: number,
  ): Promise<Result<RowViewPage>>;
  /** A node's text re-indented, cut at 1 MB (the raw view). */
  viewerRawText(path: ViewerPath): Promise<Result<RawText>>;
}
