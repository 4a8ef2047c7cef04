/**
 * The network admin, at the admin host itself (GUILD_ADMIN_HOST, default admin.localhost): the
 * place for what spans sites rather than belonging to one. Today it lists each site's admin.
 * Network-wide API routes go under /admin/api/ here and answer with the Admin API's error shape;
 * the freelancer's overview of every site they own or built (GET /admin/api/network/sites) answers
 * on each site's admin origin instead (api/network.ts), because sessions belong to one site and
 * their cookies are host-only: nobody is logged in here yet.
 */
import express from 'express';
import { escapeHtml } from '../content/index.ts';
import { GuildError } from '../errors.ts';
import { plainPage } from '../site/index.ts';
import { sendApiError } from './public-side.ts';

/** A site as the network admin lists it. */
export interface NetworkSite {
  readonly slug: string;
  readonly title: string;
  /** The origin of its admin, e.g. "http://harbour.admin.localhost:3000". */
  readonly adminUrl: string;
}

export function networkAdmin(sites: () => readonly NetworkSite[]): express.Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    const rows = sites()
      .map((site) => `<li><a href="${escapeHtml(site.adminUrl)}/admin/">${escapeHtml(site.title)}</a> <small>${escapeHtml(site.adminUrl)}/admin/</small></li>`)
      .join('\n');
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(plainPage('Guild admin', "Each site's admin", rows ? `<ul>${rows}</ul>` : '<p>No sites yet.</p>'));
  });
  router.use('/admin/api', (req, res) => sendApiError(res, new GuildError('GUILD_ERR_NOT_FOUND', `The API route ${req.method} /admin/api${req.path}`)));
  router.use((_req, res) => res.status(404).type('text/plain').send('Not found'));
  return router;
}
