import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { APP_CSP_HEADER, APP_CSP_META } from './content-security-policy.ts';

/** The built page carries the app's Content-Security-Policy (content-security-policy.ts). */
const contentSecurityPolicy = (): Plugin => ({
  name: 'session-tape:content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: APP_CSP_META },
      injectTo: 'head-prepend',
    },
  ],
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // Relative asset paths so the built app also works from a file server subfolder (offline demos).
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': APP_CSP_HEADER },
  },
  test: {
    include: ['workers/**/*.test.ts', 'src/**/*.test.ts', 'lint/**/*.test.ts', 'fuzz/**/*.test.ts'],
    environment: 'node',
  },
});
