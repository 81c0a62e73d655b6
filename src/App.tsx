import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { ErrorBanner } from './components/ErrorBanner/ErrorBanner';
import { Header } from './components/Header/Header';
import { PanelBoundary } from './components/PanelBoundary/PanelBoundary';
import { SessionFacts } from './components/SessionPanel/SessionFacts';
import { LiveSession } from './components/SessionView/LiveSession';
import { SideTabs } from './components/Workbench/SideTabs';
import { useMediaQuery } from './components/Workbench/use-media-query';
import { checkedLayoutPrefs, type Prefs } from './persistence/prefs';
import './App.css';

/** Wide enough for the chart and the tools side by side; below it, one column. */
const SIDE_BY_SIDE = '(min-width: 64rem)';
/** In one column the group and the panes take their content's height, and the page scrolls, not they. */
const COLUMN = { height: 'auto', maxHeight: 'none', overflow: 'visible' } as const;

/** The session: what it is and how far it has come, then its live chart and symbols. */
function MainPane() {
  return (
    <main className="workbench__main" aria-label="Session">
      <ErrorBanner />
      <SessionFacts />
      <PanelBoundary name="The live charts">
        <LiveSession />
      </PanelBoundary>
    </main>
  );
}

function Tools() {
  return (
    <aside className="workbench__tools" aria-label="Tools">
      <SideTabs />
    </aside>
  );
}

/**
 * The workbench: the top bar (session, clock, controls) always in view; below it the session's chart as the
 * main pane and the tools in tabs beside it, the split between them dragged (or moved with the arrow keys
 * on the separator) and remembered. On a narrow screen, one column under the sticky top bar: the same
 * elements, laid out by CSS, so that crossing the width keeps every pane's state (a command half typed, the
 * viewer's open rows, the chart's symbol).
 */
export function App({ prefs }: { prefs: Prefs }) {
  const sideBySide = useMediaQuery(SIDE_BY_SIDE);
  const layout = useDefaultLayout({
    id: 'session-tape:workbench',
    storage: checkedLayoutPrefs(prefs),
    // A narrow window or a window resized is not the user's choice of split: only a drag is kept.
    onlySaveAfterUserInteractions: true,
  });
  const fitted = sideBySide ? undefined : COLUMN;
  return (
    <div className={sideBySide ? 'app app--side-by-side' : 'app'}>
      <Header />
      <Group
        className={sideBySide ? 'workbench' : 'workbench workbench--column'}
        orientation={sideBySide ? 'horizontal' : 'vertical'}
        style={fitted}
        disabled={!sideBySide}
        defaultLayout={layout.defaultLayout}
        onLayoutChanged={layout.onLayoutChanged}
      >
        <Panel id="session" className="workbench__pane" style={fitted} defaultSize="60%" minSize="35%">
          <MainPane />
        </Panel>
        <Separator
          className="workbench__separator"
          aria-label="Resize the chart and the tools"
          disabled={!sideBySide}
        />
        <Panel id="tools" className="workbench__pane" style={fitted} defaultSize="40%" minSize="25%">
          <Tools />
        </Panel>
      </Group>
    </div>
  );
}
