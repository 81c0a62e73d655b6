import { CommandConsole } from './components/CommandConsole/CommandConsole';
import { ErrorBanner } from './components/ErrorBanner/ErrorBanner';
import { ExportHistory } from './components/ExportHistory/ExportHistory';
import { ExportPanel } from './components/ExportPanel/ExportPanel';
import { Header } from './components/Header/Header';
import { SessionPanel } from './components/SessionPanel/SessionPanel';
import { ExportViewer } from './components/Viewer/ExportViewer';
import './App.css';

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="app__main">
        <ErrorBanner />
        <SessionPanel />
        <div className="app__workbench">
          <ExportPanel />
          <CommandConsole />
        </div>
        <ExportHistory />
        <ExportViewer />
      </main>
    </div>
  );
}
