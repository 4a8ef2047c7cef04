// Issue 13 item 4: a site made with `guild site new … --built-by ada` while the host runs can be
// logged into at once, by the one-time link the command prints; `guild site login` prints a fresh
// one (the one before dies) until the owner has a password of their own.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { eventually, REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const run = promisify(execFile);

describe('guild site new and guild site login', () => {
  let box: Sandbox;
  let host: Host;
  let env: NodeJS.ProcessEnv;

  const guild = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [path.join(REPO, 'scripts', 'guild.mjs'), ...args], { env, encoding: 'utf8' });
      return { status: 0, stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { status: failed.code, stdout: failed.stdout + failed.stderr };
    }
  };
  const linkIn = (output: string) => /(http:\/\/fresh\.admin\.localhost:\d+\/admin\/login\/[\w-]+)/.exec(output)?.[1];
  const open = (link: string) => request.agent(host.app).get(new URL(link).pathname).set('Host', 'fresh.admin.localhost');

  beforeAll(async () => {
    box = sandbox();
    host = await box.host({ watch: true });
    env = { ...process.env, GUILD_SITES: box.sitesDir, GUILD_DATA: host.config.dataDir, GUILD_DIRECTORY_DATA: host.config.directoryDataDir, GUILD_CACHE: path.join(box.root, 'cli-cache'), NO_COLOR: '1' };
  });
  afterAll(() => box.remove());

  it('prints a login link for the builder that a running host honours at once, and mints fresh ones until a password is set', async () => {
    const created = await guild('site', 'new', 'fresh', '--title', 'Fresh', '--built-by', 'ada');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Owner: ada@guild.localhost');
    const first = linkIn(created.stdout)!;
    expect(first).toBeDefined();

    const second = linkIn((await guild('site', 'login', 'fresh')).stdout)!;
    expect(second).not.toBe(first);
    // The running host serves the new site without a restart; the replaced link is dead, the new one logs in.
    await eventually(async () => expect((await request(host.app).get('/').set('Host', 'fresh.localhost')).status).toBe(200), 10_000);
    expect((await open(first)).status).toBe(410);
    const used = await open(second);
    expect(used.status).toBe(303);
    expect((await open(second)).status).toBe(410);

    // Choosing a password on the screen the link led to ends the links.
    const reset = used.headers.location!.split('/admin/reset/')[1]!;
    const chosen = await request(host.app).post(`/admin/api/password-reset/${reset}`).set('Host', 'fresh.admin.localhost').send({ password: 'ada picked this one' });
    expect(chosen.status).toBe(200);
    const after = await guild('site', 'login', 'fresh');
    expect(after.status).toBe(1);
    expect(after.stdout).toContain('has a password of their own');
    expect(linkIn(after.stdout)).toBeUndefined();
  }, 120_000);

  it('says so for a site that does not exist', async () => {
    const missing = await guild('site', 'login', 'nowhere');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('There is no site "nowhere"');
  }, 60_000);
});
