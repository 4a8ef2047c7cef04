/**
 * Plugins in the admin, at /admin/api/plugins: the site's plugin admin router (core/site) behind
 * the admin's gate. Owners and editors use plugins' admin pages and their actions (the client's
 * messages, analytics, redirects: running the site day to day, as the SDK promises plugin
 * authors); only owners see why a plugin failed and switch a switched-off plugin back on, since
 * that is the builder's work and a failure's text is meant for them. Authors reach none of it.
 */
import express from 'express';
import { can } from '../../auth/index.ts';
import { pluginAdminRouter } from '../../site/index.ts';
import { requireCapability, sessionOf, type ApiDeps } from './context.ts';
import { editorPanelRoutes } from './editor-panels.ts';

export function pluginRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  router.use('/plugins', (_req, res, next) => {
    requireCapability(res, 'plugins:pages');
    next();
  });
  router.post('/plugins/:plugin/switch-on', (_req, res, next) => {
    requireCapability(res, 'plugins:manage');
    next();
  });
  router.use(editorPanelRoutes());
  router.use(
    '/plugins',
    pluginAdminRouter({
      catalog: deps.plugins,
      reload: deps.reloadSite,
      showsFailures: (res) => can(sessionOf(res).membership.role, 'plugins:manage'),
    }),
  );
  return router;
}
