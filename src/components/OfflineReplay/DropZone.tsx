import { type ChangeEvent, type DragEvent, useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/context';

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * Where export files come in: dropped on the zone, or chosen with the file input (several at once). The
 * File objects go to the mirror worker as they are; this thread never reads them.
 */
export function DropZone({ compact }: { compact: boolean }) {
  const open = useAppStore((s) => s.openOfflineFiles);
  const busy = useAppStore((s) => s.offline.status === 'opening');
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them, so the highlight does not flicker.
  const depth = useRef(0);

  // A file dropped just beside the zone would make the browser leave the page to show it, losing the
  // session: outside the zone, file drops are refused instead.
  useEffect(() => {
    const refuse = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files') && !event.defaultPrevented) {
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
      }
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);

  const openList = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length > 0) void open(files.map((file) => ({ name: file.name, blob: file })));
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    openList(event.target.files);
    event.target.value = '';
  };

  const onDragEnter = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setOver(true);
  };
  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    openList(event.dataTransfer.files);
  };

  const className = ['dropzone', compact ? 'dropzone--compact' : '', over ? 'dropzone--over' : '']
    .filter(Boolean)
    .join(' ');

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop target; the file input inside is the accessible way in.
    <div
      className={className}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-testid="offline-drop"
      data-over={over}
    >
      <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 15V4m0 0-4 4m4-4 4 4M5 14v4a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-4" />
      </svg>
      <div className="dropzone__text">
        <strong>
          {over ? 'Drop to open' : compact ? 'Drop other exports here' : 'Drop export files here'}
        </strong>
        {!compact && (
          <span>
            One complete export and the deltas that follow it, in any order: <code>.json</code> or{' '}
            <code>.json.gz</code>, from this app or the original system.
          </span>
        )}
      </div>
      <label className={`button button--small dropzone__choose${busy ? ' dropzone__choose--busy' : ''}`}>
        Choose files…
        <input
          type="file"
          multiple
          accept=".json,.gz,application/json,application/gzip"
          onChange={onChange}
          aria-label="Export files to open"
          data-testid="offline-files"
        />
      </label>
    </div>
  );
}
