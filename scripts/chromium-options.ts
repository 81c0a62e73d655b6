// How the browser tests and benchmarks start Chromium on this machine: Debian's own (Playwright cannot
// download its browsers here), with the switches that keep it quiet and off the network.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
