/**
 * Settings pages of a site's plugins. The core makes one page per active plugin that declares a
 * settings schema (a field per property), then lets plugins shape the pages through the
 * `admin:settings-pages` filter. Saving checks the values against the plugin's own schema and
 * writes them to the plugin's entry in site.json; the site then reloads with them.
 */
import path from 'node:path';
import express, { type Response } from 'express';
import { GuildError } from '../../errors.ts';
import { atLeast, can, CAPABILITIES } from '../../auth/index.ts';
import type { AdminSettingsField, AdminSettingsPage } from '../../hooks/index.ts';
import { humanize } from '../../content/index.ts';
import { readManifest, settingsProblems, type PluginManifest } from '../../manifest/index.ts';
import type { Site } from '../../site/index.ts';
import { locals, sessionOf, type ApiDeps } from './context.ts';
import { Input, InputError, type FieldProblem } from './input.ts';

interface PropertySchema {
  type?: string;
  format?: string;
  maxLength?: number;
  enum?: unknown[];
  description?: string;
  title?: string;
  default?: unknown;
}

interface PageSource {
  readonly page: AdminSettingsPage;
  readonly manifest: PluginManifest;
  readonly index: number;
}

export function pluginSettingsRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();

  router.get('/plugin-settings', async (_req, res) => {
    const site = locals(res).site;
    const pages = (await settingsPages(deps, site)).filter((source) => mayUse(res, source.page));
    res.json({ items: pages.map((source) => ({ ...source.page, values: valuesOf(site, source) })) });
  });

  router.put('/plugin-settings/:plugin', async (req, res) => {
    const site = locals(res).site;
    const source = (await settingsPages(deps, site)).find((candidate) => candidate.page.plugin === req.params.plugin);
    if (!source) throw new GuildError('GUILD_ERR_NOT_FOUND', `A settings page for plugin "${req.params.plugin}"`);
    if (!mayUse(res, source.page)) throw new GuildError('GUILD_ERR_FORBIDDEN', sessionOf(res).membership.role, CAPABILITIES['plugins:settings']);
    const values = new Input(req.body).raw('values');
    if (!values || typeof values !== 'object' || Array.isArray(values)) throw new InputError([{ field: 'values', message: 'must be an object of setting names and values' }]);
    const keys = new Set(source.page.fields.map((field) => field.key));
    const unknown = Object.keys(values).filter((key) => !keys.has(key));
    if (unknown.length) throw new InputError(unknown.map((key) => ({ field: key, message: 'is not a setting on this page' })));

    const merged: Record<string, unknown> = { ...(site.manifest.plugins?.[source.index]?.settings ?? {}) };
    for (const [key, value] of Object.entries(values)) {
      if (value === null || value === '') delete merged[key];
      else merged[key] = value;
    }
    const file = path.join(site.dir, 'site.json');
    const base = `/plugins/${source.index}/settings`;
    const problems: FieldProblem[] = settingsProblems(source.manifest.settings!, merged, file, base).map((problem) => ({
      field: problem.path.slice(base.length + 1).split('/')[0] || 'values',
      message: problem.message,
    }));
    if (problems.length) throw new InputError(problems);
    await deps.stateOf(site).manifest.update((manifest) => {
      const plugins = manifest.plugins as Array<{ id: string; settings?: Record<string, unknown> }>;
      const entry = plugins.find((plugin) => plugin.id === source.page.plugin);
      if (!entry) throw new GuildError('GUILD_ERR_NOT_FOUND', `Plugin "${source.page.plugin}" in site.json`);
      if (Object.keys(merged).length) entry.settings = merged;
      else delete entry.settings;
    });
    res.json({ ...source.page, values: { ...defaultsOf(source.manifest), ...merged } });
  });

  return router;
}

function mayUse(res: Response, page: AdminSettingsPage): boolean {
  const role = sessionOf(res).membership.role;
  return page.role === 'editor' ? atLeast(role, 'editor') : can(role, 'plugins:settings');
}

/** The pages of the site's running plugins, after the plugins have shaped them. */
async function settingsPages(deps: ApiDeps, site: Site): Promise<PageSource[]> {
  const sources: PageSource[] = [];
  for (const [index, entry] of (site.manifest.plugins ?? []).entries()) {
    if (site.plugins().find((status) => status.id === entry.id)?.state !== 'active') continue;
    const dir = deps.plugins.locate(entry.id);
    const read = dir ? await readManifest('plugin', path.join(dir, 'plugin.json')) : undefined;
    if (!read?.ok || !read.manifest.settings) continue;
    sources.push({ page: defaultPage(read.manifest), manifest: read.manifest, index });
  }
  const shaped = await site.hooks.run('admin:settings-pages', sources.map((source) => source.page), { site: site.info() });
  // A page stands only for a running plugin, and a field only for a property its schema declares.
  return shaped.flatMap((page) => {
    const source = sources.find((candidate) => candidate.page.plugin === page.plugin);
    if (!source) return [];
    const properties = source.manifest.settings!.properties;
    const fields = page.fields.filter((field) => Object.hasOwn(properties, field.key));
    return [{ ...source, page: { ...page, role: page.role === 'editor' ? 'editor' : 'owner', fields } }];
  });
}

function defaultPage(manifest: PluginManifest): AdminSettingsPage {
  const fields = Object.entries(manifest.settings!.properties).map(([key, raw]): AdminSettingsField => {
    const schema = raw as PropertySchema;
    return {
      key,
      label: schema.title ?? humanize(key),
      type: fieldType(schema),
      ...(schema.description ? { help: schema.description } : {}),
      ...(schema.enum ? { options: schema.enum.map(String) } : {}),
    };
  });
  return { plugin: manifest.id, title: manifest.name, ...(manifest.description ? { description: manifest.description } : {}), role: 'owner', fields };
}

/** Long text gets a text area, and an email address or URL the browser's own input. */
function fieldType(schema: PropertySchema): AdminSettingsField['type'] {
  if (schema.enum) return 'select';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.format === 'email') return 'email';
  if (schema.format === 'uri') return 'url';
  return (schema.maxLength ?? 0) > 150 ? 'textarea' : 'text';
}

function defaultsOf(manifest: PluginManifest): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(manifest.settings!.properties).flatMap(([key, raw]) => ((raw as PropertySchema).default === undefined ? [] : [[key, (raw as PropertySchema).default]])),
  );
}

function valuesOf(site: Site, source: PageSource): Record<string, unknown> {
  return { ...defaultsOf(source.manifest), ...(site.manifest.plugins?.[source.index]?.settings ?? {}) };
}
