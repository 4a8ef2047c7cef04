// GUILD_WORKERS=2 (issue 16): a real clustered host in a child process. Both workers serve, the
// login links print once, writes through both are all kept and seen at once by the other worker's
// page cache, a scheduled post is published once, a worker killed with SIGKILL is replaced (its
// duties handed on) while requests keep succeeding, and SIGTERM stops everything cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth, openHostDatabase } from '../../core/auth/index.ts';
import { logMailTransport } from '../../core/mail/index.ts';
import { silentLogger } from '../../core/log/index.ts';
import { findRunningHost, resolveConfig } from '../../core/host/index.ts';
import { guild } from '../support/cli.ts';
import { eventually, REPO, sandbox, type Sandbox } from '../support/sandbox.ts';
import { freePort } from '../support/ports.ts';

const EMAIL = 'owner@alpha.test';
const PASSWORD = 'correct horse battery';

interface Answer {
  readonly status: number;
  readonly worker: string;
  readonly text: string;
  readonly headers: http.IncomingHttpHeaders;
}

describe('GUILD_WORKERS', () => {
  it('is one process unless asked, a number of processes, or one per core with auto, and refuses anything else with how to fix it', () => {
    expect(resolveConfig({}, {}).workers).toBe(1);
    expect(resolveConfig({}, { GUILD_WORKERS: '3' }).workers).toBe(3);
    expect(resolveConfig({}, { GUILD_WORKERS: 'auto' }).workers).toBe(os.availableParallelism());
    for (const bad of ['0', 'two', '1.5', '-2']) expect(() => resolveConfig({}, { GUILD_WORKERS: bad })).toThrow(/GUILD_WORKERS .* whole number from 1 up .*"auto"/);
  });
});

describe('a host on two workers (GUILD_WORKERS=2)', { timeout: 180_000 }, () => {
  let box: Sandbox;
  let child: ChildProcess;
  let output = '';
  let port = 0;
  let session = { cookie: '', csrf: '' };
  const hostJson = () => path.join(box.root, '.guild', 'data', 'host.json');
  const leaderPid = () => (JSON.parse(readFileSync(hostJson(), 'utf8')) as { pid: number }).pid;

  /** One request on a connection of its own, so the primary hands each to the next worker. */
  const call = (method: string, url: string, host: string, body?: object, signedIn = false, agent: http.Agent | false = false): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const payload = body ? JSON.stringify(body) : undefined;
      const headers: http.OutgoingHttpHeaders = { host, ...(agent ? {} : { connection: 'close' }), ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) };
      if (signedIn) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
      const req = http.request({ host: '127.0.0.1', port, method, path: url, headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: String(res.headers['x-guild-worker']), text, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  const admin = (method: string, url: string, body?: object, agent: http.Agent | false = false) => call(method, url, 'alpha.admin.localhost', body, true, agent);
  // A visitor's request, without the admin's cookie, so the page cache serves it.
  const page = (url: string) => call('GET', url, 'alpha.localhost');
  const served = (pattern: RegExp) => output.split('\n').filter((line) => pattern.test(line)).length;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', { title: 'Alpha' });
    // An owner with a password, made in the host database before the host starts (as `guild user` would).
    const db = openHostDatabase({ file: path.join(box.root, '.guild', 'data', 'host.db') });
    await (await Auth.open(db, logMailTransport(silentLogger()))).grant({ site: 'alpha', email: EMAIL, role: 'owner', password: PASSWORD });
    await db.close();
    port = await freePort();
    child = spawn(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), 'start'], {
      cwd: box.root,
      env: { ...process.env, GUILD_WORKERS: '2', PORT: String(port), GUILD_SITES: box.sitesDir, GUILD_CACHE: path.join(box.root, 'cache'), GUILD_DIRECTORY_EMBEDDED: '0', GUILD_LOG_LEVEL: 'info', GUILD_LOG_FORMAT: 'json', NO_COLOR: '1' },
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(() => {
      if (child.exitCode !== null) throw new Error(`guild start ended (${child.exitCode}):\n${output}`);
      expect(served(/serving on port/)).toBe(2);
      expect(output).toContain('Press Ctrl+C');
    }, 90_000);
    const login = await admin('POST', '/admin/api/session', { email: EMAIL, password: PASSWORD });
    expect(login.status).toBe(200);
    session = { cookie: String(login.headers['set-cookie']?.map((cookie) => cookie.split(';')[0]).join('; ')), csrf: (JSON.parse(login.text) as { csrfToken: string }).csrfToken };
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await box.remove();
  });

  it('serves from both workers, each naming itself, and prints the login links once', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => page('/')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((answer) => answer.worker))).toEqual(new Set(['1', '2']));
    expect(served(/Guild .* is serving 1 site .* with 2 workers/)).toBe(1);
    expect(served(/this worker runs the publishing schedule/)).toBe(1);
    // Each line of the log names its process.
    expect(output).toMatch(/\[worker 1\] serving on port/);
    expect(output).toMatch(/\[worker 2\] serving on port/);
  });

  it('keeps every write made at once through both workers, with no SQLITE_BUSY', async () => {
    const titles = Array.from({ length: 40 }, (_, i) => `Written at once ${i}`);
    const created = await Promise.all(titles.map((title) => admin('POST', '/admin/api/posts', { title, html: `<p>${title}</p>`, status: 'published' })));
    expect(created.map((answer) => answer.status)).toEqual(Array(40).fill(201));
    expect(new Set(created.map((answer) => answer.worker))).toEqual(new Set(['1', '2']));
    const listed = JSON.parse((await admin('GET', '/admin/api/posts?limit=100&status=published')).text) as { items: Array<{ title: string }> };
    expect(titles.filter((title) => !listed.items.some((post) => post.title === title))).toEqual([]);
    expect(output).not.toMatch(/SQLITE_BUSY|database is locked/);
  });

  it("never serves a page cached before another worker's write", async () => {
    // Visitors keep both workers busy serving the cached home page meanwhile, so each has just
    // looked at the site's content version when the write lands.
    let reading = true;
    let byTheOther = 0;
    const visitors = Promise.all(Array.from({ length: 4 }, async () => {
      while (reading) expect((await page('/')).status).toBe(200);
    }));
    try {
      for (let round = 0; round < 5; round++) {
        const title = `Fresh from one worker ${round}`;
        const wrote = await admin('POST', '/admin/api/posts', { title, html: '<p>x</p>', status: 'published' });
        expect(wrote.status).toBe(201);
        const after = await Promise.all([page('/'), page('/'), page('/'), page('/')]);
        for (const answer of after) expect(answer.text, `worker ${answer.worker} after worker ${wrote.worker} wrote`).toContain(title);
        byTheOther += after.filter((answer) => answer.worker !== wrote.worker).length;
      }
      expect(byTheOther).toBeGreaterThan(0);
    } finally {
      reading = false;
      await visitors;
    }
  });

  it('publishes a post scheduled through the worker that does not run the schedule, on time and once', async () => {
    const leader = /\[worker (\d+)\] this worker runs the publishing schedule/.exec(output)![1];
    // A kept-alive connection stays with the worker that accepted it: find one held by the other worker.
    const agents: http.Agent[] = [];
    let other: http.Agent | undefined;
    while (!other && agents.length < 20) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      if ((await admin('GET', '/admin/api/posts?limit=1', undefined, agent)).worker !== leader) other = agent;
    }
    try {
      const scheduled = await admin('POST', '/admin/api/posts', { title: 'Later, by the other worker', html: '<p>x</p>', status: 'scheduled', publishedAt: new Date(Date.now() + 3000).toISOString() }, other);
      expect(scheduled.worker).not.toBe(leader);
      const { id } = JSON.parse(scheduled.text) as { id: number };
      await eventually(async () => expect((JSON.parse((await admin('GET', `/admin/api/posts/${id}`)).text) as { status: string }).status).toBe('published'), 15_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(served(/published \\"Later, by the other worker\\" on alpha as scheduled/)).toBe(1);
      expect(output).toContain(`[worker ${leader}] published`);
    } finally {
      for (const agent of agents) agent.destroy();
    }
  });

  it('applies a `guild site` change on every worker before the command returns', async () => {
    // Through the control API as the CLI finds it, then at once: no time for the folder watchers.
    const running = await findRunningHost(resolveConfig({ sitesDir: box.sitesDir }));
    await running!.change('alpha', { action: 'disable' });
    const answers = await Promise.all(Array.from({ length: 4 }, () => page('/')));
    expect(new Set(answers.map((answer) => answer.worker))).toEqual(new Set(['1', '2']));
    expect(answers.map((answer) => answer.status)).toEqual(Array(4).fill(503));
    expect((await guild(box, 'site', 'enable', 'alpha')).code).toBe(0);
    expect((await Promise.all(Array.from({ length: 4 }, () => page('/')))).map((answer) => answer.status)).toEqual(Array(4).fill(200));
  });

  it('replaces a worker killed with SIGKILL, hands its duties on, and keeps serving meanwhile', async () => {
    const killed = leaderPid();
    process.kill(killed, 'SIGKILL');
    await eventually(() => expect(output).toContain(`(pid ${killed}) died (SIGKILL)`), 10_000);
    const meanwhile = await Promise.all(Array.from({ length: 6 }, () => page('/')));
    expect(meanwhile.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    // The survivor leads: the CLI finds it through host.json.
    await eventually(() => expect(existsSync(hostJson()) && leaderPid() !== killed).toBe(true), 10_000);
    await eventually(() => expect(served(/\[worker 3\] serving on port/)).toBe(1), 90_000);
    const answers = await Promise.all(Array.from({ length: 6 }, () => page('/')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(answers.some((answer) => answer.worker === '3')).toBe(true);
  });

  it('stops every worker on SIGTERM and removes host.json', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(hostJson())).toBe(false);
    expect(served(/\] stopping/)).toBe(2);
  });
});
