import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { defineConfig } from 'vitest/config';
import { APP_CSP_DIRECTIVES, APP_CSP_HEADER_ONLY } from './content-security-policy.ts';
import { demoPlayerModule } from './scripts/vite-demo-player.ts';
import { inlineCsp } from './scripts/vite-inline-csp.ts';
import { inlineWorkers } from './scripts/vite-inline-workers.ts';

// `vite build` makes one self-contained dist/index.html (issue 13): script and style inlined by
// vite-plugin-singlefile, the workers inlined and started from blob: URLs (the engine's history helper
// inside the engine's), so the page also runs opened from disk, with no server. Its Content-Security-Policy
// allows that inline code by hash.
export default defineConfig({
  plugins: [
    react(),
    demoPlayerModule(),
    inlineWorkers(),
    viteSingleFile(),
    // After viteSingleFile(): it hashes the page as the browser gets it.
    inlineCsp({ directives: APP_CSP_DIRECTIVES, headerOnly: APP_CSP_HEADER_ONLY }),
  ],
  base: './',
  worker: {
    // Classic workers: on a file:// page Chromium does not load a module worker from a blob: URL (the page's
    // origin is opaque, so the blob is not same-origin to it), but it does a classic one; and a classic
    // worker's bundle is one piece, with no chunk to load beside it.
    format: 'iife',
    // The engine worker embeds the demo player for Save demo, and starts its history helper inlined too (a
    // worker's own `new Worker(new URL(...))`, which would otherwise be a file beside the page).
    plugins: () => [demoPlayerModule(), inlineWorkers()],
  },
  // No source maps: the page is one file, and a map beside it would be a file it points to.
  build: { target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: [
      'workers/**/*.test.ts',
      'src/**/*.test.ts',
      'lint/**/*.test.ts',
      'fuzz/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
  },
});
