import './Notes.css';

/**
 * What a reader of exports could not use in a file, or had to assume (docs/export-format.md section 11):
 * a short list under what it shows. The viewer and Open exports both show theirs with it. Nothing is shown
 * when there is nothing to say.
 */
export function Notes({ notes, testId }: { notes: readonly string[]; testId: string }) {
  if (notes.length === 0) return null;
  return (
    <div className="notes" role="note" data-testid={testId}>
      <span className="notes__title">Not used from this file, or assumed:</span>
      <ul className="notes__list">
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
