/**
 * The directory commands with no host running: they serve the embedded directory themselves from
 * GUILD_DIRECTORY_DATA, keys stay in GUILD_HOME, and refusals reach the user with their rule.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Directory } from '../../core/directory/index.ts';
import { pluginFolder } from '../support/directory.ts';
import { guildWith, type CliResult } from '../support/cli.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let root: string;

function guild(...args: string[]): Promise<CliResult> {
  // PORT 1: nothing listens there, so the command serves the embedded directory itself.
  return guildWith(box, { GUILD_HOME: path.join(root, 'home'), GUILD_DIRECTORY_DATA: path.join(root, 'directory'), GUILD_DIRECTORY: '', PORT: '1' }, ...args);
}

beforeAll(() => {
  box = sandbox();
  root = box.root;
});
afterAll(() => box.remove());

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
