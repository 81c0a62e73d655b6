import { useCallback, useEffect, useRef } from 'react';
import { checkSummary, describeIgnored } from '../../store/config-editor';
import { selectConfigDirty } from '../../store/config-slice';
import { useAppStore } from '../../store/context';
import { Card } from '../Card/Card';
import { CodeEditor } from './CodeEditor';
import { ConfigForm } from './ConfigForm';
import { SavedConfigs } from './SavedConfigs';
import './ConfigEditor.css';

/**
 * The session configuration: a form of its common fields (with Add indicator) beside the JSON, the two in
 * step; the JSON checked by the engine as you type (the field and the reason), the sections kept but not
 * used listed, Load file… / Save / Apply / Reset to default.
 */
export function ConfigEditor() {
  const config = useAppStore((s) => s.config);
  const dirty = useAppStore(selectConfigDirty);
  const engineUp = useAppStore((s) => s.snapshot !== null && s.workerError === null);
  const restoring = useAppStore((s) => s.storage.restore.active);
  const edit = useAppStore((s) => s.editConfig);
  const loadFile = useAppStore((s) => s.loadConfigFile);
  const saveFile = useAppStore((s) => s.saveConfigFile);
  const apply = useAppStore((s) => s.applyConfig);
  const reset = useAppStore((s) => s.resetConfigToDefault);
  const revert = useAppStore((s) => s.revertConfig);
  const dismiss = useAppStore((s) => s.dismissConfigNotice);
  const load = useAppStore((s) => s.loadConfiguration);
  const goToLine = useAppStore((s) => s.goToConfigLine);
  // While a session runs or is paused Apply is refused: "Stop and apply" is the way on, in one click.
  const sessionLive = useAppStore((s) => s.snapshot?.state === 'RUNNING' || s.snapshot?.state === 'PAUSED');
  const loaded = config.inForce !== null;
  const fileInput = useRef<HTMLInputElement>(null);
  // The editor's own edit (undoable there); the store's when the editor is not drawn.
  const writer = useRef<((text: string) => void) | null>(null);
  const write = useCallback((text: string) => (writer.current ?? edit)(text), [edit]);
  const onText = useCallback((text: string) => edit(text), [edit]);

  useEffect(() => {
    if (engineUp && !loaded) void load();
  }, [engineUp, loaded, load]);

  const { check } = config;
  const problemLine = check.status === 'error' ? check.line : null;
  const ignored = check.status === 'ok' ? describeIgnored(check.ignored) : null;
  const status = checkSummary(check, dirty);

  return (
    <Card
      className="config-editor"
      title="Session configuration"
      titleId="config-title"
      aside={
        <span className="card__aside" data-testid="config-origin">
          {dirty ? `edited · from ${config.origin}` : config.inForce ? 'in force' : 'loading…'}
        </span>
      }
    >
      <div className="config-editor__panes">
        <ConfigForm write={write} />
        <div className="config-editor__json">
          <CodeEditor
            id="config-text"
            label="Session configuration (JSON)"
            describedBy="config-status"
            value={config.text}
            onChange={onText}
            problemLine={problemLine}
            goTo={config.goTo}
            writer={writer}
          />
          <div className="config-editor__status">
            <p
              id="config-status"
              className={`config-status config-status--${check.status}`}
              data-testid="config-status"
              data-status={check.status}
              aria-live="polite"
            >
              {check.status === 'error' && problemLine !== null && (
                <span className="config-status__line number">line {problemLine} · </span>
              )}
              {status}
            </p>
            {problemLine !== null && (
              <button
                type="button"
                className="link-button config-status__go"
                onClick={() => goToLine(problemLine)}
              >
                Go to line {problemLine}
              </button>
            )}
            {ignored !== null && (
              <p
                className="config-ignored"
                data-testid="config-ignored"
                title="Kept in the configuration and in exports, not used by this app"
              >
                {ignored}
              </p>
            )}
          </div>
        </div>
      </div>
      {config.notice !== null && (
        <p
          className={config.notice.ok ? 'config-notice' : 'inline-error'}
          role={config.notice.ok ? 'status' : 'alert'}
          data-testid="config-notice"
        >
          <span>{config.notice.text}</span>
          <button type="button" className="button button--small" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
      <div className="config-editor__actions">
        <input
          ref={fileInput}
          type="file"
          accept=".json,.gz,application/json,application/gzip"
          hidden
          data-testid="config-file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void loadFile(file, file.name);
            event.target.value = '';
          }}
        />
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Load file…
        </button>
        <button type="button" className="button" onClick={saveFile} disabled={config.text.trim() === ''}>
          Save
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!engineUp || restoring || config.applying || check.status === 'error'}
          onClick={() => void apply()}
          title={
            restoring
              ? 'Wait until the data kept in this browser is restored'
              : 'Puts this configuration in force: a fresh session, stopped (refused while a session runs)'
          }
        >
          {config.applying ? 'Applying…' : 'Apply'}
        </button>
        {sessionLive && (
          <button
            type="button"
            className="button"
            disabled={!engineUp || restoring || config.applying || check.status === 'error'}
            onClick={() => void apply({ stopFirst: true })}
            title="Stops the session, then puts this configuration in force: a fresh session, stopped"
          >
            Stop and apply
          </button>
        )}
        <button type="button" className="button" onClick={() => void reset()} disabled={!engineUp}>
          Reset to default
        </button>
        {dirty && (
          <button type="button" className="button button--small config-editor__revert" onClick={revert}>
            Undo changes
          </button>
        )}
      </div>
      <SavedConfigs />
    </Card>
  );
}
