import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { useAppStore } from '../../store/context';
import type { WorkbenchTab } from '../../store/layout-types';
import { CommandConsole } from '../CommandConsole/CommandConsole';
import { ComparePanel } from '../Compare/ComparePanel';
import { ConfigEditor } from '../ConfigEditor/ConfigEditor';
import { ExportHistory } from '../ExportHistory/ExportHistory';
import { ExportPanel } from '../ExportPanel/ExportPanel';
import { ImportBars } from '../ImportBars/ImportBars';
import { OfflineReplay } from '../OfflineReplay/OfflineReplay';
import { PanelBoundary } from '../PanelBoundary/PanelBoundary';
import { StoragePanel } from '../Storage/StoragePanel';
import { ExportViewer } from '../Viewer/ExportViewer';
import { useHeightVariable } from './use-height-variable';

interface TabDefinition {
  id: WorkbenchTab;
  label: string;
  content: () => ReactNode;
}

const TABS: readonly TabDefinition[] = [
  {
    id: 'exports',
    label: 'Export',
    content: () => (
      <>
        <ExportPanel />
        <CommandConsole />
      </>
    ),
  },
  {
    id: 'history',
    label: 'History & viewer',
    content: () => (
      <>
        <ExportHistory />
        <ComparePanel />
        <ExportViewer />
      </>
    ),
  },
  {
    id: 'data',
    label: 'Config & data',
    content: () => (
      <>
        <ConfigEditor />
        <ImportBars />
        <StoragePanel />
      </>
    ),
  },
  { id: 'replay', label: 'Open exports', content: () => <OfflineReplay /> },
];

const tabId = (id: WorkbenchTab) => `workbench-tab-${id}`;
const panelId = (id: WorkbenchTab) => `workbench-panel-${id}`;

/**
 * The tools beside the chart, as tabs (the WAI-ARIA tabs pattern: one tab stop, arrows, Home and End move and
 * show). Every tab's panel stays mounted, hidden when another is shown: a command typed, an editor's text or
 * an export open in the viewer are where they were when the user comes back.
 */
export function SideTabs() {
  const shown = useAppStore((s) => s.tab);
  const showTab = useAppStore((s) => s.showTab);
  const tabs = useRef(new Map<WorkbenchTab, HTMLButtonElement>());
  // In one column the tab list sticks below the top bar: what is scrolled into view in a panel stops below
  // both (App.css).
  const list = useRef<HTMLDivElement>(null);
  useHeightVariable(list, '--tab-list-height');

  // A tab brought forward by what was opened (a replay from the history, say) hides the panel the focus was
  // in: the focus goes to the tab shown, not to the page's body, so a keyboard user is not left nowhere.
  const before = useRef(shown);
  useEffect(() => {
    if (before.current === shown) return; // the first render (twice under StrictMode), not a change
    before.current = shown;
    const focused = document.activeElement;
    const lost =
      focused === null || focused === document.body || focused.closest('[role="tabpanel"][hidden]');
    if (lost) tabs.current.get(shown)?.focus();
  }, [shown]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.findIndex((t) => t.id === shown);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : null;
    if (to === null) return;
    event.preventDefault();
    const next = TABS[to] as TabDefinition;
    showTab(next.id);
    tabs.current.get(next.id)?.focus();
  };

  return (
    <div className="side-tabs">
      <div ref={list} className="side-tabs__list" role="tablist" aria-label="Tools" onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) tabs.current.set(tab.id, element);
              else tabs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={tabId(tab.id)}
            className="side-tabs__tab"
            aria-selected={tab.id === shown}
            aria-controls={panelId(tab.id)}
            tabIndex={tab.id === shown ? 0 : -1}
            data-testid={`tab-${tab.id}`}
            onClick={() => showTab(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {TABS.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={panelId(tab.id)}
          className="side-tabs__panel"
          aria-labelledby={tabId(tab.id)}
          hidden={tab.id !== shown}
        >
          <PanelBoundary name={`The ${tab.label} tab`}>{tab.content()}</PanelBoundary>
        </div>
      ))}
    </div>
  );
}
