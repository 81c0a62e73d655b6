import './Header.css';

export function Header() {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <div className="app-header__brand">
          <span className="app-header__logo" aria-hidden="true" />
          <h1 className="app-header__title">Session Tape</h1>
        </div>
        <p className="app-header__tagline">Backtest replay in a Web Worker</p>
      </div>
    </header>
  );
}
