/**
 * How each part of the benchmark runs by itself (`node --import tsx scripts/bench/<part>.ts`):
 * one test for "this file is the one node was started with", and one temp folder for the run.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when the module at `moduleUrl` (its import.meta.url) is the script node was started with. */
export function runsAlone(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(path.resolve(started)) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** Runs `work` with a fresh temp folder named `guild-bench-<name>-…`, removed afterwards whatever happens. */
export async function inTempFolder<T>(name: string, work: (root: string) => Promise<T>): Promise<T> {
  const root = mkdtempSync(path.join(os.tmpdir(), `guild-bench-${name}-`));
  try {
    return await work(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Progress lines go to stderr, so that stdout holds only the tables. */
export const say = (line: string): void => void process.stderr.write(`${line}\n`);
