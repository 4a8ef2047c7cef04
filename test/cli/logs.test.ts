// Issue 13: in a terminal the CLI's log lines are readable text; piped, they are JSON lines.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const run = promisify(execFile);
const SCRIPT = '/usr/bin/script';

describe.skipIf(!existsSync(SCRIPT))('the CLI’s log lines', { timeout: 60_000 }, () => {
  let box: Sandbox;
  const env = () => ({ ...process.env, GUILD_SITES: box.sitesDir, GUILD_CACHE: path.join(box.root, 'cache'), GUILD_LOG_LEVEL: 'warn', GUILD_LOG_FORMAT: '', NO_COLOR: '1' });
  const cli = `${process.execPath} ${path.join(REPO, 'scripts/guild.mjs')} site list`;

  beforeAll(() => {
    box = sandbox();
    box.write('sites/broken/site.json', '{ "guild": 1, ');
  });
  afterAll(() => box.remove());

  it('are readable text in a terminal', async () => {
    // script(1) runs the command on a pseudo-terminal, as a person's shell would.
    const { stdout } = await run(SCRIPT, ['-qec', cli, '/dev/null'], { cwd: box.root, env: env() });
    expect(stdout).toMatch(/ERROR.*site broken is refused/);
    expect(stdout).not.toContain('{"level"');
  });

  it('are JSON lines when piped', async () => {
    const { stderr } = await run(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), 'site', 'list'], { cwd: box.root, env: env() });
    expect(JSON.parse(stderr.trim().split('\n')[0]!)).toMatchObject({ level: 50, site: 'broken' });
  });
});
