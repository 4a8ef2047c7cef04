/** `guild plugin enable <site> <plugin>`: switches back on a plugin the host switched off for failing. */
import { utimes } from 'node:fs/promises';
import type { Command } from 'commander';
import { GuildError } from '../../../core/errors.ts';
import { offline } from '../context.ts';

export function register(program: Command): void {
  const plugin = program.command('plugin').description('manage plugins on sites');

  plugin
    .command('enable <site> <plugin>')
    .description('switch a plugin back on for a site after the host switched it off for failing')
    .action(async (slug: string, id: string) => {
      const { registry, close } = await offline();
      try {
        const entry = registry.get(slug);
        if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
        const { site, release } = await registry.acquire(entry);
        const cleared = site.switchPluginBackOn(id);
        release();
        if (!cleared) return console.log(`Plugin ${id} is not switched off on ${slug}; nothing to do.`);
        // Touching site.json makes a running host reload this one site, with the plugin set up again.
        const now = new Date();
        await utimes(entry.manifestFile, now, now);
        console.log(`Plugin ${id} is switched back on for ${slug}. A running host reloads the site now.`);
      } finally {
        await close();
      }
    });
}
