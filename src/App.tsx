import { CommandConsole } from './components/CommandConsole/CommandConsole';
import { ConfigEditor } from './components/ConfigEditor/ConfigEditor';
import { ErrorBanner } from './components/ErrorBanner/ErrorBanner';
import { ExportHistory } from './components/ExportHistory/ExportHistory';
import { ExportPanel } from './components/ExportPanel/ExportPanel';
import { Header } from './components/Header/Header';
import { ImportBars } from './components/ImportBars/ImportBars';
import { OfflineReplay } from './components/OfflineReplay/OfflineReplay';
import { SessionPanel } from './components/SessionPanel/SessionPanel';
import { LiveSession } from './components/SessionView/LiveSession';
import { StoragePanel } from './components/Storage/StoragePanel';
import { ExportViewer } from './components/Viewer/ExportViewer';
import './App.css';

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="app__main">
        <ErrorBanner />
        <SessionPanel />
        <LiveSession />
        <div className="app__workbench">
          <ExportPanel />
          <CommandConsole />
        </div>
        <ExportHistory />
        <StoragePanel />
        <div className="app__workbench">
          <ConfigEditor />
          <ImportBars />
        </div>
        <OfflineReplay />
        <ExportViewer />
      </main>
    </div>
  );
}
