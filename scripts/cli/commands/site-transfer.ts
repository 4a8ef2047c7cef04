/**
 * `guild site export <slug> --out <file> [--format wxr]` and `guild site restore <file>`: move
 * a whole site between hosts as one archive (with its members, so it can be logged into), or
 * take its content to WordPress.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { exportSite, restoreSite } from '../../../core/archive/index.ts';
import { adoptMembers, siteMembers } from '../../../core/auth/index.ts';
import { openContentStore, type ContentLocation } from '../../../core/content/index.ts';
import { GuildError } from '../../../core/errors.ts';
import type { SiteEntry } from '../../../core/host/index.ts';
import { siteContentLocation } from '../../../core/site/index.ts';
import { writeWxr } from '../../../core/wxr/index.ts';
import { offline, withHostAuth } from '../context.ts';
import { shown } from '../output.ts';
import { addresses, whereItAnswers } from '../running.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command): void {
  const site = program.commands.find((command) => command.name() === 'site') ?? program.command('site');

  site
    .command('export <slug>')
    .description('write the site to one archive (manifest, database snapshot, uploads, checksums) while it keeps serving')
    .requiredOption('--out <file>', 'where to write it, e.g. acme.tar.gz')
    .option('--format <format>', 'archive (to restore on a Guild host) or wxr (to import in WordPress)', 'archive')
    .action(async (slug: string, options: { out: string; format: string }) => {
      if (!['archive', 'wxr'].includes(options.format)) throw new Error(`--format must be "archive" or "wxr", not "${options.format}".`);
      const { registry, config, services, close } = await offline();
      // Written beside its destination and renamed when complete, so a failed export leaves no half file.
      const partial = path.join(path.dirname(path.resolve(options.out)), `.${path.basename(options.out)}.partial`);
      try {
        const entry = registry.get(slug);
        if (!entry?.manifest) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
        if (options.format === 'wxr') await exportWxr(entry, siteContentLocation(entry.dir, slug, config.databaseUrl), partial, (await addresses(config)).at.site({ slug }).publicUrl);
        else {
          // With the site's members (password hashes only), so the restored site can be logged into.
          const members = await withHostAuth(config, async (auth) => siteMembers(auth, slug));
          await exportSite(
            { slug, dir: entry.dir, manifest: entry.manifest, content: siteContentLocation(entry.dir, slug, config.databaseUrl), members, media: services.media },
            createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
          );
        }
        await rename(partial, options.out);
        console.log(`Wrote ${shown(options.out)} (${options.format === 'wxr' ? 'WordPress export' : 'site archive'} of ${slug}).`);
      } finally {
        await rm(partial, { force: true });
        await close();
      }
    });

  site
    .command('restore <file>')
    .description('recreate a site from its archive, checking every checksum; a damaged archive changes nothing')
    .option('--as <slug>', 'restore under another slug')
    .option('--domain <host>', 'a host name the restored site answers to, instead of the archive’s (repeat for more)', collect, [])
    .action(async (file: string, options: { as?: string; domain: string[] }) => {
      const { registry, config, services, close } = await offline();
      try {
        const restored = await restoreSite(createReadStream(file), {
          sitesDir: registry.sitesDir,
          name: shown(file),
          ...(options.as ? { as: options.as } : {}),
          ...(options.domain.length ? { domains: options.domain } : {}),
          domainOwner: (domain) => registry.find(domain)?.slug,
          media: services.media,
          // The archive's content (a SQLite file) goes into the site's schema on a host on PostgreSQL.
          ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
        });
        console.log(`Restored ${restored.descriptor.title} as ${shown(restored.dir)}.\n${whereItAnswers(await addresses(config), { slug: restored.slug, domains: restored.manifest.domains })}`);
        if (restored.members.length) {
          const { existing } = await withHostAuth(config, async (auth) => adoptMembers(auth, restored.slug, restored.members));
          console.log(`${restored.members.length} ${restored.members.length === 1 ? 'person' : 'people'} can log in with the passwords they had: ${restored.members.map((member) => `${member.email} (${member.role})`).join(', ')}.`);
          if (existing.length) console.log(`  ${existing.join(', ')} had an account here already and keep${existing.length === 1 ? 's' : ''} its password.`);
        }
        if (restored.droppedDomains.length) console.log(`Left out ${restored.droppedDomains.join(', ')}: served by another site here; give the copy its own with --domain.`);
      } finally {
        await close();
      }
    });
}

/** `siteUrl`: the site's address on this host, for a site with no domain of its own. */
async function exportWxr(entry: SiteEntry, content: ContentLocation, file: string, siteUrl: string): Promise<void> {
  const manifest = entry.manifest!;
  const store = await openContentStore(content);
  const out = createWriteStream(file, { flags: 'wx' });
  try {
    const domain = manifest.domains?.[0];
    await writeWxr(
      store,
      {
        title: manifest.title,
        description: manifest.description ?? '',
        url: domain ? `https://${domain}` : siteUrl,
        language: manifest.locale ?? 'en',
        timezone: manifest.timezone ?? 'UTC',
      },
      out,
    );
  } finally {
    await new Promise((resolve) => out.end(resolve));
    await store.close();
  }
}
