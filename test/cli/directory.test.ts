/**
 * The directory commands with no host running: they serve the embedded directory themselves from
 * GUILD_DIRECTORY_DATA, keys stay in GUILD_HOME, and refusals reach the user with their rule.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Directory } from '../../core/directory/index.ts';
import { pluginFolder } from '../support/directory.ts';
import { REPO } from '../support/sandbox.ts';

const run = promisify(execFile);
let root: string;

async function guild(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, GUILD_HOME: path.join(root, 'home'), GUILD_DIRECTORY_DATA: path.join(root, 'directory'), GUILD_DIRECTORY: '', PORT: '1', GUILD_SITES: path.join(root, 'sites'), GUILD_LOG_LEVEL: 'silent', NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'guild-cli-directory-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('guild keys and publish against the embedded directory', () => {
  it('keys new keeps the key in GUILD_HOME, readable by the user alone, and registers it', async () => {
    const made = await guild('keys', 'new', '--handle', 'zoe', '--name', 'Zoë');
    expect(made).toMatchObject({ code: 0, stdout: expect.stringContaining('Registered its public key with the directory.') });
    const file = path.join(root, 'home', 'keys', 'zoe.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await guild('keys', 'list')).stdout).toMatch(/^zoe {2}SHA256:/);
    const again = await guild('keys', 'new', '--handle', 'zoe');
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('A key for "zoe" already exists') });
  });

  it('publish uploads once, then names the rule that refuses the same version', async () => {
    const dir = pluginFolder(path.join(root, 'work'), { id: 'zoe.hello', version: '1.0.0', author: 'zoe' });
    expect((await guild('publish', dir)).stdout).toContain('Published plugin zoe.hello 1.0.0 as zoe');
    const again = await guild('publish', dir);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('Publishing refused (rule "version-new"): zoe.hello 1.0.0 is already published') });
    const directory = await Directory.open({ dataDir: path.join(root, 'directory') });
    expect(directory.latestVersion('zoe.hello')).toBe('1.0.0');
    directory.close();
    expect(existsSync(path.join(root, 'directory', 'archives', 'zoe.hello', 'zoe.hello-1.0.0.tar.gz'))).toBe(true);
  });

  it('payouts says when there are no sales yet', async () => {
    expect((await guild('directory', 'payouts')).stdout).toBe('No sales yet.\n');
  });
});
