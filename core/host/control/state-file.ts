/**
 * The running host's state file, `host.json` in its data folder: how the CLI finds the host that
 * serves the same sites (its pid, the port it really listens on, and the loopback control API with
 * its token). Readable by the host's own user only (0600); removed on a clean shutdown, and
 * recognised as stale when its process is gone (a crash, a kill -9).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HostConfig } from '../config.ts';

export interface HostState {
  readonly pid: number;
  /** The port the sites are served on (the real one, also when PORT=0 picked it). */
  readonly port: number;
  readonly sitesDir: string;
  readonly startedAt: string;
  /** The control API: loopback only, every request with `Authorization: Bearer <token>`. */
  readonly control: { readonly url: string; readonly token: string };
}

export function hostStateFile(config: Pick<HostConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'host.json');
}

export async function writeHostState(file: string, state: HostState): Promise<void> {
  const staging = `${file}.${randomBytes(4).toString('hex')}`;
  await writeFile(staging, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await chmod(staging, 0o600);
  await rename(staging, file);
}

/** The state of a host that is running now; a stale file (its process gone) is removed. */
export async function readHostState(file: string): Promise<HostState | undefined> {
  if (!existsSync(file)) return undefined;
  let state: HostState;
  try {
    state = JSON.parse(await readFile(file, 'utf8')) as HostState;
  } catch {
    return undefined;
  }
  if (isAlive(state.pid)) return state;
  await rm(file, { force: true });
  return undefined;
}

/** Removes the file if it still describes this host (a newer host may have taken its place). */
export async function clearHostState(file: string, state: HostState): Promise<void> {
  try {
    const current = JSON.parse(await readFile(file, 'utf8')) as HostState;
    if (current.pid === state.pid && current.control.token === state.control.token) await rm(file, { force: true });
  } catch {
    // Already gone.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
