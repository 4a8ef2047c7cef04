/**
 * The network's Caddyfile: Caddy in front of the host terminates HTTPS for every client domain.
 * A catch-all HTTPS site gets each certificate on demand, the first time a browser asks for a
 * name, after Caddy has asked the host (tls-ask.ts) whether the name is one of its sites; the
 * host's own public names (the directory, the network admin) get theirs at start. Everything is
 * passed to the host on this machine, which routes by the Host header as it always does.
 */
import { GUILD_VERSION } from '../version.ts';
import { TLS_ASK_PATH } from './tls-ask.ts';

export interface CaddyfileOptions {
  /** Where the host listens, as Caddy reaches it: "127.0.0.1:3000". */
  readonly upstream: string;
  /** The address for certificate authorities' expiry notices (ACME account email). */
  readonly email?: string;
  /** Public names of the host itself (directory, network admin), with certificates from the start. */
  readonly hostNames?: readonly string[];
  /** Certificates from Caddy's own local CA instead of Let's Encrypt: for tests and staging. */
  readonly internalCa?: boolean;
  /** Ports other than 80 and 443 (tests, or a Caddy beside another web server). */
  readonly httpPort?: number;
  readonly httpsPort?: number;
}

export function caddyfile(options: CaddyfileOptions): string {
  const ask = `http://${options.upstream}${TLS_ASK_PATH}`;
  const tls = options.internalCa ? 'tls internal {\n\t\ton_demand\n\t}' : 'tls {\n\t\ton_demand\n\t}';
  const global = [
    options.email ? `email ${options.email}` : undefined,
    options.httpPort ? `http_port ${options.httpPort}` : undefined,
    options.httpsPort ? `https_port ${options.httpsPort}` : undefined,
    // The local CA's root is handed to clients by hand (curl --cacert), never put in the system store.
    options.internalCa ? 'skip_install_trust' : undefined,
    `on_demand_tls {\n\t\task ${ask}\n\t}`,
  ].filter((line): line is string => line !== undefined);
  const proxy = `reverse_proxy ${options.upstream}`;
  const own = (options.hostNames ?? []).map((name) => `${name} {\n${options.internalCa ? '\ttls internal\n' : ''}\t${proxy}\n}\n`);
  return [
    `# The Caddyfile of a Guild network, written by "guild proxy caddyfile" (Guild ${GUILD_VERSION}).`,
    '# Run it with: caddy run --config Caddyfile  (or install it as /etc/caddy/Caddyfile).',
    '',
    `{\n${global.map((line) => `\t${line}`).join('\n')}\n}`,
    '',
    '# Every client domain: a certificate on the first visit, once the host has said the name is one of its sites.',
    `https:// {\n\t${tls}\n\t${proxy}\n}`,
    '',
    ...(own.length ? ['# The host\'s own names.', ...own] : []),
  ].join('\n');
}
