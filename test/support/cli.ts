/** Runs the real `guild` command in a child process over a sandbox's folders, as an operator would. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO, type Sandbox } from './sandbox.ts';

const run = promisify(execFile);

export async function guild(box: Sandbox, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), ...args], {
      cwd: box.root,
      env: { ...process.env, GUILD_SITES: box.sitesDir, GUILD_CACHE: path.join(box.root, 'cache'), GUILD_LOG_LEVEL: 'silent', NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
