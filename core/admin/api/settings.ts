/**
 * The site's own settings (title, description, logo, icon, timezone, language) and the theme's
 * custom settings (its package.json config.custom). Both live in site.json, which is rewritten
 * whole, validated against the schema, and reloaded by the host.
 */
import express from 'express';
import path from 'node:path';
import type { Site } from '../../site/index.ts';
import { customValues, settingsFields, settingsValueProblems } from '../../themes/index.ts';
import { locals, requireCapability, type ApiDeps } from './context.ts';
import { Input, InputError, LINK } from './input.ts';

/** API field → site.json key. */
const SITE_FIELDS = { title: 'title', description: 'description', logo: 'logo', icon: 'icon', timezone: 'timezone', language: 'locale', accent_color: 'accentColor', cover_image: 'coverImage' } as const;
/** The networks a site may list (site.schema.json "social"), in Ghost's order. */
const SOCIAL_NETWORKS = ['twitter', 'facebook', 'linkedin', 'bluesky', 'threads', 'mastodon', 'tiktok', 'youtube', 'instagram'] as const;
type SiteField = keyof typeof SITE_FIELDS;
const FIELD_OF_KEY = Object.fromEntries(Object.entries(SITE_FIELDS).map(([field, key]) => [key, field])) as Record<string, SiteField>;

function siteSettings(site: Site) {
  const manifest = site.manifest;
  return {
    title: manifest.title,
    description: manifest.description ?? '',
    logo: manifest.logo ?? null,
    icon: manifest.icon ?? null,
    timezone: manifest.timezone ?? 'UTC',
    language: manifest.locale ?? 'en',
    accent_color: manifest.accentColor ?? null,
    cover_image: manifest.coverImage ?? null,
    social: Object.fromEntries(SOCIAL_NETWORKS.map((network) => [network, manifest.social?.[network] ?? (network === 'twitter' ? manifest.social?.x : undefined) ?? ''])),
  };
}

export function settingsRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();

  router.get('/settings', (_req, res) => {
    requireCapability(res, 'settings:edit');
    res.json(siteSettings(locals(res).site));
  });

  router.put('/settings', async (req, res) => {
    requireCapability(res, 'settings:edit');
    const input = new Input(req.body);
    const values: Partial<Record<SiteField, string | null>> = {
      title: input.string('title', { min: 1, max: 200 }),
      description: input.nullableString('description', { max: 500 }),
      logo: input.nullableString('logo', { max: 2000, pattern: LINK, hint: 'must be a site path like /content/images/logo.png or a web address' }),
      icon: input.nullableString('icon', { max: 2000, pattern: LINK, hint: 'must be a site path like /content/images/icon.png or a web address' }),
      timezone: input.string('timezone', { max: 100 }),
      language: input.string('language', { max: 35 }),
      accent_color: input.nullableString('accent_color', { pattern: /^#[0-9a-fA-F]{6}$/, hint: 'must be a hex colour like #ff1a75' }),
      cover_image: input.nullableString('cover_image', { max: 2000, pattern: LINK, hint: 'must be a site path like /content/images/cover.jpg or a web address' }),
    };
    const social = socialInput(input);
    input.check();
    const { site } = locals(res);
    await deps.stateOf(site).manifest.update(
      (manifest) => {
        for (const [field, value] of Object.entries(values) as Array<[SiteField, string | null | undefined]>) {
          if (value === undefined) continue;
          const key = SITE_FIELDS[field];
          if (value === null || (value === '' && field !== 'title')) delete manifest[key];
          else manifest[key] = field === 'title' ? value.trim() : value;
        }
        if (social) {
          const kept = Object.fromEntries(Object.entries(social).filter(([, handle]) => handle !== ''));
          if (Object.keys(kept).length) manifest.social = kept;
          else delete manifest.social;
        }
      },
      (problem) => (problem.path.startsWith('/social') ? `social.${problem.path.split('/')[2] ?? ''}` : (FIELD_OF_KEY[problem.path.split('/')[1] ?? ''] ?? 'settings')),
    );
    // The manifest reloads in the background: answer with what was saved.
    const saved = siteSettings(site);
    res.json({ ...saved, ...Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)), social: social ? { ...saved.social, ...social } : saved.social });
  });

  router.get('/theme', (_req, res) => {
    requireCapability(res, 'theme:settings');
    res.json(themeSettings(locals(res).site));
  });

  router.put('/theme/settings', async (req, res) => {
    requireCapability(res, 'theme:settings');
    const { site } = locals(res);
    const values = new Input(req.body).raw('values');
    if (!values || typeof values !== 'object' || Array.isArray(values)) throw new InputError([{ field: 'values', message: 'must be an object of setting names and values' }]);
    // null means "back to the theme's default", which is always allowed.
    const set = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
    const problems = settingsValueProblems(site.theme.manifest, set, path.join(site.dir, 'site.json'));
    if (problems.length) throw new InputError(problems.map((problem) => ({ field: problem.path.split('/').at(-1) ?? 'values', message: problem.message })));
    const apply = (settings: Readonly<Record<string, unknown>> = {}) => {
      const next = { ...settings };
      for (const [key, value] of Object.entries(values)) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      return next;
    };
    await deps.stateOf(site).manifest.update((manifest) => {
      const theme = (manifest.theme ?? {}) as { settings?: Record<string, unknown> };
      manifest.theme = { ...theme, settings: apply(theme.settings) };
    });
    res.json(themeSettings(site, apply(site.manifest.theme.settings)));
  });

  return router;
}

/** `social` from the form: handles or URLs by network; an empty string removes one. Undefined when not sent. */
function socialInput(input: Input): Record<string, string> | undefined {
  const value = input.raw('social');
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return void input.problem('social', 'must be an object of networks and handles, like {"instagram": "harbourbakery"}');
  const social: Record<string, string> = {};
  for (const [network, handle] of Object.entries(value)) {
    if (!(SOCIAL_NETWORKS as readonly string[]).includes(network)) input.problem(`social.${network}`, `is not a network Guild knows; use one of ${SOCIAL_NETWORKS.join(', ')}`);
    else if (typeof handle !== 'string' || handle.length > 500) input.problem(`social.${network}`, 'must be a handle like "harbourbakery" or a URL');
    else social[network] = handle.trim();
  }
  return social;
}

function themeSettings(site: Site, current: Readonly<Record<string, unknown>> = site.manifest.theme.settings ?? {}) {
  const manifest = site.theme.manifest;
  const values = customValues(manifest, current);
  return {
    id: site.theme.id,
    version: manifest.version,
    description: manifest.description ?? '',
    settings: settingsFields(manifest).map((field) => ({ ...field, value: values[field.key] ?? null })),
  };
}
