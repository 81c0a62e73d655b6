// `npm run cli -- [--config FILE] [--out DIR] [-c "command"]...`: the command line (see `cli-main.ts`,
// and `--help`). Relative paths start from the folder the user ran npm in (npm runs scripts in the
// project folder and passes the user's folder as INIT_CWD); exports go to <project>/data/status/ by default.

import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli-main';

// A closed pipe (`... | head -1`) is not an error of the commands.
process.stdout.on('error', () => {});

process.exitCode = await runCli(
  process.argv.slice(2),
  () => createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  {
    cwd: process.env.INIT_CWD ?? process.cwd(),
    defaultOutDir: fileURLToPath(new URL('../data/status/', import.meta.url)),
    interactive: process.stdin.isTTY === true,
  },
);
