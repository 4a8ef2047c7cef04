/**
 * The site's own settings (title, description, logo, icon, timezone, language) and the theme's
 * custom settings (its package.json config.custom). Both live in site.json, which is rewritten
 * whole, validated against the schema, and reloaded by the host.
 */
import express from 'express';
import type { ThemeCustomSetting } from '../../manifest/index.ts';
import type { Site } from '../../site/index.ts';
import { locals, requireCapability, type ApiDeps } from './context.ts';
import { Input, InputError, LINK, type FieldProblem } from './input.ts';

/** API field → site.json key. */
const SITE_FIELDS = { title: 'title', description: 'description', logo: 'logo', icon: 'icon', timezone: 'timezone', language: 'locale' } as const;
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
    };
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
      },
      (problem) => FIELD_OF_KEY[problem.path.split('/')[1] ?? ''] ?? 'settings',
    );
    res.json({ ...siteSettings(site), ...Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) });
  });

  router.get('/theme', (_req, res) => {
    requireCapability(res, 'theme:settings');
    res.json(themeSettings(locals(res).site));
  });

  router.put('/theme/settings', async (req, res) => {
    requireCapability(res, 'theme:settings');
    const { site } = locals(res);
    const declared = site.theme.manifest.config?.custom ?? {};
    const values = new Input(req.body).raw('values');
    if (!values || typeof values !== 'object' || Array.isArray(values)) throw new InputError([{ field: 'values', message: 'must be an object of setting names and values' }]);
    const problems: FieldProblem[] = [];
    for (const [key, value] of Object.entries(values)) {
      const setting = declared[key];
      const problem = setting ? (value === null ? undefined : customProblem(setting, value)) : `is not a setting of the theme "${site.theme.id}"`;
      if (problem) problems.push({ field: key, message: problem });
    }
    if (problems.length) throw new InputError(problems);
    await deps.stateOf(site).manifest.update((manifest) => {
      const theme = (manifest.theme ?? {}) as { settings?: Record<string, unknown> };
      const settings = { ...theme.settings };
      for (const [key, value] of Object.entries(values)) {
        // null goes back to the theme's default.
        if (value === null) delete settings[key];
        else settings[key] = value;
      }
      manifest.theme = { ...theme, settings };
    });
    const saved = themeSettings(site);
    res.json({ ...saved, settings: saved.settings.map((setting) => (setting.key in values ? { ...setting, value: (values as Record<string, unknown>)[setting.key] ?? setting.default } : setting)) });
  });

  return router;
}

function themeSettings(site: Site) {
  const manifest = site.theme.manifest;
  const current = site.manifest.theme.settings ?? {};
  return {
    id: site.theme.id,
    version: manifest.version,
    description: manifest.description ?? '',
    settings: Object.entries(manifest.config?.custom ?? {}).map(([key, setting]) => ({
      key,
      type: setting.type,
      options: setting.options ?? [],
      default: setting.default ?? null,
      group: setting.group ?? 'site',
      description: setting.description ?? '',
      value: key in current ? current[key] : (setting.default ?? null),
    })),
  };
}

function customProblem(setting: ThemeCustomSetting, value: unknown): string | undefined {
  switch (setting.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be on or off (true or false)';
    case 'select':
      return typeof value === 'string' && (setting.options ?? []).includes(value) ? undefined : `must be one of: ${(setting.options ?? []).join(', ')}`;
    case 'color':
      return typeof value === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? undefined : 'must be a colour like #b4532a';
    case 'image':
      return typeof value === 'string' && (value === '' || LINK.test(value)) ? undefined : 'must be an image path like /content/images/... or a web address';
    case 'text':
      return typeof value === 'string' && value.length <= 1000 ? undefined : 'must be text of at most 1000 characters';
  }
}
