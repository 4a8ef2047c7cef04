/**
 * `GET /_guild/health` on one of the host's own names (localhost, 127.0.0.1, the public host
 * name): what a load balancer asks every few hundred milliseconds to decide whether to send this
 * host requests. It answers 200 as long as the process accepts connections and its event loop
 * runs, without opening a site, rendering a page or touching the page cache, so it stays cheap
 * at any number of sites and at any rate of checks.
 *
 * It does not query the database: every host shares the one PostgreSQL, so an outage there is
 * every host's at once, and a balancer that took them all out would turn a degraded network (cached
 * pages still served) into an unreachable one. A host that is killed or hangs stops answering,
 * which is what the balancer acts on.
 */
import type { Request, Response, NextFunction } from 'express';

export const HEALTH_PATH = '/_guild/health';

export function health(options: { readonly hostNames: ReadonlySet<string>; readonly hostnameOf: (host: string) => string }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // A site's own names keep the path for themselves (a page could be called that).
    if (!options.hostNames.has(options.hostnameOf(req.headers.host ?? ''))) return next();
    res.status(200).type('text/plain').set('Cache-Control', 'no-store').send('ok\n');
  };
}
