/**
 * What a host tells the directory about one of its sites when its builder opts in: the main
 * domain, title, who built it, and the theme and plugins it runs with their installed versions.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteRegistration } from '../directory/index.ts';
import { GuildError } from '../errors.ts';
import type { SiteServices } from '../site/index.ts';
import type { SiteRegistry } from './registry.ts';

export function siteRegistration(registry: SiteRegistry, services: SiteServices, slug: string): SiteRegistration {
  const entry = registry.get(slug);
  if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
  const manifest = entry.manifest;
  if (!manifest) throw new GuildError('GUILD_ERR_MANIFEST_INVALID', entry.manifestFile, entry.problems.join('\n'));
  const domain = manifest.domains?.[0];
  if (!domain) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', `site "${slug}" has no domain; add its public domain to "domains" in its site.json first`);
  const version = (dir: string | undefined, file: string) => {
    if (!dir || !existsSync(path.join(dir, file))) return null;
    try {
      return (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { version?: string }).version ?? null;
    } catch {
      return null;
    }
  };
  return {
    domain,
    title: manifest.title,
    builtBy: manifest.builtBy,
    theme: { id: manifest.theme.id, version: version(services.themes.locate(manifest.theme.id, manifest.theme.version), 'package.json') },
    plugins: (manifest.plugins ?? []).map((plugin) => ({ id: plugin.id, version: version(services.plugins.locate(plugin.id, plugin.version), 'plugin.json') })),
  };
}
