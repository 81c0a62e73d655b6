// The layout slice's shape: which of the workbench's tool tabs is shown. The panes' sizes are kept by the
// split-pane library itself (Workbench.tsx); both are remembered across reloads.

/** The workbench's tool tabs, beside the session's chart. */
export const WORKBENCH_TABS = ['exports', 'history', 'data', 'replay'] as const;
export type WorkbenchTab = (typeof WORKBENCH_TABS)[number];

export interface LayoutSlice {
  tab: WorkbenchTab;
  showTab(tab: WorkbenchTab): void;
}
