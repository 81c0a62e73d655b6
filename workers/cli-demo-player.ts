// The demo player's page for the command line's `system save-demo`: `demoPlayerHtml()` of
// scripts/demo-player.ts, which builds the player page with Vite (or reads it from its cache). Loaded on
// first use only, so that other commands do not load Vite; a build that fails is one clear error line.

export async function cliDemoPlayerPage(): Promise<string> {
  const { demoPlayerHtml } = await import('../scripts/demo-player');
  return demoPlayerHtml();
}
