// The demo player's page for the command line's `system save-demo`: `demoPlayerHtml()` of
// scripts/demo-player.ts, which builds the player page (or reads it built). Loaded on first use, by a path
// computed at run time, so that the command line runs (and type-checks) before that script exists; a
// missing or broken script is one clear error line, not a crash.

const SCRIPT = '../scripts/demo-player.ts';

export async function cliDemoPlayerPage(): Promise<string> {
  let module: { demoPlayerHtml?: unknown };
  try {
    module = (await import(new URL(SCRIPT, import.meta.url).href)) as { demoPlayerHtml?: unknown };
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`scripts/demo-player.ts could not be loaded (${why})`);
  }
  if (typeof module.demoPlayerHtml !== 'function')
    throw new Error('scripts/demo-player.ts has no demoPlayerHtml() function');
  const html: unknown = await module.demoPlayerHtml();
  if (typeof html !== 'string') throw new Error('demoPlayerHtml() did not give the page as text');
  return html;
}
