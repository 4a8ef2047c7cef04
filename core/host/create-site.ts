/**
 * Creates a site folder with a valid site.json. The folder is written under a hidden name and
 * renamed into place in one step, so a running host never sees a half-written site and picks
 * the new one up at once.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GuildError } from '../errors.ts';
import { SCHEMA_FILES, formatProblem, parseManifest, type SiteManifest } from '../manifest/index.ts';
import type { SiteRegistry } from './registry.ts';

export interface NewSite {
  readonly slug: string;
  readonly title: string;
  readonly domains: readonly string[];
  readonly builtBy: string;
  readonly theme: string;
  readonly locale?: string;
  readonly timezone?: string;
  readonly description?: string;
}

export async function createSite(registry: SiteRegistry, input: NewSite): Promise<{ file: string; manifest: SiteManifest }> {
  const dir = path.join(registry.sitesDir, input.slug);
  if (existsSync(dir)) throw new GuildError('GUILD_ERR_SITE_EXISTS', input.slug, registry.sitesDir);
  const manifest: SiteManifest = {
    guild: 1,
    id: input.slug,
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    domains: [...input.domains],
    theme: { id: input.theme },
    plugins: [],
    builtBy: input.builtBy,
    locale: input.locale ?? 'en',
    timezone: input.timezone ?? 'UTC',
  };
  // Editors that read "$schema" then check and complete the file as it is typed.
  const schema = path.relative(dir, fileURLToPath(SCHEMA_FILES.site)).split(path.sep).join('/');
  const text = `${JSON.stringify({ $schema: schema, ...manifest }, null, 2)}\n`;
  const file = path.join(dir, 'site.json');
  const checked = parseManifest('site', text, file, input.slug);
  if (!checked.ok) throw new GuildError('GUILD_ERR_MANIFEST_INVALID', file, checked.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n'));
  for (const domain of manifest.domains ?? []) {
    const owner = registry.find(domain);
    if (owner) throw new GuildError('GUILD_ERR_DOMAIN_TAKEN', domain, owner.slug);
  }

  await mkdir(registry.sitesDir, { recursive: true });
  const staging = await mkdtemp(path.join(registry.sitesDir, `.new-${input.slug}-`));
  try {
    await writeFile(path.join(staging, 'site.json'), text);
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  // Read at once: with GUILD_DATABASE_URL this saves it for every host of the network, which serve it.
  await registry.scan();
  return { file, manifest };
}
