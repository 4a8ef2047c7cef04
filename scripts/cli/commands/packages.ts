/** `guild add | remove | buy`: a freelancer puts directory packages on client sites. */
import type { Command } from 'commander';
import { formatMoney } from '../../../core/directory/index.ts';
import { GuildError } from '../../../core/errors.ts';
import { buyAndInstall, installPackage, outdatedPackages, removePackage, updateSite } from '../../../core/host/index.ts';
import { offline } from '../context.ts';
import { signingKey, withDirectory } from '../directory.ts';
import { shown, table } from '../output.ts';

const DIRECTORY = ['--directory <url>', 'the directory (default: GUILD_DIRECTORY, else the embedded one)'] as const;

export function register(program: Command): void {
  registerUpdates(program);
  program
    .command('add <site> <package>')
    .description('install a plugin or theme from the directory ("<id>" or "<id>@<range>") and use it on a site')
    .option(...DIRECTORY)
    .action(async (slug: string, spec: string, options: { directory?: string }) => {
      const { id, range } = parseSpec(spec);
      const context = await offline();
      try {
        const installed = await withDirectory(options.directory, (client) => installPackage({ ...context, client }, { slug, packageId: id, range }));
        console.log(`Installed ${installed.kind} ${installed.id} ${installed.version} in ${shown(installed.dir)} and added it to ${slug}. A running host picks it up now.`);
      } finally {
        await context.close();
      }
    });

  program
    .command('remove <site> <package>')
    .description('take a plugin off a site (and off the host once no site uses it); an unused installed theme leaves the host')
    .action(async (slug: string, id: string) => {
      const context = await offline();
      try {
        const removed = await removePackage(context, slug, id);
        console.log(`Removed ${removed.kind} ${id} from ${slug}.${removed.deleted ? ' No other site used it, so its files left the host too.' : ''}`);
      } finally {
        await context.close();
      }
    });

  program
    .command('buy <site> <package>')
    .description('buy a licence for a paid plugin or theme for a site, then install it there')
    .option('--seats <n>', 'how many sites the licence covers (later sites are added to it with "guild buy")', '1')
    .option('--as <handle>', "who buys (default: the site's builder, if you hold their key, or your only key)")
    .option(...DIRECTORY)
    .action(async (slug: string, spec: string, options: { seats: string; as?: string; directory?: string }) => {
      const { id, range } = parseSpec(spec);
      const context = await offline();
      try {
        const entry = context.registry.get(slug);
        if (!entry?.manifest) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, context.registry.sitesDir);
        const key = await signingKey(options.as, entry.manifest.builtBy);
        await withDirectory(options.directory, async (client) => {
          const bought = await buyAndInstall({ ...context, client }, { slug, packageId: id, range, key, seats: Number(options.seats) });
          const { order, licence } = bought;
          if (!licence) {
            console.log(`Ordered ${id} for ${order.sites.join(', ')} as ${key.handle}: order ${order.id}, ${formatMoney(order.amount, order.currency)}.`);
            throw new GuildError('GUILD_ERR_ORDER_PENDING', order.id, order.instructions);
          }
          console.log(`Licence ${licence.id} for ${id}: ${licence.claims.sites.join(', ')} (${licence.claims.sites.length} of ${licence.claims.seats} site${licence.claims.seats === 1 ? '' : 's'})${licence.claims.expires ? `, valid until ${licence.claims.expires.slice(0, 10)}` : ', never expires'}.`);
          const { installed } = bought;
          console.log(`Installed ${installed.kind} ${installed.id} ${installed.version} on ${slug} with its licence. A running host picks it up now.`);
        });
      } finally {
        await context.close();
      }
    });
}

/** `guild outdated [site]` and `guild update <site> [package]`: newer versions, within and beyond each site's recorded range. */
function registerUpdates(program: Command): void {
  program
    .command('outdated [site]')
    .description("list the directory packages of every site (or one) with newer versions: WANTED is the newest within the site's range, LATEST the newest of all")
    .option('--json', 'print the rows as JSON')
    .option(...DIRECTORY)
    .action(async (slug: string | undefined, options: { json?: boolean; directory?: string }) => {
      const context = await offline();
      try {
        const rows = await withDirectory(options.directory, (client) => outdatedPackages({ ...context, client }, slug));
        if (options.json) return console.log(JSON.stringify(rows, null, 2));
        if (rows.length === 0) return console.log(`Every directory package ${slug ? `of ${slug}` : 'of every site'} is at its newest version.`);
        console.log(table([['SITE', 'PACKAGE', 'CURRENT', 'RANGE', 'WANTED', 'LATEST'], ...rows.map((row) => [row.site, row.id, row.current, row.range, row.wanted ?? '-', row.latest])]));
        if (rows.some((row) => row.wanted && row.wanted !== row.current)) console.log('\n"guild update <site>" moves a site to WANTED; a newer LATEST needs "guild add <site> <package>@<range>".');
      } finally {
        await context.close();
      }
    });

  program
    .command('update <site> [package]')
    .description("update a site's directory packages (or one) to the newest version within the range its site.json records")
    .option('--dry-run', 'only show what would change')
    .option(...DIRECTORY)
    .action(async (slug: string, packageId: string | undefined, options: { dryRun?: boolean; directory?: string }) => {
      const context = await offline();
      try {
        const changes = await withDirectory(options.directory, (client) => updateSite({ ...context, client }, slug, { ...(packageId ? { packageId } : {}), dryRun: Boolean(options.dryRun) }));
        if (changes.length === 0) return console.log(`${slug}: ${packageId ?? 'every directory package'} is at the newest version within its range.`);
        for (const change of changes) console.log(`${options.dryRun ? 'Would update' : 'Updated'} ${change.kind} ${change.id} ${change.from} → ${change.to} on ${slug}.`);
        if (!options.dryRun) console.log('A running host picks it up now.');
      } finally {
        await context.close();
      }
    });
}

/** "acme.forms@^1.2" → id and range; "@scope"-style ids do not exist in Guild, so the last "@" splits. */
function parseSpec(spec: string): { id: string; range: string } {
  const at = spec.lastIndexOf('@');
  return at > 0 ? { id: spec.slice(0, at), range: spec.slice(at + 1) } : { id: spec, range: 'latest' };
}
