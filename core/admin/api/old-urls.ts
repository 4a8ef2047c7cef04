/**
 * The old addresses a WordPress import recorded (core/site/old-urls.ts), for owners and editors to
 * look over, point elsewhere or remove. A change or a removal sticks: importing the same site again
 * does not undo it.
 */
import express from 'express';
import { GuildError } from '../../errors.ts';
import { OLD_URL_KIND } from '../../wxr/html/links.ts';
import { locals, requireCapability } from './context.ts';
import { Input, InputError } from './input.ts';

export function oldUrlRoutes(): express.Router {
  const router = express.Router();

  router.get('/old-urls', async (_req, res) => {
    requireCapability(res, 'content:import');
    const origins = await locals(res).site.store.listOrigins({ kind: OLD_URL_KIND });
    const items = origins
      .filter((origin) => !origin.data.removed)
      .map((origin) => ({ source: origin.source, path: origin.originalId.startsWith('?') ? `/${origin.originalId}` : origin.originalId, key: origin.originalId, to: origin.data.target }));
    res.json({ items });
  });

  router.put('/old-urls', async (req, res) => {
    requireCapability(res, 'content:import');
    const input = new Input(req.body);
    const source = input.string('source', { required: true, max: 300 });
    const key = input.string('key', { required: true, max: 2000 });
    const to = input.string('to', { required: true, max: 2000 });
    input.check();
    if (!/^(\/(?!\/)|https?:\/\/)/.test(to!)) throw new InputError([{ field: 'to', message: 'must be a path on this site (/new-page/) or a full http(s) address' }]);
    const origin = await found(res, source!, key!);
    await locals(res).site.store.saveOrigin({ ...origin, data: { target: to, changed: true } });
    res.json({ source, key, to });
  });

  router.delete('/old-urls', async (req, res) => {
    requireCapability(res, 'content:import');
    const source = String(req.query.source ?? '');
    const key = String(req.query.key ?? '');
    const origin = await found(res, source, key);
    // Kept as removed rather than deleted, so importing the site again does not bring it back.
    await locals(res).site.store.saveOrigin({ ...origin, data: { ...origin.data, removed: true } });
    res.status(204).end();
  });

  return router;
}

async function found(res: express.Response, source: string, key: string) {
  const origin = await locals(res).site.store.getOrigin(source, OLD_URL_KIND, key);
  if (!origin || origin.data.removed) throw new GuildError('GUILD_ERR_NOT_FOUND', `Old address "${key}"`);
  return origin;
}
