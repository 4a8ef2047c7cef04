/**
 * Installing a package from a directory into this host and onto one site, and taking it off
 * again. Everything is checked before anything changes: the version resolved (highest match, not
 * yanked), the engine range, the archive's hash and its author's signature, every file's hash
 * inside it, and for a paid package a valid licence. Only then is it extracted beside the installed
 * packages and swapped into place, and the site's site.json changed in one rename, which a running
 * host picks up on its own. The host admin's browse-and-install page calls these same functions.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import type { DirectoryClient, PackageKind, VersionInfo } from '../directory/index.ts';
import { GuildError, isGuildError } from '../errors.ts';
import { editSiteManifest, type PackagePin, type RawManifest } from '../manifest/index.ts';
import { extractPackage, integrityOf } from '../packages/index.ts';
import { checkLicence, packageStatement, verifyText } from '../signing/index.ts';
import { licenceProblem, siteDomains, type SiteServices } from '../site/index.ts';
import { GUILD_VERSION } from '../version.ts';
import type { HostConfig } from './config.ts';
import type { SiteEntry, SiteRegistry } from './registry.ts';
import { carrySettings, type CarriedSettings } from './theme-settings.ts';
import { trustDirectory, trustedDirectoryKeys } from './trust.ts';

/** Written into every installed package's folder: where it came from. */
export const INSTALL_RECORD = '.guild-install.json';

export interface InstallRequest {
  readonly slug: string;
  readonly packageId: string;
  /** A semver range or "latest"; default latest. */
  readonly range?: string;
  /** The licence token for a paid package (else the one already in the site's entry). */
  readonly licence?: string;
}

export interface Installed {
  readonly kind: PackageKind;
  readonly id: string;
  readonly version: string;
  readonly dir: string;
}

export interface InstallContext {
  readonly config: HostConfig;
  readonly registry: SiteRegistry;
  readonly services: SiteServices;
  readonly client: DirectoryClient;
}

export async function installPackage(context: InstallContext, request: InstallRequest): Promise<Installed> {
  const { config, client } = context;
  const entry = siteEntry(context.registry, request.slug);
  const page = await client.package(request.packageId);
  const kind = page.package.kind;
  const version = pickVersion(request.packageId, page.versions, request.range);
  if (!semver.satisfies(GUILD_VERSION, version.engine, { includePrerelease: true })) {
    const fitting = page.versions.find((candidate) => !candidate.yanked && semver.satisfies(GUILD_VERSION, candidate.engine, { includePrerelease: true }));
    throw new GuildError('GUILD_ERR_INSTALL_ENGINE', `${request.packageId} ${version.version}`, version.engine, GUILD_VERSION, fitting ? ` Version ${fitting.version} fits: add ${request.packageId}@${fitting.version}.` : '');
  }
  const target = installFolder(config, kind, request.packageId, version.version);
  const found = kind === 'theme' ? context.services.themes.locate(request.packageId) : context.services.plugins.locate(request.packageId);
  if (found && !isInside(config.packagesDir, found)) throw new GuildError('GUILD_ERR_PACKAGE_SHADOWED', request.packageId, found);

  const { publicKey } = await client.info();
  if (version.price) {
    const listed = kind === 'theme' ? entry.manifest!.theme : entry.manifest!.plugins?.find((plugin) => plugin.id === request.packageId);
    const token = request.licence ?? (listed?.id === request.packageId ? listed.licence : undefined);
    const check = checkLicence(token, { package: request.packageId, domains: siteDomains(entry.manifest!), trustedKeys: [...trustedDirectoryKeys(config), publicKey] });
    if (!check.ok) throw new GuildError('GUILD_ERR_LICENCE', request.packageId, check.problem);
  }

  const archive = await client.download(request.packageId, version.version);
  await verifyDownload(client, request.packageId, version, archive);
  await trustDirectory(config, client.url, publicKey);
  await swapIntoPlace(target, archive, { id: request.packageId, kind, version: version.version }, { directory: client.url, integrity: version.integrity, signedWith: version.signedWith, publishedBy: version.publishedBy });
  const licence = request.licence;
  const pin = { version: version.version, range: recordedRange(request.range, version.version) };
  await editSiteManifest(entry.manifestFile, entry.slug, (raw) => (kind === 'theme' ? useTheme(raw, request.packageId, licence, pin) : usePlugin(raw, request.packageId, licence, pin)));
  await context.registry.reload(entry.slug);
  return { kind, id: request.packageId, version: version.version, dir: target };
}

export interface Removed {
  readonly kind: PackageKind;
  /** True when no other site used it, so its files left the host too. */
  readonly deleted: boolean;
}

/** Takes a plugin off a site (or an installed theme no site uses) and deletes it from the host once no site lists it. */
export async function removePackage(context: Omit<InstallContext, 'client'>, slug: string, packageId: string): Promise<Removed> {
  const { registry, services } = context;
  const entry = siteEntry(registry, slug);
  const manifest = entry.manifest!;
  const listed = manifest.plugins?.find((plugin) => plugin.id === packageId);
  const kind: PackageKind = !listed && (manifest.theme.id === packageId || services.themes.locate(packageId)) ? 'theme' : 'plugin';
  if (kind === 'theme' && manifest.theme.id === packageId) {
    throw new GuildError('GUILD_ERR_THEME_IN_USE', packageId, slug);
  }
  const locate = (version?: string) => (kind === 'theme' ? services.themes.locate(packageId, version) : services.plugins.locate(packageId, version));
  const dir = locate(listed?.version);
  if (kind === 'plugin') {
    if (!listed) throw new GuildError('GUILD_ERR_PACKAGE_NOT_ON_SITE', packageId, slug);
    await editSiteManifest(entry.manifestFile, entry.slug, (raw) => {
      raw.plugins = ((raw.plugins as RawManifest[] | undefined) ?? []).filter((plugin) => plugin.id !== packageId);
    });
    await registry.reload(slug);
  }
  // Only this copy (this version) leaves the host, and only when no other site uses it.
  const usedBy = (other: SiteEntry) => {
    const used = kind === 'theme' ? (other.manifest?.theme.id === packageId ? other.manifest.theme : undefined) : other.manifest?.plugins?.find((plugin) => plugin.id === packageId);
    return used !== undefined && locate(used.version) === dir;
  };
  if (!dir || registry.entries().some(usedBy) || !existsSync(path.join(dir, INSTALL_RECORD))) return { kind, deleted: false };
  const copy = kind === 'theme' && path.basename(path.dirname(dir)).startsWith(`${packageId}@`) ? path.dirname(dir) : dir;
  const retired = path.join(path.dirname(copy), `.removed-${packageId}-${randomBytes(4).toString('hex')}`);
  await rename(copy, retired);
  await rm(retired, { recursive: true, force: true });
  return { kind, deleted: true };
}

/** Where a version installed from a directory lives: beside its other versions, so each site keeps its own. */
export function installFolder(config: Pick<HostConfig, 'packagesDir'>, kind: PackageKind, id: string, version: string): string {
  const folder = path.join(config.packagesDir, `${kind}s`, `${id}@${version}`);
  // A theme's folder carries its name (the theme checker's rule), so it sits one level down.
  return kind === 'theme' ? path.join(folder, id) : folder;
}

function isInside(parent: string, child: string): boolean {
  return path.resolve(child).startsWith(path.resolve(parent) + path.sep);
}

/**
 * Makes a theme present on this host a site's theme: refused, changing nothing, when it is not
 * installed, does not load, or is paid and the licence given (or the site's own) does not cover
 * the site. The settings the new theme also has (with values it accepts) are kept; the others
 * are dropped and named, so a switch never leaves the site refused over the old theme's settings.
 */
export async function switchTheme(context: Omit<InstallContext, 'client'>, slug: string, themeId: string, licence?: string): Promise<CarriedSettings> {
  const entry = siteEntry(context.registry, slug);
  const manifest = entry.manifest!;
  if (!context.services.themes.locate(themeId)) throw new GuildError('GUILD_ERR_THEME_NOT_INSTALLED', themeId);
  const theme = await context.services.themes.get(themeId);
  const token = licence ?? (manifest.theme.id === themeId ? manifest.theme.licence : undefined);
  const problem = licenceProblem({ id: themeId, price: theme.manifest.price }, token, manifest, context.services.licenceKeys());
  if (problem) throw new GuildError('GUILD_ERR_LICENCE', themeId, problem);
  const carried = carrySettings(theme.manifest, manifest.theme.settings, entry.manifestFile);
  await editSiteManifest(entry.manifestFile, entry.slug, (raw) => {
    useTheme(raw, themeId, token);
    if (Object.keys(carried.kept).length) (raw.theme as RawManifest).settings = carried.kept;
  });
  await context.registry.reload(entry.slug);
  return carried;
}

function siteEntry(registry: SiteRegistry, slug: string): SiteEntry {
  const entry = registry.get(slug);
  if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
  if (!entry.manifest) throw new GuildError('GUILD_ERR_MANIFEST_INVALID', entry.manifestFile, entry.problems.join('\n'));
  return entry;
}

/** The highest version in the range that is not yanked (yanked ones stay for sites that have them). */
export function pickVersion(id: string, versions: readonly VersionInfo[], range = 'latest'): VersionInfo {
  const wanted = range === 'latest' || range === '' ? '*' : range;
  const open = versions.filter((version) => !version.yanked);
  const best = semver.maxSatisfying(open.map((version) => version.version), wanted);
  if (!best) throw new GuildError('GUILD_ERR_NO_MATCHING_VERSION', id, range, open.map((version) => version.version).join(', ') || 'none');
  return open.find((version) => version.version === best)!;
}

/** The archive is the one the directory lists, and its author signed it with a key the directory has for them. */
async function verifyDownload(client: DirectoryClient, id: string, version: VersionInfo, archive: Buffer): Promise<void> {
  const integrity = integrityOf(archive);
  if (integrity !== version.integrity) throw new GuildError('GUILD_ERR_INSTALL_INTEGRITY', `${id} ${version.version}`, `has the hash ${integrity}, but the directory lists ${version.integrity}`);
  const author = await client.person(version.publishedBy);
  if (!author.person.keys.includes(version.signedWith)) throw new GuildError('GUILD_ERR_INSTALL_SIGNATURE', `${id} ${version.version}`, `it was signed with a key that ${version.publishedBy} does not hold`);
  if (!verifyText(packageStatement({ id, version: version.version, integrity }), version.signature, version.signedWith)) {
    throw new GuildError('GUILD_ERR_INSTALL_SIGNATURE', `${id} ${version.version}`, `its signature does not match ${version.publishedBy}'s key`);
  }
}

/** Extracts a verified archive beside the installed packages, then swaps it in with renames. */
async function swapIntoPlace(target: string, archive: Buffer, expected: { id: string; kind: PackageKind; version: string }, origin: Record<string, string>): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const suffix = randomBytes(4).toString('hex');
  const file = path.join(parent, `.download-${expected.id}-${suffix}.tar.gz`);
  const staging = path.join(parent, `.staging-${expected.id}-${suffix}`);
  const retired = path.join(parent, `.previous-${expected.id}-${suffix}`);
  try {
    await writeFile(file, archive);
    const manifest = await extractPackage(file, staging).catch((error: unknown) => {
      throw isGuildError(error, 'GUILD_ERR_PACKAGE') ? new GuildError('GUILD_ERR_INSTALL_INTEGRITY', expected.id, error.message.replace(file, 'archive')) : error;
    });
    if (manifest.id !== expected.id || manifest.version !== expected.version || manifest.kind !== expected.kind) {
      throw new GuildError('GUILD_ERR_INSTALL_INTEGRITY', expected.id, `holds ${manifest.kind} ${manifest.id} ${manifest.version}, not ${expected.kind} ${expected.id} ${expected.version}`);
    }
    await writeFile(path.join(staging, INSTALL_RECORD), `${JSON.stringify({ ...expected, ...origin, installedAt: new Date().toISOString() }, null, 2)}\n`);
    if (existsSync(target)) await rename(target, retired);
    await rename(staging, target);
  } finally {
    await rm(file, { force: true });
    await rm(staging, { recursive: true, force: true });
    await rm(retired, { recursive: true, force: true });
  }
}

/** The range a site keeps for `guild update`: the one asked for, or "^<version>" for latest. */
function recordedRange(range: string | undefined, version: string): string {
  return !range || range === 'latest' ? `^${version}` : range;
}

function useTheme(raw: RawManifest, id: string, licence: string | undefined, pin?: PackagePin): void {
  const current = (raw.theme as RawManifest | undefined) ?? {};
  raw.theme = current.id === id ? { ...current, ...(licence ? { licence } : {}), ...pin } : { id, ...(licence ? { licence } : {}), ...pin };
}

function usePlugin(raw: RawManifest, id: string, licence: string | undefined, pin: PackagePin): void {
  const plugins = (raw.plugins as RawManifest[] | undefined) ?? [];
  const listed = plugins.find((plugin) => plugin.id === id);
  if (listed) {
    if (licence) listed.licence = licence;
    Object.assign(listed, pin);
  } else plugins.push({ id, ...(licence ? { licence } : {}), ...pin });
  raw.plugins = plugins;
}
