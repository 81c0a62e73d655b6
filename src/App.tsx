import { ErrorBanner } from './components/ErrorBanner/ErrorBanner';
import { Header } from './components/Header/Header';
import { SessionPanel } from './components/SessionPanel/SessionPanel';
import './App.css';

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="app__main">
        <ErrorBanner />
        <SessionPanel />
      </main>
    </div>
  );
}
