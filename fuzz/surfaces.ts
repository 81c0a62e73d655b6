// Every fuzzing surface: each `fuzz/<name>.fuzz.ts` file's default export, found by name so that adding a
// surface is adding a file.
import { readdirSync } from 'node:fs';
import type { FuzzSurface } from './types';

export async function surfaces(): Promise<{ name: string; surface: FuzzSurface }[]> {
  const here = new URL('.', import.meta.url);
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.fuzz.ts'))
    .sort();
  const found: { name: string; surface: FuzzSurface }[] = [];
  for (const file of files) {
    const module = (await import(new URL(file, here).href)) as { default: FuzzSurface };
    found.push({ name: file.replace(/\.fuzz\.ts$/, ''), surface: module.default });
  }
  return found;
}
