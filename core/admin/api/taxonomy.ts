/** Tags (anyone who writes may read them; editors manage them), authors, and the navigation menus (main and secondary). */
import express from 'express';
import { GuildError } from '../../errors.ts';
import { slugify, type NavigationItem } from '../../content/index.ts';
import { locals, requireCapability, sessionOf } from './context.ts';
import { Input, InputError, LINK, type FieldProblem } from './input.ts';

const MAX_MENU_ITEMS = 50;

export function taxonomyRoutes(): express.Router {
  const router = express.Router();

  router.get('/tags', async (_req, res) => {
    sessionOf(res);
    res.json({ items: await locals(res).site.store.listTags() });
  });

  router.post('/tags', async (req, res) => {
    requireCapability(res, 'tags:manage');
    const input = new Input(req.body);
    const name = input.string('name', { required: true, min: 1, max: 100 });
    const slug = input.string('slug', { max: 100 });
    const description = input.string('description', { max: 500 });
    input.check();
    const store = locals(res).site.store;
    if (await store.getTag(slugify(slug ?? name!))) throw new InputError([{ field: 'name', message: 'is taken by another tag' }]);
    res.status(201).json(await store.saveTag({ name: name!.trim(), ...(slug ? { slug } : {}), description: description ?? '' }));
  });

  router.put('/tags/:slug', async (req, res) => {
    requireCapability(res, 'tags:manage');
    const store = locals(res).site.store;
    const tag = await store.getTag(String(req.params.slug));
    if (!tag) throw new GuildError('GUILD_ERR_NOT_FOUND', `Tag "${String(req.params.slug)}"`);
    const input = new Input(req.body);
    const name = input.string('name', { min: 1, max: 100 });
    const description = input.string('description', { max: 500 });
    input.check();
    res.json(await store.saveTag({ slug: tag.slug, name: name?.trim() ?? tag.name, description: description ?? tag.description }));
  });

  router.delete('/tags/:slug', async (req, res) => {
    requireCapability(res, 'tags:manage');
    if (!(await locals(res).site.store.deleteTag(String(req.params.slug)))) throw new GuildError('GUILD_ERR_NOT_FOUND', `Tag "${String(req.params.slug)}"`);
    res.status(204).end();
  });

  router.get('/authors', async (_req, res) => {
    sessionOf(res);
    res.json({ items: await locals(res).site.store.listAuthors() });
  });

  router.get('/navigation', async (req, res) => {
    requireCapability(res, 'navigation:edit');
    res.json({ items: await locals(res).site.store.getNavigation(menuOf(req.query.menu)) });
  });

  router.put('/navigation', async (req, res) => {
    requireCapability(res, 'navigation:edit');
    const items = new Input(req.body).raw('items');
    const problems: FieldProblem[] = [];
    if (!Array.isArray(items) || items.length > MAX_MENU_ITEMS) {
      throw new InputError([{ field: 'items', message: `must be a list of at most ${MAX_MENU_ITEMS} {label, url} items` }]);
    }
    const menu: NavigationItem[] = items.map((item: unknown, index) => {
      const entry = new Input(item);
      const label = entry.string('label', { required: true, min: 1, max: 100 });
      const url = entry.string('url', { required: true, max: 2000, pattern: LINK, hint: 'must be a site path like /about/, or a web, mail or phone address' });
      try {
        entry.check();
      } catch (error) {
        for (const problem of (error as InputError).problems) problems.push({ field: `items.${index}.${problem.field}`, message: problem.message });
      }
      return { label: label?.trim() ?? '', url: url?.trim() ?? '' };
    });
    if (problems.length) throw new InputError(problems);
    await locals(res).site.store.setNavigation(menu, menuOf(req.query.menu));
    res.json({ items: await locals(res).site.store.getNavigation(menuOf(req.query.menu)) });
  });

  return router;
}

/** `?menu=secondary` is the second menu themes show with {{navigation type="secondary"}}; anything else the main one. */
function menuOf(value: unknown): string | undefined {
  return value === 'secondary' ? 'secondary' : undefined;
}
