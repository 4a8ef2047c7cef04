/** Runs the guild CLI as a user would: a real process, over a sandbox's sites and plugins. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO, type Sandbox } from './sandbox.ts';

const run = promisify(execFile);

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function guild(box: Sandbox, ...args: string[]): Promise<CliResult> {
  return guildWith(box, {}, ...args);
}

/** The same, with more environment variables (a person's GUILD_HOME, a directory ...). */
export async function guildWith(box: Sandbox, env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), ...args], {
      cwd: box.root,
      env: { ...process.env, GUILD_SITES: box.sitesDir, GUILD_PLUGINS: box.pluginsDir, GUILD_CACHE: path.join(box.root, 'cache'), GUILD_LOG_LEVEL: 'silent', NO_COLOR: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
