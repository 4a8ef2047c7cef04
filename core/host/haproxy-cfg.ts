/**
 * The network's haproxy.cfg: HAProxy in front of several Guild hosts that share one PostgreSQL
 * and one object store (issue 17). Any host can answer any request (sessions, content, media and
 * the schedule are shared), so requests are spread round-robin with no stickiness; each host is
 * asked `GET /_guild/health` (health.ts) every `checkEveryMs`, and two missed answers take it out.
 *
 * What happens to requests when a host dies between two checks:
 * - a connection it refuses is tried again on another host (`retries`, `option redispatch`);
 *   the request never reached a host, so this is safe for every method;
 * - a request it took and never answered (the process was killed mid-request: `empty-response`)
 *   is tried again on another host for every method as well. A host answers a write only after
 *   its transaction commits, so an acknowledged write is never lost; the one case a retry repeats
 *   is a write that committed in the instant before the host died unanswered, which can then be
 *   applied twice (a second draft, say) rather than be reported as failed;
 * - a slow answer is not retried (no `response-timeout` in `retry-on`): a write that is merely
 *   slow is still running and must not run twice; a host that hangs fails its health checks and
 *   is taken out for the requests after.
 * TLS is left to a proxy in front (`guild proxy caddyfile`) or added to the `bind` line by hand.
 */
import { GUILD_VERSION } from '../version.ts';
import { HEALTH_PATH } from './health.ts';

export interface HaproxyOptions {
  /** Where HAProxy listens: "127.0.0.1:8080", ":80". */
  readonly bind: string;
  /** The hosts, as HAProxy reaches them: "10.0.0.5:3000". */
  readonly servers: readonly string[];
  /** How often each host's health is asked (default 1000 ms). */
  readonly checkEveryMs?: number;
  /** How long a request may wait for a host's answer (default 30 s). */
  readonly serverTimeoutMs?: number;
}

export function haproxyConfig(options: HaproxyOptions): string {
  const every = options.checkEveryMs ?? 1000;
  const servers = options.servers.map((address, index) => `\tserver host-${index + 1} ${address} check`);
  return [
    `# The haproxy.cfg of a Guild network, written by "guild proxy haproxy" (Guild ${GUILD_VERSION}).`,
    '# Check it with: haproxy -c -f haproxy.cfg   Run it with: haproxy -f haproxy.cfg',
    '',
    'global',
    '\tmaxconn 4096',
    '',
    'defaults',
    '\tmode http',
    // A host on the same network answers a connection at once; waiting longer only delays the retry on another.
    '\ttimeout connect 1s',
    '\ttimeout client 60s',
    `\ttimeout server ${Math.round((options.serverTimeoutMs ?? 30_000) / 1000)}s`,
    '\ttimeout http-request 10s',
    '\ttimeout queue 10s',
    // The hosts believe X-Forwarded-For from here with GUILD_TRUST_PROXY set to this machine's address.
    '\toption forwardfor',
    '\toption http-keep-alive',
    '\tretries 3',
    '\toption redispatch 1',
    '\tretry-on conn-failure empty-response',
    '',
    'frontend guild',
    `\tbind ${options.bind}`,
    '\tdefault_backend hosts',
    '',
    'backend hosts',
    '\tbalance roundrobin',
    '\toption httpchk',
    `\thttp-check send meth GET uri ${HEALTH_PATH} ver HTTP/1.1 hdr Host localhost`,
    '\thttp-check expect status 200',
    `\tdefault-server inter ${every}ms fastinter ${Math.max(100, Math.round(every / 2))}ms downinter ${every}ms fall 2 rise 2`,
    ...servers,
    '',
  ].join('\n');
}
