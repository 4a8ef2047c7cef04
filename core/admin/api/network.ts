/**
 * The freelancer's overview and an owner's control of the whole site:
 *
 *   GET    /network/sites          every site the logged-in person owns or built, with its state,
 *                                  failing plugins, domains, updates, last backup and admin link
 *   GET    /site/state             this site's overview (a broken site.json shows here) (owners)
 *   POST   /site/disable|enable    maintenance page on or off (owners)
 *   POST   /site/domains           {domain} adds one; DELETE /site/domains/:domain removes one (owners)
 *   POST   /site/rename            {to} moves the site to a new slug (owners)
 *   POST   /site/remove            {confirm: "<slug>", archive?: false} archives and deletes it (owners)
 *
 * "Built" means the site's site.json names the person as its builder: the account the host made
 * for its builder, `<builtBy>@guild.localhost`.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { GuildError } from '../../errors.ts';
import type { SiteChange, SiteOverview } from '../../site/index.ts';
import type { NetworkSites } from '../network-sites.ts';
import { locals, requireCapability, sessionOf, type ApiDeps } from './context.ts';
import { Input } from './input.ts';

const DOMAIN = { required: true, max: 253, pattern: /^[a-z0-9.-]+$/i, hint: 'must be a host name like "acme.example"' };

export function networkRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const network = (): NetworkSites => {
    if (!deps.network) throw new GuildError('GUILD_ERR_NOT_FOUND', 'The Sites overview on this host');
    return deps.network;
  };
  const owner = (_req: Request, res: Response, next: NextFunction) => (requireCapability(res, 'site:manage'), next());
  const change = async (res: Response, what: SiteChange) => res.json(await network().change(locals(res).site.slug, what));

  router.get('/network/sites', async (_req, res) => {
    const { account } = sessionOf(res);
    const owned = new Set((await deps.auth.accounts.sitesOf(account.id)).filter((membership) => membership.role === 'owner').map((membership) => membership.site));
    const builder = /^(.+)@guild\.localhost$/i.exec(account.email)?.[1]?.toLowerCase();
    const mine = (site: SiteOverview) => owned.has(site.slug) || (builder !== undefined && site.builtBy === builder);
    const sites = (await network().sites()).filter(mine).map((site) => ({ ...site, role: owned.has(site.slug) ? 'owner' : 'builder' }));
    res.json({ sites });
  });

  router.use('/site', owner);
  router.get('/site/state', async (_req, res) => {
    const site = (await network().sites()).find((one) => one.slug === locals(res).site.slug);
    res.json(site);
  });
  router.post('/site/disable', async (req, res) => {
    const input = new Input(req.body);
    const message = input.string('message', { max: 500 });
    input.check();
    await change(res, { action: 'disable', ...(message ? { message } : {}) });
  });
  router.post('/site/enable', (_req, res) => change(res, { action: 'enable' }));
  router.post('/site/domains', async (req, res) => {
    const input = new Input(req.body);
    const domain = input.string('domain', DOMAIN)!;
    input.check();
    await change(res, { action: 'domain-add', domain });
  });
  router.delete('/site/domains/:domain', (req, res) => change(res, { action: 'domain-remove', domain: String(req.params.domain) }));
  router.post('/site/rename', async (req, res) => {
    const input = new Input(req.body);
    const to = input.string('to', { required: true, max: 63 })!;
    input.check();
    await change(res, { action: 'rename', to });
  });
  router.post('/site/remove', async (req, res) => {
    const input = new Input(req.body);
    const confirm = input.string('confirm', { required: true, max: 63 });
    const archive = input.boolean('archive');
    if (confirm !== locals(res).site.slug) input.problem('confirm', `must be the site's slug, "${locals(res).site.slug}", to confirm`);
    input.check();
    await change(res, { action: 'remove', archive: archive ?? true });
  });
  return router;
}
