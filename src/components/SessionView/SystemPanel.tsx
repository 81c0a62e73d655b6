// The engine as the last export applied described it: state, market time, the four pipeline stages and
// their status (`threads`), and performance (`performance_metrics`: stage timings, counters, the last
// complete and delta export). Read from the always-whole sections, so it works offline too; states are
// shown as the file writes them, and missing thread information as not known (system-status.ts).
import type { AnalysisSummary } from '../../../workers/mirror/analysis-types';
import { formatBytes, formatCount, formatDuration, formatMarketTime } from '../../format';
import { StrategySummary } from './StrategySummary';
import { exportShown, STAGES, speedShown, stageStatus, systemState } from './system-status';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** `2025-07-01 · 09:30–16:00`; the hours left out when the export does not give them (the original's). */
function describeSession(session: Json): string {
  const date = str(session.date) ?? '—';
  const open = str(session.regular_open);
  const close = str(session.regular_close);
  const hours = open !== null && close !== null ? ` · ${open}–${close}` : '';
  return `${date}${hours}${session.is_early_close ? ' (early close)' : ''}`;
}
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
/** Stage timings are often far below a millisecond: `0.006` -> `6 µs`, `0.3` -> `0.30 ms`. */
const formatStageTime = (v: unknown) => {
  const n = num(v);
  if (n === null) return '—';
  if (n === 0) return '0';
  if (n < 0.1) return `${Math.max(1, Math.round(n * 1000))} µs`;
  if (n < 1) return `${n.toFixed(2)} ms`;
  return formatDuration(n);
};
const label = (stage: string) => stage.replace(/_/g, ' ');

function ExportLine({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  const lastExport = obj(value);
  return (
    <div className="system-panel__fact system-panel__fact--wide">
      <dt>{title}</dt>
      <dd className="number" data-testid={testId}>
        {lastExport
          ? `${formatBytes(num(lastExport.bytes) ?? 0)} · ${formatCount(num(lastExport.rows) ?? 0)} rows · ${formatDuration(num(lastExport.duration_ms) ?? 0)}`
          : 'none yet'}
      </dd>
    </div>
  );
}

export function SystemPanel({
  name,
  sections,
  summary = null,
}: {
  /** The region's name, unique on the page (SessionView's `label`). */
  name: string;
  sections: Json;
  /** The strategies' figures, when a strategy is configured. */
  summary?: AnalysisSummary | null;
}) {
  const system = obj(sections.system_manager);
  const session = obj(obj(sections.time_manager)?.current_session);
  const threads = sections.threads;
  const perf = obj(sections.performance_metrics);
  const timing = obj(perf?.timing_ms);
  const counters = obj(perf?.counters);
  const marketTime = str(system?.market_time);

  return (
    <section className="system-panel" aria-label={name} data-testid="system-panel">
      {summary && <StrategySummary summary={summary} />}
      <dl className="system-panel__facts">
        <div className="system-panel__fact">
          <dt>State</dt>
          <dd data-testid="system-panel-state">{systemState(system)}</dd>
        </div>
        <div className="system-panel__fact">
          <dt>Market time</dt>
          <dd className="number" data-testid="system-panel-market-time">
            {marketTime ? `${marketTime.slice(0, 10)} ${formatMarketTime(marketTime)} ET` : '—'}
          </dd>
        </div>
        <div className="system-panel__fact">
          <dt>Session</dt>
          <dd>{session ? describeSession(session) : '—'}</dd>
        </div>
        <div className="system-panel__fact">
          <dt>Speed</dt>
          <dd className="number">{speedShown(system)}</dd>
        </div>
        <div className="system-panel__fact">
          <dt>Export shown</dt>
          <dd className="number" title="The export this view is up to date with, and its wall-clock time">
            {exportShown(sections._metadata)}
          </dd>
        </div>
      </dl>
      <table className="system-panel__stages" data-testid="system-stages">
        <thead>
          <tr>
            <th scope="col">Pipeline stage</th>
            <th scope="col">Status</th>
            <th scope="col" className="is-number">
              Runs
            </th>
            <th scope="col" className="is-number">
              Avg
            </th>
            <th scope="col" className="is-number">
              Min
            </th>
            <th scope="col" className="is-number">
              Max
            </th>
          </tr>
        </thead>
        <tbody>
          {STAGES.map((stage) => {
            const status = stageStatus(threads, stage);
            const stageTiming = obj(timing?.[stage]);
            return (
              <tr key={stage} data-testid="system-stage" data-stage={stage}>
                <th scope="row" title={status.thread ?? undefined}>
                  {label(stage)}
                </th>
                <td>
                  <span
                    className={`stage-status stage-status--${status.tone}`}
                    data-testid="system-stage-status"
                  >
                    {status.text}
                  </span>
                </td>
                <td className="is-number number">{formatCount(num(stageTiming?.count) ?? 0)}</td>
                <td className="is-number number">{formatStageTime(stageTiming?.avg)}</td>
                <td className="is-number number">{formatStageTime(stageTiming?.min)}</td>
                <td className="is-number number">{formatStageTime(stageTiming?.max)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="system-panel__facts">
        {counters &&
          Object.entries(counters).map(([name, value]) => (
            <div key={name} className="system-panel__fact">
              <dt>{label(name)}</dt>
              <dd className="number">{formatCount(num(value) ?? 0)}</dd>
            </div>
          ))}
        <ExportLine
          title="Last complete export"
          value={perf?.last_complete_export}
          testId="system-panel-last-complete"
        />
        <ExportLine
          title="Last delta export"
          value={perf?.last_delta_export}
          testId="system-panel-last-delta"
        />
      </dl>
    </section>
  );
}
