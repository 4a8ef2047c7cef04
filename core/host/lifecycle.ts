/**
 * A site's lifecycle after `guild site new`: remove (an archive first), rename, disable and enable
 * (a maintenance page), switch theme (keeping the settings the new theme knows), and add or remove
 * a domain. Each change is checked before anything is written, written in one rename, and applied
 * to the registry at once, so the host serving the sites (which runs these itself when the CLI
 * asks it through the control API) never serves a half-changed site.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { exportSite } from '../archive/index.ts';
import { siteSchema } from '../content/index.ts';
import { forgetSiteAccess, moveSiteAccess, siteMembers, type Auth } from '../auth/index.ts';
import { GuildError } from '../errors.ts';
import { editSiteManifest, InvalidSiteManifest, schemaProblems, type RawManifest } from '../manifest/index.ts';
import { siteContentLocation, type ChangeOutcome, type SiteChange, type SiteServices } from '../site/index.ts';
import type { HostConfig } from './config.ts';
import { switchTheme } from './install.ts';
import type { SiteEntry, SiteRegistry } from './registry.ts';

export interface LifecycleContext {
  readonly config: HostConfig;
  readonly registry: SiteRegistry;
  readonly services: SiteServices;
  readonly auth: Auth;
}

export async function changeSite(context: LifecycleContext, slug: string, change: SiteChange): Promise<ChangeOutcome> {
  switch (change.action) {
    case 'remove':
      return removeSite(context, slug, change);
    case 'rename':
      return renameSite(context, slug, change.to);
    case 'disable':
      return edit(context, slug, (raw) => void (raw.disabled = { since: new Date().toISOString(), ...(change.message ? { message: change.message } : {}) }));
    case 'enable':
      return edit(context, slug, (raw) => void delete raw.disabled);
    case 'theme': {
      const { dropped } = await switchTheme(context, slug, change.theme, change.licence);
      return { slug, dropped };
    }
    case 'domain-add':
      return addDomain(context, slug, change.domain.toLowerCase());
    case 'domain-remove':
      return removeDomain(context, slug, change.domain.toLowerCase());
  }
}

/** The site as the registry holds it, with a valid manifest to change. */
function usable(registry: SiteRegistry, slug: string): SiteEntry & { manifest: NonNullable<SiteEntry['manifest']> } {
  const entry = registry.get(slug);
  if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
  // A change is made to site.json on disk, so that file must be valid (not only the version serving).
  if (!entry.manifest || entry.editProblems.length) throw new GuildError('GUILD_ERR_SITE_BROKEN', slug, (entry.manifest ? entry.editProblems : entry.problems).join('\n'));
  return entry as SiteEntry & { manifest: NonNullable<SiteEntry['manifest']> };
}

async function edit(context: LifecycleContext, slug: string, change: (raw: RawManifest) => void): Promise<ChangeOutcome> {
  const entry = usable(context.registry, slug);
  const manifest = await editSiteManifest(entry.manifestFile, slug, change);
  await context.registry.reload(slug);
  return { slug, domains: manifest.domains ?? [] };
}

async function addDomain(context: LifecycleContext, slug: string, domain: string): Promise<ChangeOutcome> {
  const owner = context.registry.find(domain);
  if (owner && owner.slug !== slug) throw new GuildError('GUILD_ERR_DOMAIN_TAKEN', domain, owner.slug);
  return edit(context, slug, (raw) => {
    const domains = (raw.domains as string[] | undefined) ?? [];
    raw.domains = domains.includes(domain) ? domains : [...domains, domain];
  });
}

async function removeDomain(context: LifecycleContext, slug: string, domain: string): Promise<ChangeOutcome> {
  if (!usable(context.registry, slug).manifest.domains?.includes(domain)) throw new GuildError('GUILD_ERR_DOMAIN_NOT_ON_SITE', domain, slug);
  return edit(context, slug, (raw) => void (raw.domains = (raw.domains as string[]).filter((listed) => listed !== domain)));
}

/**
 * Archives the site (unless told not to), drops it from the registry, which frees its domains at
 * once, then deletes its folder and everyone's access to it. Without an archive, a site whose
 * site.json is broken can still be removed.
 */
async function removeSite(context: LifecycleContext, slug: string, options: { archive: boolean; out?: string }): Promise<ChangeOutcome> {
  const { registry } = context;
  const entry = registry.get(slug);
  if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
  let archive: string | undefined;
  if (options.archive) {
    const { manifest } = usable(registry, slug);
    archive = path.resolve(options.out ?? path.join(removedSitesDir(context.config), `${slug}-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`));
    await mkdir(path.dirname(archive), { recursive: true });
    const partial = path.join(path.dirname(archive), `.${path.basename(archive)}.partial`);
    try {
      // With its members (password hashes only), so the restored site can be logged into.
      await exportSite(
        { slug, dir: entry.dir, manifest, content: siteContentLocation(entry.dir, slug, context.config.databaseUrl), members: await siteMembers(context.auth, slug), media: context.services.media },
        createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
      );
      await rename(partial, archive);
    } finally {
      await rm(partial, { force: true });
    }
  }
  await registry.remove(slug);
  // Out of the sites folder's sight in one rename (a dot-folder is no site), then deleted.
  const retired = path.join(registry.sitesDir, `.removed-${slug}-${randomBytes(4).toString('hex')}`);
  await rename(entry.dir, retired);
  await rm(retired, { recursive: true, force: true });
  await context.services.contentDatabase?.dropSchema(siteSchema(slug));
  // Media in a bucket went with nothing above (in a folder they went with it).
  await context.services.media.forSite({ slug, dir: entry.dir }).removeAll();
  await forgetSiteAccess(context.auth, slug);
  context.services.log.info({ site: slug, archive }, `site ${slug} removed${archive ? `; its archive is ${archive}` : ''}`);
  return { slug, ...(archive ? { archive } : {}) };
}

/**
 * Moves the site to a new slug: its folder, its id in site.json and everyone's access. Custom
 * domains stay; `<old>.localhost` becomes `<new>.localhost`. The folder passes through a hidden
 * name so the host never sees a folder whose site.json names another slug.
 */
async function renameSite(context: LifecycleContext, slug: string, to: string): Promise<ChangeOutcome> {
  const { registry } = context;
  const entry = usable(registry, slug);
  const target = path.join(registry.sitesDir, to);
  if (existsSync(target)) throw new GuildError('GUILD_ERR_SITE_EXISTS', to, registry.sitesDir);
  // Checked before the folder moves: a slug the schema refuses changes nothing.
  const badSlug = schemaProblems('site', { ...entry.manifest, id: to }, entry.manifestFile).find((problem) => problem.path === '/id');
  if (badSlug) throw new InvalidSiteManifest(entry.manifestFile, [badSlug]);
  const staging = path.join(registry.sitesDir, `.rename-${to}-${randomBytes(4).toString('hex')}`);
  await registry.remove(slug);
  await rename(entry.dir, staging);
  await editSiteManifest(path.join(staging, 'site.json'), to, (raw) => void (raw.id = to));
  await context.services.contentDatabase?.renameSchema(siteSchema(slug), siteSchema(to));
  await rename(staging, target);
  // Before the site serves again under its new name: its media in a bucket move to the new slug's keys.
  await context.services.media.rename({ slug, dir: entry.dir }, { slug: to, dir: target });
  await moveSiteAccess(context.auth, slug, to);
  await registry.scan();
  context.services.log.info({ site: to, from: slug }, `site ${slug} renamed to ${to}`);
  return { slug: to, domains: entry.manifest.domains ?? [] };
}

/** Where `guild site remove` keeps the archives of removed sites, beside the host's data. */
export function removedSitesDir(config: HostConfig): string {
  return path.join(config.dataDir, 'removed-sites');
}
