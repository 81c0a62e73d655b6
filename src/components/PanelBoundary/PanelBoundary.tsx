import { Component, type ErrorInfo, type ReactNode } from 'react';
import './PanelBoundary.css';

interface Props {
  /** What the panel is, for the message ("The Export panel"). */
  name: string;
  children: ReactNode;
}

interface State {
  error: string | null;
}

/** The first line of an error's message, cut short: the message is shown on the page as text. */
const shortMessage = (error: unknown): string => {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
};

/**
 * Keeps a panel's failure to itself. Every tool panel stays mounted (SideTabs.tsx), so one that throws while
 * drawing would otherwise blank the whole page, the session's controls included; here it shows what went
 * wrong in its place, with a button to draw it again, and the rest of the page goes on working.
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: shortMessage(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The console keeps the whole story for whoever reports it.
    console.error(`${this.props.name} failed to draw`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div className="inline-error panel-boundary" role="alert" data-testid="panel-boundary">
        <p className="panel-boundary__text">
          {this.props.name} stopped working: {error}. The rest of the page still works.
        </p>
        <button type="button" className="button button--small" onClick={() => this.setState({ error: null })}>
          Draw it again
        </button>
      </div>
    );
  }
}
