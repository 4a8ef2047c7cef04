/**
 * The `ask` endpoint of Caddy's on-demand TLS: before Caddy gets a certificate for a name a
 * browser asked for, it calls `GET <ask>?domain=<name>`, and only a 200 lets it go on. Answering
 * 200 for the domains of this host's sites alone keeps anyone who points a name at the server
 * from making it request certificates (and spend the CA's rate limits) for names that are not ours.
 *
 * It answers only requests from this machine (the proxy runs beside the host) addressed to one
 * of the host's own names, and not passed on by the proxy (no X-Forwarded-For: a visitor could
 * send "Host: 127.0.0.1" through Caddy); anything else falls through to the ordinary routing.
 */
import type { NextFunction, Request, Response } from 'express';
import type { SiteRegistry } from './registry.ts';

export const TLS_ASK_PATH = '/_guild/tls-ask';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export interface TlsAskOptions {
  readonly registry: SiteRegistry;
  /** The names the host itself answers at (localhost, 127.0.0.1 ...): the ask URL is one of these. */
  readonly hostNames: ReadonlySet<string>;
  /** Names the host serves besides its sites' domains (the directory's host name). */
  readonly ownNames: readonly string[];
  /** The Host header's name, as the host routes by it. */
  readonly hostnameOf: (host: string) => string;
  /** The slug a name of the host's own scheme points at (<slug>.<public host>, <slug>.<admin host>). */
  readonly slugOf: (hostname: string) => string | undefined;
}

export function tlsAsk(options: TlsAskOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const hostname = options.hostnameOf(req.headers.host ?? '');
    const direct = LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
    if (!options.hostNames.has(hostname) || !direct) return next();
    const domain = typeof req.query.domain === 'string' ? req.query.domain.trim().toLowerCase().replace(/\.$/, '') : '';
    res.type('text/plain').set('Cache-Control', 'no-store');
    if (!domain) {
      res.status(400).send('Ask with ?domain=<host name>.\n');
      return;
    }
    const answer = servedBy(options, domain);
    if (answer) res.status(200).send(`${domain}: ${answer}\n`);
    else res.status(404).send(`${domain} is not a domain of any site on this host; no certificate.\n`);
  };
}

function servedBy(options: TlsAskOptions, domain: string): string | undefined {
  // <slug>.localhost and the host's own local names never leave this machine: no public certificate.
  if (domain === 'localhost' || domain.endsWith('.localhost') || options.hostNames.has(domain)) return undefined;
  if (options.ownNames.includes(domain)) return 'served by this host';
  const entry = options.registry.find(domain);
  if (entry) return `the domain of site ${entry.slug}`;
  const slug = options.slugOf(domain);
  return slug !== undefined && options.registry.get(slug) ? `an address of site ${slug}` : undefined;
}
