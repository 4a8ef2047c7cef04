// `npm start` (guild start) prints where everything is, the admin included: each site's admin on
// its own origin (issue 11), the network admin, with the port the host really listens on.
import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

describe('guild start', { timeout: 60_000 }, () => {
  let box: Sandbox;
  let output = '';
  let stop: () => void;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', { title: 'Alpha' });
    const child = spawn(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), 'start'], {
      cwd: box.root,
      env: { ...process.env, PORT: '0', GUILD_SITES: box.sitesDir, GUILD_CACHE: path.join(box.root, 'cache'), GUILD_DIRECTORY_EMBEDDED: '0', GUILD_LOG_LEVEL: 'silent', NO_COLOR: '1' },
    });
    stop = () => child.kill('SIGTERM');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Press Ctrl+C')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`guild start ended (${code}): ${output}`)));
    });
  });
  afterAll(async () => {
    stop?.();
    await box.remove();
  });

  it("prints each site's admin on its own origin and the network admin, on the real port, and they answer", async () => {
    const port = /http:\/\/alpha\.localhost:(\d+)\//.exec(output)?.[1];
    expect(port).toBeDefined();
    expect(output).toMatch(new RegExp(`admin: http://alpha\\.admin\\.localhost:${port}/admin/  tester@guild\\.localhost`));
    expect(output).toContain(`Network admin            http://admin.localhost:${port}/`);
    const server = `http://127.0.0.1:${port}`;
    expect((await request(server).get('/admin/').set('Host', `alpha.admin.localhost:${port}`)).status).toBe(200);
    expect((await request(server).get('/').set('Host', `admin.localhost:${port}`)).text).toContain(`http://alpha.admin.localhost:${port}/admin/`);
  });
});
