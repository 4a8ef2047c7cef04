/**
 * Fills an empty directory with the demo's people, packages and sites, so the embedded
 * directory of a fresh `npm start` has something to show. Packages go through the same path as
 * any developer's: built, packed, signed (with keys made for the seed and then forgotten) and
 * published under every rule.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Directory, SiteRegistration } from '../directory/index.ts';
import { integrityOf } from '../packages/index.ts';
import { buildPluginPackage } from '../plugins/index.ts';
import { generateKeyPair, packageStatement, signText, type KeyPair } from '../signing/index.ts';
import type { SiteServices } from '../site/index.ts';
import { buildThemePackage } from '../themes/index.ts';
import { INSTALL_DIR } from './config.ts';
import { siteRegistration } from './register-site.ts';
import type { SiteRegistry } from './registry.ts';

interface Seed {
  readonly people: readonly { handle: string; name?: string; bio?: string; url?: string }[];
  readonly packages: readonly { dir: string; author: string }[];
  readonly sites: readonly ({ site: string } | { domain: string; title: string; builtBy: string; theme: string; plugins: string[] })[];
}

/** Seeds the directory from `file` when it holds nobody yet; returns whether it did. */
export async function seedDirectory(directory: Directory, file: string, context: { registry: SiteRegistry; services: SiteServices }): Promise<boolean> {
  if (!directory.isEmpty() || !existsSync(file)) return false;
  const seed = JSON.parse(await readFile(file, 'utf8')) as Seed;
  for (const person of seed.people) directory.addPerson(person);
  const keys = new Map<string, KeyPair>();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'guild-seed-'));
  try {
    for (const entry of seed.packages) {
      let key = keys.get(entry.author);
      if (!key) {
        key = generateKeyPair();
        keys.set(entry.author, key);
        directory.registerKey({ handle: entry.author, publicKey: key.publicKey });
      }
      const built = await build(path.join(INSTALL_DIR, entry.dir), path.join(scratch, path.basename(entry.dir)));
      const archive = await readFile(built.file);
      const signature = signText(packageStatement({ id: built.id, version: built.version, integrity: integrityOf(archive) }), key.privateKeyPem);
      await directory.publish({ id: built.id, version: built.version, archive, signature, handle: entry.author });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  for (const site of seed.sites) {
    const registration: SiteRegistration =
      'site' in site
        ? siteRegistration(context.registry, context.services, site.site)
        : {
            domain: site.domain,
            title: site.title,
            builtBy: site.builtBy,
            theme: { id: site.theme, version: directory.latestVersion(site.theme) ?? null },
            plugins: site.plugins.map((id) => ({ id, version: directory.latestVersion(id) ?? null })),
          };
    directory.registerSite(registration, registration.builtBy);
  }
  return true;
}

/** Packs a package folder; a plugin is built from a copy, so the install's own folders stay as they are. */
async function build(dir: string, scratch: string): Promise<{ id: string; version: string; file: string }> {
  if (existsSync(path.join(dir, 'plugin.json'))) {
    await cp(dir, scratch, { recursive: true, filter: (source) => !/[\\/](?:dist|node_modules)$/.test(source) });
    const plugin = await buildPluginPackage(scratch);
    return { id: plugin.manifest.id, version: plugin.manifest.version, file: plugin.packed.file };
  }
  const theme = await buildThemePackage(dir, `${scratch}.tar.gz`);
  if (!theme.ok) throw new Error(theme.reason);
  return { id: theme.manifest.name, version: theme.manifest.version, file: theme.packed.file };
}
