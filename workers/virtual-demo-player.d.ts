// The demo player's page, built into one HTML file by vite.config.ts's demo-player plugin, for the engine
// worker's `system save-demo`: the base64 of the gzipped HTML, whose tape element still holds the placeholder.
declare module 'virtual:demo-player' {
  const gzippedBase64: string;
  export default gzippedBase64;
}
