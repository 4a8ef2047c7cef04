/** `guild hooks <slug>`: every hook of a site with its taps in the order they run. */
import type { Command } from 'commander';
import { GuildError } from '../../../core/errors.ts';
import { offline } from '../context.ts';

export function register(program: Command): void {
  program
    .command('hooks <slug>')
    .description("list a site's hooks and their taps in run order (plugin, priority)")
    .action(async (slug: string) => {
      const { registry, close } = await offline();
      try {
        const entry = registry.get(slug);
        if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
        const { site, release } = await registry.acquire(entry);
        const hooks = site.hooks;
        const lines: string[] = [];
        for (const name of hooks.names()) {
          const declared = hooks.describe(name);
          const kind = declared ? `${declared.spec.mode} ${declared.spec.kind}` : 'not declared on this site';
          const owner = declared && declared.owner !== 'core' ? ` (declared by ${declared.owner})` : '';
          lines.push(`${name}  ${kind}${owner}`);
          if (declared) lines.push(`  ${declared.spec.doc}`);
          const taps = hooks.taps(name);
          if (taps.length === 0) lines.push('    no taps');
          for (const tap of taps) lines.push(`    ${String(tap.priority).padStart(4)}  ${tap.plugin}  ${tap.name}`);
        }
        const notRun = site.plugins().filter((status) => status.state === 'active' && status.notStartedHere);
        // The CLI never runs a third party's code: a sandboxed plugin's taps exist only in the host.
        for (const status of notRun) lines.push(`(${status.id} is sandboxed: its taps are made when the host serves the site, not in this command)`);
        console.log(lines.join('\n'));
        release();
      } finally {
        await close();
      }
    });
}
