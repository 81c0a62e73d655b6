// Where the page finds its tape: the text of `<script id="session-tape" type="application/x-session-tape">`
// in player.html, which `system save-demo` fills in (workers/export/contract/demo-tape.ts). The page only
// hands the text to the player's worker; it never decodes it. The names are the contract's, checked by
// the type checker (`typeof`), since the UI imports nothing from workers/ but types.
import type { DEMO_TAPE_ELEMENT_ID, DEMO_TAPE_PLACEHOLDER } from '../../workers/export/contract';

const ELEMENT_ID: typeof DEMO_TAPE_ELEMENT_ID = 'session-tape';
const PLACEHOLDER: typeof DEMO_TAPE_PLACEHOLDER = '__SESSION_TAPE__';

export type PageTape =
  | { kind: 'tape'; text: string }
  /** The player as built, before a demo was written into it (`npm run dev`, or the bare build). */
  | { kind: 'placeholder' }
  | { kind: 'missing' };

export function pageTape(doc: Pick<Document, 'getElementById'>): PageTape {
  const element = doc.getElementById(ELEMENT_ID);
  if (element === null) return { kind: 'missing' };
  const text = element.textContent ?? '';
  if (text.trim() === PLACEHOLDER) return { kind: 'placeholder' };
  return { kind: 'tape', text };
}
