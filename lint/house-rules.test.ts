// The house rules fail the build (README, Architecture): each test lays out a scratch project with this
// repository's own lint and type-check configuration, adds one file that breaks a rule, and checks that the
// check run by `npm test` fails naming that rule. The scratch project without the offending file passes,
// so a rule that stopped matching anything, or one that refused everything, would both fail here.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const CONFIG_FILES = [
  'biome.json',
  'lint',
  'tsconfig.base.json',
  'workers/tsconfig.json',
  'src/tsconfig.json',
];

/** A tiny project that keeps every rule: the engine on common, the exporter on the engine, the UI on types. */
const CLEAN: Record<string, string> = {
  'workers/common/result.ts':
    'export type Result<T> = { ok: true; value: T } | { ok: false; error: string };\n',
  'workers/engine/clock.ts': [
    "import type { Result } from '../common/result';",
    '',
    'export const now = (): Result<number> => ({ ok: true, value: 0 });',
    '',
  ].join('\n'),
  'workers/export/exporter.ts': [
    "import { now } from '../engine/clock';",
    '',
    'export const exportNow = () => now();',
    '',
  ].join('\n'),
  'src/view.ts': [
    "import type { Result } from '../workers/common/result';",
    '',
    'export const shown = (r: Result<number>): string => (r.ok ? String(r.value) : r.error);',
    '',
  ].join('\n'),
};

interface Run {
  ok: boolean;
  output: string;
  stdout: string;
}

function run(command: string, args: string[], cwd: string): Run {
  try {
    const stdout = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: stdout, stdout };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}`, stdout: e.stdout ?? '' };
  }
}

let project = '';

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
}

const lint = () => run(bin('biome'), ['lint', '--error-on-warnings', '.'], project);
const typecheck = (config: string) => run(bin('tsc'), ['--noEmit', '-p', config], project);

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'house-rules-'));
  for (const file of CONFIG_FILES) cpSync(join(root, file), join(project, file), { recursive: true });
  // The UI's tsconfig names `vite/client` types: the scratch project borrows this repository's packages.
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  write(CLEAN);
});

afterEach(() => rmSync(project, { recursive: true, force: true }));

/** One offending file for each rule in README's table, with the rule its diagnostic must name. */
const BREAKS: { rule: string; path: string; text: string }[] = [
  { rule: 'layers/common', path: 'workers/common/bad.ts', text: "export { now } from '../engine/clock';\n" },
  {
    rule: 'layers/engine-ground-floor',
    path: 'workers/engine/session.ts',
    text: "import { exportNow } from '../export/exporter';\n\nexport const s = exportNow;\n",
  },
  {
    rule: 'layers/engine-ground-floor',
    path: 'workers/engine/wired.ts',
    text: "import { expose } from 'comlink';\n\nexport const e = expose;\n",
  },
  {
    rule: 'layers/workers-no-ui',
    path: 'workers/export/view.ts',
    text: "import { useState } from 'react';\n\nexport const v = useState;\n",
  },
  {
    rule: 'layers/workers-no-node',
    path: 'workers/import/disk.ts',
    text: "import { readFileSync } from 'node:fs';\n\nexport const r = readFileSync;\n",
  },
  {
    rule: 'layers/export',
    path: 'workers/export/reads.ts',
    text: "import { read } from '../import/csv';\n\nexport const r = read;\n",
  },
  {
    rule: 'layers/export-contract',
    path: 'workers/export/contract/names.ts',
    text: "import { exportNow } from '../exporter';\n\nexport const n = exportNow;\n",
  },
  {
    rule: 'layers/import',
    path: 'workers/import/csv.ts',
    text: "import { exportNow } from '../export/exporter';\n\nexport const read = exportNow;\n",
  },
  {
    rule: 'layers/commands',
    path: 'workers/commands/execute.ts',
    text: "import { now } from '../engine/clock';\n\nexport const run = now;\n",
  },
  {
    rule: 'layers/api',
    path: 'workers/api/verbs.ts',
    text: "import { apply } from '../mirror/mirror';\n\nexport const v = apply;\n",
  },
  {
    rule: 'layers/readers',
    path: 'workers/mirror/apply.ts',
    text: "import { exportNow } from '../export/exporter';\n\nexport const apply = exportNow;\n",
  },
  {
    rule: 'layers/readers',
    path: 'workers/viewer/open.ts',
    text: "import { now } from '../engine/clock';\n\nexport const open = now;\n",
  },
  {
    rule: 'layers/player',
    path: 'workers/player/open.ts',
    text: "import { exportNow } from '../export/exporter';\n\nexport const open = exportNow;\n",
  },
  {
    rule: 'layers/worker-entry',
    path: 'workers/engine.worker.ts',
    text: "import { now } from './engine/clock';\n\nexport const api = { now };\n",
  },
  {
    rule: 'layers/cli',
    path: 'workers/cli.ts',
    text: "import { apply } from './mirror/mirror';\n\nexport const c = apply;\n",
  },
  {
    rule: 'layers/persistence',
    path: 'src/persistence/keep.ts',
    text: "import { createAppStore } from '../store';\n\nexport const k = createAppStore;\n",
  },
  {
    rule: 'layers/ui-types-only',
    path: 'src/clock-view.ts',
    text: "import { now } from '../workers/engine/clock';\n\nexport const shownNow = () => now();\n",
  },
  { rule: 'layers/ui-types-only', path: 'src/side.ts', text: "import '../workers/engine/clock';\n" },
  {
    rule: 'layers/ui-types-only',
    path: 'src/lazy.ts',
    text: "export const later = () => import('../workers/engine/clock');\n",
  },
  {
    rule: 'layers/ui-types-only',
    path: 'src/again.ts',
    text: "export { now } from '../workers/engine/clock';\n",
  },
  { rule: 'layers/ui-types-only', path: 'src/all.ts', text: "export * from '../workers/engine/clock';\n" },
  {
    rule: 'layers/ui-types-only',
    path: 'src/sneak.ts',
    text: "import Clock from '../workers/clock.worker.ts?worker&inline';\n\nexport const c = Clock;\n",
  },
  {
    rule: 'layers/plain-paths',
    path: 'workers/engine/roundabout.ts',
    text: "import { exportNow } from './../export/exporter';\n\nexport const r = exportNow;\n",
  },
  {
    rule: 'layers/plain-paths',
    path: 'workers/engine/detour.ts',
    text: "import { exportNow } from '../common/../export/exporter';\n\nexport const d = exportNow;\n",
  },
];

interface Diagnostic {
  category: string;
  location: { path: string };
}

/** Every diagnostic of a lint run, as `<file> <category> <everything it says>`. */
function diagnostics(): string[] {
  const { stdout } = run(bin('biome'), ['lint', '--reporter=json', '--max-diagnostics=none', '.'], project);
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { diagnostics: Diagnostic[] };
  return report.diagnostics.map((d) => `${d.location.path} ${d.category} ${JSON.stringify(d)}`);
}

describe('the house rules', () => {
  it('refuse a file that breaks each of them, naming the rule, and only that file', () => {
    for (const { path, text } of BREAKS) write({ [path]: text });
    const found = diagnostics();
    for (const { rule, path } of BREAKS) {
      const mine = found.filter((d) => d.startsWith(`${path} `));
      expect(
        mine.some((d) => d.includes(rule)),
        `${path} should break ${rule}: ${mine.join('\n')}`,
      ).toBe(true);
    }
    // The files that keep the rules are not blamed.
    for (const path of Object.keys(CLEAN)) expect(found.filter((d) => d.startsWith(`${path} `))).toEqual([]);
  });

  it('pass a project that keeps them', () => {
    for (const check of [lint(), typecheck('workers/tsconfig.json'), typecheck('src/tsconfig.json')]) {
      expect(check.ok, check.output).toBe(true);
    }
  });

  it('refuse an engine file that uses the DOM, in the linter and in the type check', () => {
    write({ 'workers/engine/title.ts': 'export const title = (): string => document.title;\n' });
    const linted = lint();
    expect(linted.ok).toBe(false);
    expect(linted.output).toContain('layers/workers-no-dom');
    const typed = typecheck('workers/tsconfig.json');
    expect(typed.ok).toBe(false);
    expect(typed.output).toContain(
      "workers/engine/title.ts(1,36): error TS2584: Cannot find name 'document'",
    );
  });

  it('refuse a UI file that imports engine code for its value, but not for its types', () => {
    write({
      'src/clock-view.ts': [
        "import { now } from '../workers/engine/clock';",
        '',
        'export const shownNow = () => now();',
        '',
      ].join('\n'),
    });
    const result = lint();
    expect(result.ok).toBe(false);
    expect(result.output).toContain('src/clock-view.ts');
    expect(result.output).toContain('layers/ui-types-only');
    expect(result.output).not.toContain('src/view.ts');
  });

  it('refuse an import loop, even of types only', () => {
    write({
      'workers/export/a.ts': "import type { B } from './b';\n\nexport interface A {\n  b: B | null;\n}\n",
      'workers/export/b.ts': "import type { A } from './a';\n\nexport interface B {\n  a: A | null;\n}\n",
    });
    const result = lint();
    expect(result.ok).toBe(false);
    expect(result.output).toContain('lint/suspicious/noImportCycles');
    expect(result.output).toContain('workers/export/a.ts');
  });
});
