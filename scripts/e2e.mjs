// `npm run test:e2e`: builds the app into a folder of its own, serves it with `vite preview` on a free
// port through Playwright's webServer, and runs the browser tests. Own folder and port, so that two runs
// at once (two engineers, or a watcher) cannot trip over each other's build or server.
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

execFileSync(process.execPath, ['scripts/ensure-chromium.mjs'], { stdio: 'inherit' });

const port = await new Promise((resolve, reject) => {
  const server = createServer();
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    server.close(() => resolve(typeof address === 'object' && address ? address.port : 4174));
  });
});
const outDir = join('node_modules', '.cache', `e2e-dist-${process.pid}`);
const env = { ...process.env, E2E_PORT: String(port), E2E_DIST: outDir };
const bin = (name) => join('node_modules', '.bin', name);

let status = 1;
try {
  execFileSync(bin('vite'), ['build', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit', env });
  status =
    spawnSync(bin('playwright'), ['test', ...process.argv.slice(2)], { stdio: 'inherit', env }).status ?? 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
process.exit(status);
