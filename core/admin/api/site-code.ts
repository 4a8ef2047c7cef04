/**
 * Owners only ('site:code'): the HTML added to every page before </head> and </body> (Ghost's
 * code injection, in site.json "codeInjection"), and the site's Content API key for Ghost's
 * Content API at /ghost/api/content/, shown, created and rotated.
 */
import express from 'express';
import { contentApiKey, rotateContentApiKey } from '../../ghost-api/index.ts';
import { locals, requireCapability, type ApiDeps } from './context.ts';
import { Input } from './input.ts';

const MAX_CODE = 65_536;

export function siteCodeRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();

  router.get('/settings/code-injection', (_req, res) => {
    requireCapability(res, 'site:code');
    const code = locals(res).site.manifest.codeInjection;
    res.json({ head: code?.head ?? '', foot: code?.foot ?? '' });
  });

  router.put('/settings/code-injection', async (req, res) => {
    requireCapability(res, 'site:code');
    const input = new Input(req.body);
    const head = input.string('head', { max: MAX_CODE }) ?? '';
    const foot = input.string('foot', { max: MAX_CODE }) ?? '';
    input.check();
    const { site } = locals(res);
    await deps.stateOf(site).manifest.update((manifest) => {
      if (head.trim() || foot.trim()) manifest.codeInjection = { ...(head.trim() ? { head } : {}), ...(foot.trim() ? { foot } : {}) };
      else delete manifest.codeInjection;
    });
    res.json({ head, foot });
  });

  router.get('/settings/content-api', async (_req, res) => {
    requireCapability(res, 'site:code');
    res.json({ key: (await contentApiKey(locals(res).site.store)) ?? null, path: '/ghost/api/content/' });
  });

  // Creates the key the first time, replaces it after: the old key stops working at once.
  router.post('/settings/content-api/key', async (_req, res) => {
    requireCapability(res, 'site:code');
    res.json({ key: await rotateContentApiKey(locals(res).site.store), path: '/ghost/api/content/' });
  });

  return router;
}
