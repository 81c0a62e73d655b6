// A session as the mirror worker holds it, for either source: the live mirror (`live`) or the offline
// replay of export files (`offline`). It reads again whenever `version` changes, in one round trip: the
// overview (symbol table, system panel), the selected symbol's quote, and only the new bars for the chart.
// The symbol's indicators come with the bars; which of them are drawn is the owner's choice (a store's).
// So do the strategies' markers and equity (drawn on the chart), positions, trades, orders and summary.
// The chart can be saved as a PNG (chart-png.ts), and a second symbol drawn over it in percent (the compare
// overlay, compare-overlay.ts): its closes come in the same read.

import {
  type CSSProperties,
  type RefObject,
  startTransition,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { AnalysisSummary } from '../../../workers/mirror/analysis-types';
import { saveBlob } from '../../downloads';
import type { MirrorClient, Source } from '../../mirror-client';
import { EQUITY_KEY, equityShown, type IndicatorChoice, shownIndicators } from '../../store/indicator-choice';
import { formatMoney } from './analysis-format';
import { BarChart, type Legend, themeOf } from './bar-chart';
import { ChartLegend } from './ChartLegend';
import { CompareSelect } from './CompareSelect';
import { chartPngName, composeChartPng, PNG_STATUS_MS, pngBandOf, pngBlob, pngSavedText } from './chart-png';
import { describeChart, describeCompare, SummaryPacer } from './chart-summary';
import { compareOf } from './compare-overlay';
import { EquityToggle } from './EquityToggle';
import { IndicatorsWaiting } from './IndicatorsWaiting';
import { IndicatorToggles } from './IndicatorToggles';
import { IntervalPicker } from './IntervalPicker';
import { isDrawn } from './indicator-layer';
import { waitingLine } from './indicator-waiting';
import { MarkerNote } from './MarkerNote';
import { QuoteView } from './QuoteView';
import { StrategyPanel } from './StrategyPanel';
import { SymbolTable } from './SymbolTable';
import { SystemPanel } from './SystemPanel';
import { type ReadView, rowOf, SessionReader } from './session-reader';
import { describeTally, strategyName, tallyMarkers } from './trade-markers';
import './SessionView.css';

/** Whether any part of the element is in the viewport (always true when not watched). */
function useOnScreen(element: RefObject<HTMLElement | null>, watch: boolean): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const target = element.current;
    if (!watch || !target || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const last = entries.at(-1);
      if (last) setOnScreen(last.isIntersecting);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, watch]);
  return onScreen;
}

/**
 * `text` as it may be shown now: at once when `series` changes, otherwise paced by SummaryPacer (the latest
 * text is shown when the wait is over, so the last state always gets shown).
 */
function usePacedText(text: string, series: string): string {
  const [shown, setShown] = useState(text);
  const pacer = useRef<SummaryPacer | null>(null);
  pacer.current ??= new SummaryPacer();
  useEffect(() => {
    const paced = pacer.current;
    if (!paced) return;
    const show = () => {
      paced.shown(series, performance.now());
      setShown(text);
    };
    const wait = paced.wait(series, performance.now());
    if (wait === 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [text, series]);
  return shown;
}

/** The performance mark set when a view first draws candles, followed by `:<source>`. */
export const FIRST_CHART_MARK = 'session-tape:first-chart';

/** Which symbol and interval a view shows (null: the mirror's first symbol), and the compare overlay's. */
export interface ViewChoice {
  symbol: string | null;
  interval: string;
  /** The symbol drawn over the chart in percent (null or absent: none). */
  compare?: string | null;
}

export interface SessionViewProps {
  /** The mirror worker that holds the session (the app's, or the demo player's). */
  client: Pick<MirrorClient, 'view'>;
  source: Source;
  /** Bumped by the owner whenever the mirror's state for this source changed. */
  version: number;
  /** Bumped when a complete export replaced the state: the chart reloads rather than appends. */
  epoch?: number;
  /** The symbol and interval first shown (a link's), and who is told when the person picks others. */
  initial?: ViewChoice;
  onChoice?: (choice: ViewChoice) => void;
  /** Told the owner's `version` once the view has read and drawn it (the demo player paces itself on it). */
  onDrawn?: (version: number) => void;
  /** While true the view reads nothing (its source is not ready yet); the chart is made all the same. */
  hold?: boolean;
  /** Which indicators are drawn: the person's choices by key (the rest follow the default). */
  indicatorChoice: IndicatorChoice;
  /** Told when the person turns an indicator on or off: the owner keeps the choice. */
  onIndicatorChoice: (key: string, shown: boolean) => void;
  /** Told the strategies' summary after each read (null without a strategy): the demo player shows it. */
  onSummary?: (summary: AnalysisSummary | null) => void;
  /**
   * Names this view's regions ("Live chart", "Live symbols"): the page shows the live view and a replay's
   * at once, and a screen reader's list of regions must tell them apart. By default from `source`.
   */
  label?: string;
  /** The session's name, for the PNG's file name and band (absent: "session"). */
  sessionName?: string | null;
}

const NO_LEGEND: Legend = { bar: null, last: null, indicators: [], trades: [], equity: null, compare: null };

export function SessionView({
  client,
  source,
  version,
  epoch = 0,
  initial,
  onChoice,
  onDrawn,
  hold = false,
  indicatorChoice,
  onIndicatorChoice,
  onSummary,
  label = source === 'live' ? 'Live' : 'Replay',
  sessionName = null,
}: SessionViewProps) {
  const [symbol, setChosenSymbol] = useState<string | null>(initial?.symbol ?? null);
  const [compare, setCompare] = useState<string | null>(initial?.compare ?? null);
  // Save PNG's outcome: its own state (not `error`, which each read clears), gone after PNG_STATUS_MS.
  const [pngStatus, setPngStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const pngSaves = useRef(0);
  const [interval, setChosenInterval] = useState(initial?.interval ?? '1m');
  const [view, setView] = useState<ReadView | null>(null);
  const [legend, setLegend] = useState<Legend>(NO_LEGEND);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const reader = useRef<SessionReader | null>(null);
  const chartRef = useRef<BarChart | null>(null);
  const onScreen = useOnScreen(root, source === 'live');

  // The chart and its reader live as long as the view; colours follow the system's light or dark scheme.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // Scrolling back takes older bars into the chart between reads: the counts under it follow.
    const chart = new BarChart(element, themeOf(element), setLegend, (held) =>
      setView((shown) => (shown ? { ...shown, ...held } : shown)),
    );
    let marked = false;
    const mine = new SessionReader(
      client,
      chart,
      (next) => {
        // The first candles drawn are marked on the page's timeline (`npm run bench` reads the mark): the
        // chart has them now, and paints them in the coming frame.
        if (!marked && next.candles > 0) {
          marked = true;
          requestAnimationFrame(() => performance.mark(`${FIRST_CHART_MARK}:${source}`));
        }
        // A transition: React draws the tables in slices that yield to the page, not in the task that
        // changed the chart (a 300-symbol session reads several times a second at full speed).
        startTransition(() => {
          setError(null);
          setView(next);
        });
      },
      setError,
    );
    reader.current = mine;
    chartRef.current = chart;
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const retheme = () => chart.applyTheme(themeOf(element));
    scheme.addEventListener('change', retheme);
    return () => {
      scheme.removeEventListener('change', retheme);
      mine.dispose();
      reader.current = null;
      chartRef.current = null;
      chart.dispose();
    };
  }, [client, source]);

  // The session's symbols as the last read gave them (one string: it changes only when they do).
  const symbolNames = useMemo(
    () => (view?.overview.symbols ?? []).map((s) => s.symbol).join(','),
    [view?.overview],
  );
  const shownSymbol = view?.symbol ?? null;
  const shownInterval = view?.interval ?? null;
  // The compare symbol used, derived here once from the one chosen, for the read, the select and the owner.
  // A chosen symbol that is not one of the session's (a stale address, a symbol taken out of the
  // configuration) or that is charted is none: the select shows "None", no read asks for it, and the live
  // view never asks the engine for it (the engine refuses a whole list with one unknown name, and the
  // charted symbol's rows would never come). While the session has no symbol yet (the live mirror before
  // Start) the choice is used: an address's must survive until then (the reader drops it if it is stale, and
  // does not read again for the same request without it).
  const compareShown = compareOf(compare, symbolNames, [symbol, shownSymbol]);
  // Charting the compare symbol takes the overlay away for good (a symbol compared with itself), rather than
  // until another symbol is charted: whether it is charted by hand or turns out to be the one shown (an
  // address's `vs` when the chart opens on the first symbol, which is that one), kept it would come back as
  // an overlay nobody saw chosen. Set while rendering (React's way to adjust state to what was read), not
  // in an effect: the next render has it, before anything is drawn.
  if (compare !== null && (compare === symbol || compare === shownSymbol)) setCompare(null);

  // A live view scrolled out of sight skips reads of deltas; back in sight, one read catches up with every
  // new bar. A new epoch is read in or out of sight: the chart, the symbol table and the system panel must
  // never hold the session before (a new configuration's empty mirror, another session), or they show it,
  // with a badge that says the mirror is in sync, until the next read after the view comes back in sight.
  const epochRead = useRef<number | null>(null);
  useEffect(() => {
    if (hold || (!onScreen && epochRead.current === epoch)) return;
    epochRead.current = epoch;
    void reader.current?.request({ source, symbol, interval, epoch, version, compare: compareShown });
  }, [source, symbol, interval, epoch, version, onScreen, hold, compareShown]);

  // The owner hears what is shown (the mirror's answer, so a symbol it does not hold is not reported), and
  // the compare symbol used (the live view tells the engine to send its rows too).
  useEffect(() => {
    if (shownInterval !== null)
      onChoice?.({ symbol: shownSymbol, interval: shownInterval, compare: compareShown });
  }, [shownSymbol, shownInterval, compareShown, onChoice]);

  const drawn = view?.version ?? null;
  useEffect(() => {
    if (drawn !== null) onDrawn?.(drawn);
  }, [drawn, onDrawn]);

  // The indicators drawn: the choice over those the symbol has; a chart that loads anew keeps drawing them.
  const indicators = view?.indicators;
  const shown = useMemo(
    () => shownIndicators(indicatorChoice, indicators ?? []),
    [indicatorChoice, indicators],
  );
  useEffect(() => {
    chartRef.current?.showIndicators(shown);
  }, [shown]);
  // A pane indicator with no value yet at any bar held gets no pane (indicator-layer.ts), and the shown ones
  // without a value are said in one line instead (IndicatorsWaiting).
  const panes = (indicators ?? []).filter((i) => i.placement === 'pane' && isDrawn(i, shown)).length;
  const waiting = useMemo(
    () => (indicators ?? []).filter((i) => shown.has(i.key) && !i.hasValues),
    [indicators, shown],
  );

  // The equity pane: on by default when a strategy runs; its chip only when there is a strategy at all.
  const analysis = view?.analysis ?? null;
  const hasStrategies = (analysis?.strategies.length ?? 0) > 0;
  const strategyRuns = analysis?.strategies.some((s) => s.enabled) ?? false;
  const equityOn = equityShown(indicatorChoice, strategyRuns);
  const equityPoints = view?.equityPoints ?? 0;
  useEffect(() => {
    chartRef.current?.showEquity(equityOn);
  }, [equityOn]);
  const equityPane = equityOn && equityPoints > 0 ? 1 : 0;
  const summary = hasStrategies ? (analysis?.summary ?? null) : null;
  useEffect(() => {
    onSummary?.(summary);
  }, [summary, onSummary]);
  const tally = useMemo(() => describeTally(tallyMarkers(analysis?.markers ?? [])), [analysis?.markers]);
  const chartSummary = usePacedText(
    [
      describeChart(
        view?.symbol ?? null,
        view?.interval ?? interval,
        view?.candles ?? 0,
        view?.historyCount ?? 0,
        // The legend's last bar, the one it shows when the crosshair is off the chart.
        legend.last,
      ),
      hasStrategies
        ? `${analysis?.strategies.map((s) => strategyName(s.module)).join(', ')}: ${tally ?? 'no signal or order on this symbol yet'}; ${analysis?.summary.trades ?? 0} closed trades.`
        : null,
      equityPane ? `Equity pane shown, last ${formatMoney(analysis?.summary.equity ?? null)}.` : null,
      // The line under the toggles, for a reader of the chart's description too.
      (view?.candles ?? 0) > 0 ? waitingLine(waiting) : null,
      view?.compare
        ? describeCompare(
            view.symbol,
            view.compare.symbol,
            view.interval,
            view.compare.held,
            // The figures at the last bar (the legend's are the hovered bar's while the pointer is on the chart).
            legend.bar === legend.last ? legend.compare : null,
          )
        : null,
    ]
      .filter((part) => part !== null)
      .join(' '),
    `${view?.symbol ?? ''} ${view?.interval ?? interval} ${view?.compare?.symbol ?? ''}`,
  );

  useEffect(() => {
    if (pngStatus === null) return;
    const timer = setTimeout(() => setPngStatus(null), PNG_STATUS_MS);
    return () => clearTimeout(timer);
  }, [pngStatus]);

  // The chart as a PNG: the chart's picture under a band that says what it shows (chart-png.ts).
  const savePng = () => {
    const failed = (problem: unknown) =>
      setPngStatus({
        text: `The chart could not be saved as a PNG: ${problem instanceof Error ? problem.message : String(problem)}`,
        failed: true,
      });
    const chart = chartRef.current;
    const element = box.current;
    if (!chart || !element) return;
    try {
      const shot = chart.screenshot();
      const theme = themeOf(element);
      const style = getComputedStyle(element);
      const scale = element.clientWidth > 0 ? shot.width / element.clientWidth : 1;
      const shownName = view?.symbol ?? null;
      const shownInt = view?.interval ?? interval;
      const band = pngBandOf(sessionName, shownName, shownInt, legend.last, legend.compare);
      const canvas = composeChartPng(
        shot,
        band,
        {
          background: theme.background,
          text: style.getPropertyValue('--text').trim() || theme.text,
          muted: theme.text,
          border: theme.border,
          fontFamily: style.fontFamily,
        },
        scale,
      );
      const name = chartPngName(sessionName, shownName, shownInt, legend.last?.time ?? null);
      void pngBlob(canvas).then((blob) => {
        saveBlob(blob, name);
        pngSaves.current += 1;
        setPngStatus({ text: pngSavedText(name, pngSaves.current), failed: false });
      }, failed);
    } catch (problem) {
      failed(problem);
    }
  };

  const overview = view?.overview ?? null;
  const row = overview ? rowOf(overview, view?.symbol ?? null) : null;
  const empty = overview !== null && overview.symbols.length === 0;

  return (
    <div ref={root} className="session-view" data-testid={`session-view-${source}`}>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <div className="session-view__top">
        <section
          className="session-view__chart-card"
          aria-label={`${label} chart`}
          aria-describedby={`${source}-chart-summary`}
        >
          <p className="visually-hidden" id={`${source}-chart-summary`} data-testid="chart-summary">
            {chartSummary}
          </p>
          <div className="session-view__chart-head">
            <ChartLegend
              symbol={view?.symbol ?? null}
              interval={view?.interval ?? interval}
              bar={legend.bar}
              indicators={legend.indicators}
              equity={legend.equity}
              compare={legend.compare}
              compareHeld={view?.compare?.held ?? true}
            />
            <div className="session-view__chart-tools">
              <IntervalPicker
                intervals={row?.intervals ?? []}
                selected={view?.interval ?? interval}
                onSelect={setChosenInterval}
              />
              <CompareSelect
                id={`${source}-compare`}
                names={symbolNames}
                exclude={view?.symbol ?? null}
                selected={compareShown}
                onSelect={setCompare}
              />
              <button
                type="button"
                className="button button--small"
                data-testid="chart-save-png"
                disabled={(view?.candles ?? 0) === 0}
                onClick={savePng}
              >
                Save PNG
              </button>
            </div>
          </div>
          <p className="visually-hidden" role="status" data-testid="chart-png-status">
            {pngStatus && !pngStatus.failed ? pngStatus.text : null}
          </p>
          {pngStatus?.failed && (
            <p className="inline-error" role="alert" data-testid="chart-png-error">
              {pngStatus.text}
            </p>
          )}
          <IndicatorToggles indicators={indicators ?? []} shown={shown} onToggle={onIndicatorChoice}>
            {hasStrategies && (
              <EquityToggle shown={equityOn} onToggle={(on) => onIndicatorChoice(EQUITY_KEY, on)} />
            )}
          </IndicatorToggles>
          {/* Not while the chart has no candle at all: it says so itself, and no indicator could have a value. */}
          <IndicatorsWaiting waiting={(view?.candles ?? 0) > 0 ? waiting : []} />
          {/* Each indicator pane adds to the chart's height (PRICE_PANE_STRETCH), so the candles keep theirs;
              so does the equity pane. */}
          <div
            className="session-view__chart-wrap"
            style={{ '--indicator-panes': panes + equityPane } as CSSProperties}
            data-indicator-panes={panes}
            data-equity-pane={equityPane}
            data-equity-points={equityPoints}
            data-trade-markers={view?.tradeMarkers ?? 0}
            data-compare={legend.compare?.symbol ?? ''}
            data-compare-points={legend.compare?.points ?? 0}
          >
            <div ref={box} className="session-view__chart" data-testid="chart" />
            <MarkerNote trades={legend.trades} />
            {(overview === null || empty) && (
              <div className="session-view__chart-empty">
                {overview === null ? 'Reading the mirror…' : 'Nothing to chart yet.'}
              </div>
            )}
          </div>
          <div className="session-view__chart-foot">
            <span>
              <span
                className="number"
                data-testid="chart-candle-count"
                data-last-read={view?.lastRead ?? ''}
                data-symbol={view?.symbol ?? ''}
                data-interval={view?.interval ?? ''}
              >
                {view?.candles ?? 0}
              </span>{' '}
              candles (
              <span className="number" data-testid="chart-history-count">
                {view?.historyCount ?? 0}
              </span>{' '}
              historical)
            </span>
            {tally && (
              <span className="session-view__trades" data-testid="chart-trade-markers">
                {tally}
              </span>
            )}
            {(view?.gaps ?? 0) > 0 && (
              <span className="session-view__gaps" data-testid="chart-gaps">
                {view?.gaps} gaps marked
              </span>
            )}
            <span className="session-view__tz">Times in ET (exchange time)</span>
          </div>
        </section>
        <QuoteView
          name={`${label} last trade and quote`}
          symbol={view?.symbol ?? null}
          quote={view?.quote ?? null}
          row={row}
        />
      </div>
      {analysis && hasStrategies && <StrategyPanel name={`${label} strategies`} analysis={analysis} />}
      <SymbolTable
        name={`${label} symbols`}
        symbols={overview?.symbols ?? []}
        selected={view?.symbol ?? null}
        onSelect={setChosenSymbol}
      />
      <SystemPanel name={`${label} system`} sections={overview?.sections ?? {}} summary={summary} />
    </div>
  );
}
