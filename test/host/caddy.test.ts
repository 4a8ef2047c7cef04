// Issue 13, item 7: Debian's caddy in front of a host, from the Caddyfile `guild proxy
// caddyfile` writes (its own local CA instead of Let's Encrypt, high ports on 127.0.0.1, a
// temporary data folder): a site's domain gets a certificate on its first visit and answers 200
// with that site over HTTPS; a name no site serves gets no certificate at all.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guildWith } from '../support/cli.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { freePort } from '../support/ports.ts';

const run = promisify(execFile);
const CADDY = spawnSync('sh', ['-c', 'command -v caddy'], { encoding: 'utf8' }).stdout.trim();
const title = CADDY ? 'HTTPS for client domains through caddy' : 'HTTPS for client domains through caddy (SKIPPED: caddy is not on PATH; apt-get install caddy)';


describe.skipIf(!CADDY)(title, () => {
  let box: Sandbox;
  let caddy: ChildProcess | undefined;
  let httpsPort: number;
  let rootCert: string;
  let caddyLog = '';

  const curl = async (domain: string) => {
    try {
      const { stdout } = await run('curl', ['-sS', '--max-time', '20', '--resolve', `${domain}:${httpsPort}:127.0.0.1`, '--cacert', rootCert, '-w', '\n%{http_code}', `https://${domain}:${httpsPort}/`]);
      const lines = stdout.split('\n');
      return { code: 0, status: Number(lines.pop()), body: lines.join('\n'), stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, status: 0, body: '', stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    box = sandbox();
    box.site('bakery', { title: 'Harbour Bakery', domains: ['harbour-bakery.example'] });
    box.site('corner', { title: 'Corner Shop', domains: ['corner-shop.example'] });
    // Forwarded headers believed from the proxy on this machine (GUILD_TRUST_PROXY).
    process.env.GUILD_TRUST_PROXY = '127.0.0.1,::1';
    httpsPort = await freePort();
    // Behind the proxy the network is reached over https on its port: GUILD_PUBLIC_URL says so.
    const host = await box.host({ publicUrl: `https://guild.example:${httpsPort}` });
    const port = await host.listen();
    const file = path.join(box.root, 'Caddyfile');
    const written = await guildWith(box, { PORT: String(port) }, 'proxy', 'caddyfile', '--out', file, '--internal-ca', '--http-port', String(await freePort()), '--https-port', String(httpsPort));
    expect(written.code).toBe(0);
    // No admin endpoint: this Caddy is stopped by its process, and must not take port 2019 from another.
    writeFileSync(file, readFileSync(file, 'utf8').replace('{\n', '{\n\tadmin off\n'));
    const home = path.join(box.root, 'caddy-home');
    caddy = spawn(CADDY, ['run', '--config', file, '--adapter', 'caddyfile'], {
      env: { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_CONFIG_HOME: path.join(home, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    caddy.stderr!.on('data', (chunk: Buffer) => (caddyLog += chunk.toString()));
    caddy.stdout!.on('data', (chunk: Buffer) => (caddyLog += chunk.toString()));
    rootCert = path.join(home, 'data', 'caddy', 'pki', 'authorities', 'local', 'root.crt');
    await eventually(() => {
      if (caddy!.exitCode !== null) throw new Error(`caddy stopped:\n${caddyLog}`);
      expect(existsSync(rootCert)).toBe(true);
      expect(caddyLog).toContain('serving initial configuration');
    }, 20_000);
  }, 40_000);

  afterAll(async () => {
    delete process.env.GUILD_TRUST_PROXY;
    if (caddy && caddy.exitCode === null) {
      const stopped = new Promise((resolve) => caddy!.once('exit', resolve));
      caddy.kill('SIGTERM');
      await stopped;
    }
    await box.remove();
  });

  it('serves a site’s domain over HTTPS with a certificate made on its first visit', async () => {
    const bakery = await curl('harbour-bakery.example');
    expect(bakery.stderr).toBe('');
    expect(bakery.status).toBe(200);
    expect(bakery.body).toContain('Harbour Bakery');
    expect(bakery.body).not.toContain('Corner Shop');
    // The host sees the visit as HTTPS: its links are https:// on the visitor's name.
    expect(bakery.body).toContain(`https://harbour-bakery.example:${httpsPort}/`);
    const corner = await curl('corner-shop.example');
    expect(corner.status).toBe(200);
    expect(corner.body).toContain('Corner Shop');
  }, 40_000);

  it('gives a name no site serves no certificate', async () => {
    const unknown = await curl('not-ours.example');
    expect(unknown.status).toBe(0);
    expect(unknown.code).toBe(35); // curl: the TLS handshake failed, no certificate was offered
    // Caddy asked the host, was told no, and made no certificate; the site's domains have theirs.
    const issued = path.join(path.dirname(rootCert), '..', '..', '..', 'certificates', 'local');
    expect(existsSync(path.join(issued, 'not-ours.example'))).toBe(false);
    expect(existsSync(path.join(issued, 'harbour-bakery.example'))).toBe(true);
  }, 40_000);
});
