import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  // Relative asset paths so the built app also works from a file server subfolder (offline demos).
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['workers/**/*.test.ts', 'src/**/*.test.ts', 'lint/**/*.test.ts', 'fuzz/**/*.test.ts'],
    environment: 'node',
  },
});
