import { useRef } from 'react';
import { SessionPanel } from '../SessionPanel/SessionPanel';
import { useHeightVariable } from '../Workbench/use-height-variable';
import './Header.css';

/**
 * The top bar: the app's name, then the session's name and state, its market clock, the controls, the speed
 * and the progress. It stays in view (sticky) whatever pane or tab is scrolled: what runs the session is
 * never more than a click away. Its height is kept in `--top-bar-height`: in one column, the tab list sticks
 * below it and what is scrolled into view stops below it (App.css).
 */
export function Header() {
  const bar = useRef<HTMLElement>(null);
  useHeightVariable(bar, '--top-bar-height');
  return (
    <header ref={bar} className="app-header">
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden="true" />
        <h1 className="app-header__title">Session Tape</h1>
      </div>
      <SessionPanel />
    </header>
  );
}
