// The demo player (player.html, src/player/) built into one self-contained HTML string, for demo files
// (docs/export-format.md, section 12): its script, style and worker inlined (vite-plugin-singlefile, inline
// workers), and the demo's Content-Security-Policy in a <meta> tag, which forbids every request. The tape
// element keeps its `__SESSION_TAPE__` placeholder for the demo writer.
//
// A build takes seconds, so the result is kept under node_modules/.cache/session-tape/, keyed by a hash of
// everything that goes into it: `demoPlayerHtml()` answers from there when nothing has changed.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { DEMO_CSP_DIRECTIVES } from '../content-security-policy.ts';
import { inlineCsp } from './vite-inline-csp.ts';
import { inlineWorkers } from './vite-inline-workers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'session-tape');

/** Folders and files whose content makes the player; a change to any of them means a new build. */
const INPUT_FOLDERS = ['src', 'workers', 'scripts'];
const INPUT_FILES = [
  'player.html',
  'vite.config.ts',
  'content-security-policy.ts',
  'package-lock.json',
  'tsconfig.base.json',
];

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  // Tests do not go into the player.
  return entries
    .filter((entry) => entry.isFile() && !/\.test(-support)?\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A hash of the player's inputs: names and contents, in a fixed order. */
export async function demoPlayerInputsHash(): Promise<string> {
  const files = [
    ...(await Promise.all(INPUT_FOLDERS.map((folder) => filesUnder(join(ROOT, folder))))).flat(),
    ...INPUT_FILES.map((file) => join(ROOT, file)),
  ]
    .map((file) => relative(ROOT, file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(await readFile(join(ROOT, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 20);
}

/**
 * Builds the player page into one HTML file and returns its text. The build has a configuration of its own
 * (no vite.config.ts), so the app's `virtual:demo-player` plugin is not in it: the player cannot embed
 * itself, and a build of the app that asks for the player does not recurse.
 */
export async function buildDemoPlayerHtml(): Promise<string> {
  // Vite takes production from NODE_ENV when it is set (vitest sets it to `test`), and React's development
  // build is twice the size: the player is built for production wherever it is asked for.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return playerOf(await buildPlayer());
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

const buildPlayer = () =>
  build({
    configFile: false,
    root: ROOT,
    base: './',
    mode: 'production',
    logLevel: 'warn',
    publicDir: false,
    plugins: [react(), inlineWorkers(), viteSingleFile(), inlineCsp({ directives: DEMO_CSP_DIRECTIVES })],
    // The player runs on Preact's React-compatible layer: about 180 KB less script for the page to parse
    // before its first chart (the app keeps React).
    resolve: {
      alias: [
        { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
        { find: /^react-dom$/, replacement: 'preact/compat' },
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
        { find: /^react$/, replacement: 'preact/compat' },
      ],
    },
    // Classic workers, as in the app (vite.config.ts): one piece each, started from a blob: URL.
    worker: { format: 'iife' },
    build: {
      target: 'es2022',
      write: false,
      sourcemap: false,
      outDir: join(CACHE_DIR, 'demo-player-build'),
      rolldownOptions: { input: join(ROOT, 'player.html') },
    },
  });

function playerOf(output: Awaited<ReturnType<typeof buildPlayer>>): string {
  const outputs = Array.isArray(output) ? output : [output];
  for (const out of outputs)
    if ('output' in out)
      for (const file of out.output)
        if (file.type === 'asset' && file.fileName === 'player.html') return String(file.source);
  throw new Error('The demo player build made no player.html.');
}

let pending: { key: string; html: Promise<string> } | undefined;

/** The player's HTML: the cached build when its inputs are unchanged, a fresh build otherwise. */
export async function demoPlayerHtml(): Promise<string> {
  const key = await demoPlayerInputsHash();
  if (pending?.key !== key) pending = { key, html: cachedOrBuilt(key) };
  try {
    return await pending.html;
  } catch (error) {
    pending = undefined;
    throw error;
  }
}

async function cachedOrBuilt(key: string): Promise<string> {
  const file = join(CACHE_DIR, `demo-player-${key}.html`);
  try {
    return await readFile(file, 'utf8');
  } catch {
    const html = await buildDemoPlayerHtml();
    await mkdir(CACHE_DIR, { recursive: true });
    // Builds of inputs that are gone are of no further use.
    for (const old of await readdir(CACHE_DIR))
      if (/^demo-player-\w+\.html$/.test(old)) await rm(join(CACHE_DIR, old), { force: true });
    await writeFile(file, html);
    return html;
  }
}
