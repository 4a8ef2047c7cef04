/**
 * `guild proxy caddyfile`: writes the Caddyfile that puts Caddy in front of this host, with
 * HTTPS for every client domain on demand (see README.md, Production).
 * `guild proxy haproxy`: writes the haproxy.cfg that spreads requests over several hosts sharing
 * one PostgreSQL and one object store (docs/balancer.md).
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { caddyfile, haproxyConfig, resolveConfig } from '../../../core/host/index.ts';
import { shown } from '../output.ts';

const collect = (value: string, previous: string[]) => [...previous, value];
const milliseconds = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 50) throw new Error(`"${value}" is not a number of milliseconds (a whole number from 50 up).`);
  return parsed;
};
const port = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65_535) throw new Error(`"${value}" is not a port (1 to 65535).`);
  return parsed;
};

export function register(program: Command): void {
  const proxy = program.command('proxy').description('the proxies in front of the hosts: TLS (caddy), load balancing (haproxy)');
  proxy
    .command('caddyfile')
    .description('write the network\'s Caddyfile: HTTPS for every site\'s domains on demand (asking this host which are its own), proxied to this host')
    .option('--out <file>', 'write it here instead of printing it, e.g. /etc/caddy/Caddyfile')
    .option('--email <address>', 'where the certificate authority sends expiry notices')
    .option('--host-name <name>', 'a public name of the host itself (the network admin); repeat for more; the directory\'s GUILD_DIRECTORY_HOST is added unless it ends in .localhost', collect, [])
    .option('--upstream <address>', 'where Caddy reaches the host (default 127.0.0.1:$PORT)')
    .option('--internal-ca', 'certificates from Caddy\'s local CA instead of Let\'s Encrypt (tests, staging)')
    .option('--http-port <port>', 'listen for HTTP here instead of 80', port)
    .option('--https-port <port>', 'listen for HTTPS here instead of 443', port)
    .action(async (options: { out?: string; email?: string; hostName: string[]; upstream?: string; internalCa?: boolean; httpPort?: number; httpsPort?: number }) => {
      const config = resolveConfig();
      const directory = config.directoryEmbedded && !config.directoryHost.endsWith('.localhost') ? [config.directoryHost] : [];
      const text = caddyfile({
        upstream: options.upstream ?? `127.0.0.1:${config.port}`,
        hostNames: [...new Set([...directory, ...options.hostName.map((name) => name.toLowerCase())])],
        ...(options.email ? { email: options.email } : {}),
        ...(options.internalCa ? { internalCa: true } : {}),
        ...(options.httpPort ? { httpPort: options.httpPort } : {}),
        ...(options.httpsPort ? { httpsPort: options.httpsPort } : {}),
      });
      if (!options.out) return void process.stdout.write(text);
      await writeFile(options.out, text);
      console.log(`Wrote ${shown(options.out)}. Check it with "caddy validate --config ${shown(options.out)} --adapter caddyfile"; the host must run for certificates to be issued.`);
    });
  proxy
    .command('haproxy')
    .description('write the haproxy.cfg that spreads requests over several hosts on one PostgreSQL (GUILD_DATABASE_URL) and one object store (GUILD_MEDIA_URL), taking out a host that stops answering its health check')
    .requiredOption('--server <address>', 'a host as HAProxy reaches it, e.g. 10.0.0.5:3000; repeat for each host', collect, [])
    .option('--bind <address>', 'where HAProxy listens', ':80')
    .option('--check-every <ms>', 'how often each host is asked GET /_guild/health', milliseconds, 1000)
    .option('--out <file>', 'write it here instead of printing it, e.g. /etc/haproxy/haproxy.cfg')
    .action(async (options: { server: string[]; bind: string; checkEvery: number; out?: string }) => {
      if (options.server.length === 0) throw new Error('Name at least one host with --server <address:port>.');
      const text = haproxyConfig({ bind: options.bind, servers: options.server, checkEveryMs: options.checkEvery });
      if (!options.out) return void process.stdout.write(text);
      await writeFile(options.out, text);
      console.log(`Wrote ${shown(options.out)}. Check it with "haproxy -c -f ${shown(options.out)}"; set GUILD_TRUST_PROXY on each host to the balancer's address.`);
    });
}
