/**
 * Which packages of a site have newer versions in the directory, and updating them within the
 * range each site recorded (`guild outdated`, `guild update`, the admin's Themes & plugins).
 * Only packages installed from a directory are considered: a theme or plugin that came with the
 * host or sits in a folder of its own has no directory to ask.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import type { PackageUpdate } from '../admin/index.ts';
import type { DirectoryClient, PackageKind } from '../directory/index.ts';
import { GuildError } from '../errors.ts';
import type { PackagePin, SiteManifest } from '../manifest/index.ts';
import { INSTALL_RECORD, installPackage, pickVersion, type InstallContext } from './install.ts';

/** A site's package with a newer version: see PackageUpdate (current, range, wanted, latest). */
export interface Outdated extends PackageUpdate {
  readonly site: string;
}

/** Each directory-installed package of the sites (all, or one) with a newer version within or beyond its range. */
export async function outdatedPackages(context: InstallContext, slug?: string): Promise<Outdated[]> {
  const entries = slug ? [siteManifest(context, slug)] : context.registry.entries().filter((entry) => entry.manifest).map((entry) => ({ slug: entry.slug, manifest: entry.manifest! }));
  const pages = new Map<string, ReturnType<DirectoryClient['package']>>();
  const rows: Outdated[] = [];
  for (const { slug: site, manifest } of entries) {
    for (const used of packagesOf(context, manifest)) {
      if (!pages.has(used.id)) pages.set(used.id, context.client.package(used.id));
      const { versions } = await pages.get(used.id)!;
      const open = versions.filter((version) => !version.yanked).map((version) => version.version);
      const latest = semver.rsort([...open])[0];
      if (!latest) continue;
      const wanted = semver.maxSatisfying(open, used.range);
      if (semver.gt(latest, used.current) || (wanted && semver.gt(wanted, used.current))) rows.push({ site, kind: used.kind, id: used.id, current: used.current, range: used.range, wanted, latest });
    }
  }
  return rows;
}

export interface Updated {
  readonly id: string;
  readonly kind: PackageKind;
  readonly from: string;
  readonly to: string;
}

/** Moves a site's packages (or one) to the highest version within their ranges; `dryRun` only says what would change. */
export async function updateSite(context: InstallContext, slug: string, options: { packageId?: string; dryRun?: boolean } = {}): Promise<Updated[]> {
  const { manifest } = siteManifest(context, slug);
  const used = packagesOf(context, manifest).filter((entry) => !options.packageId || entry.id === options.packageId);
  if (options.packageId && used.length === 0) throw new GuildError('GUILD_ERR_PACKAGE_NOT_ON_SITE', options.packageId, slug);
  const changes: Updated[] = [];
  for (const entry of used) {
    const wanted = pickVersion(entry.id, (await context.client.package(entry.id)).versions, entry.range).version;
    if (!semver.gt(wanted, entry.current)) continue;
    changes.push({ id: entry.id, kind: entry.kind, from: entry.current, to: wanted });
    if (!options.dryRun) await installPackage(context, { slug, packageId: entry.id, range: entry.range, ...(entry.licence ? { licence: entry.licence } : {}) });
  }
  return changes;
}

interface UsedPackage {
  readonly kind: PackageKind;
  readonly id: string;
  readonly current: string;
  readonly range: string;
  readonly licence: string | undefined;
}

/** A site's theme and plugins that came from a directory, with the version each uses and its range. */
function packagesOf(context: InstallContext, manifest: SiteManifest): UsedPackage[] {
  const listed: { kind: PackageKind; entry: { id: string; licence?: string } & PackagePin }[] = [
    { kind: 'theme', entry: manifest.theme },
    ...(manifest.plugins ?? []).map((entry) => ({ kind: 'plugin' as const, entry })),
  ];
  const used: UsedPackage[] = [];
  for (const { kind, entry } of listed) {
    const installed = installedVersion(kind === 'theme' ? context.services.themes.locate(entry.id, entry.version) : context.services.plugins.locate(entry.id, entry.version));
    const current = entry.version ?? installed;
    if (!installed || !current) continue;
    used.push({ kind, id: entry.id, current, range: entry.range ?? `^${current}`, licence: entry.licence });
  }
  return used;
}

/** The version an install record names, for a package folder installed from a directory. */
function installedVersion(dir: string | undefined): string | undefined {
  const record = dir && path.join(dir, INSTALL_RECORD);
  if (!record || !existsSync(record)) return undefined;
  try {
    return (JSON.parse(readFileSync(record, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

function siteManifest(context: InstallContext, slug: string): { slug: string; manifest: SiteManifest } {
  const manifest = context.registry.get(slug)?.manifest;
  if (!manifest) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, context.registry.sitesDir);
  return { slug, manifest };
}
