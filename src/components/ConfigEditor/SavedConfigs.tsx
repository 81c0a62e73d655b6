import { useState } from 'react';
import { useAppStore } from '../../store/context';

const savedAt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** Configurations kept in this browser by name: keep the editor's text, open or delete one. */
export function SavedConfigs() {
  const saved = useAppStore((s) => s.savedConfigs);
  const keep = useAppStore((s) => s.keepConfig);
  const open = useAppStore((s) => s.openSavedConfig);
  const remove = useAppStore((s) => s.deleteSavedConfig);
  const [name, setName] = useState('');

  return (
    <details className="saved-configs">
      <summary>
        Kept in this browser <span className="saved-configs__count number">({saved.length})</span>
      </summary>
      <form
        className="saved-configs__keep"
        onSubmit={(event) => {
          event.preventDefault();
          void keep(name).then(() => setName(''));
        }}
      >
        <input
          className="field-input"
          aria-label="Name to keep this configuration under"
          placeholder="Name, e.g. three days RIVN"
          value={name}
          maxLength={80}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button button--small" disabled={name.trim() === ''}>
          Keep
        </button>
      </form>
      {saved.length > 0 && (
        <ul className="saved-configs__list" data-testid="saved-configs">
          {saved.map((c) => (
            <li key={c.key}>
              <span className="saved-configs__name" title={`session “${c.sessionName}”`}>
                {c.name}
              </span>
              <span className="saved-configs__when number">{savedAt.format(c.savedAt)}</span>
              <button
                type="button"
                className="button button--small"
                aria-label={`Open the kept configuration ${c.name}`}
                onClick={() => void open(c.key)}
              >
                Open
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                aria-label={`Delete the kept configuration ${c.name}`}
                onClick={() => void remove(c.key)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
