/** `guild site new | list | validate`: create sites, see how they are doing, check their manifests. */
import type { Command } from 'commander';
import { createSite, siteOverview, type SiteOverview, type SiteStatus } from '../../../core/host/index.ts';
import { formatProblem } from '../../../core/manifest/index.ts';
import { validateSite } from '../../../core/site/index.ts';
import { offline } from '../context.ts';
import { shown, table } from '../output.ts';
import { addresses } from '../running.ts';
import { domainConflicts } from '../site-checks.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command): void {
  const site = program.command('site').description('create, list and check client sites');

  site
    .command('new <slug>')
    .description('create a site; a running host serves it at once')
    .requiredOption('--title <title>', "the site's name")
    .requiredOption('--built-by <handle>', 'the handle of the freelancer building it')
    .option('--domain <host>', 'a host name the site answers to (repeat for more)', collect, [])
    .option('--theme <theme>', 'the theme to use', 'journal')
    .option('--locale <tag>', 'the language, e.g. en or de-CH', 'en')
    .option('--timezone <zone>', 'the IANA time zone dates are shown in', Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
    .option('--description <text>', 'a sentence about the site')
    .action(async (slug: string, options: { title: string; builtBy: string; domain: string[]; theme: string; locale: string; timezone: string; description?: string }) => {
      const { registry, services, config, close } = await offline();
      try {
        if (!services.themes.locate(options.theme)) {
          throw new Error(`There is no theme "${options.theme}". Installed themes: ${services.themes.installed().join(', ')}.`);
        }
        const { file } = await createSite(registry, {
          slug,
          title: options.title,
          domains: options.domain,
          builtBy: options.builtBy,
          theme: options.theme,
          locale: options.locale,
          timezone: options.timezone,
          ...(options.description ? { description: options.description } : {}),
        });
        const where = await addresses(config);
        const urls = [`${slug}.localhost`, ...options.domain].map((host) => `${where.urlFor(host)}/`);
        console.log(`Created ${shown(file)}.\n${where.running ? 'The running host serves it now at' : 'It answers at'}:\n${urls.map((url) => `  ${url}`).join('\n')}${where.note ? `\n${where.note}` : ''}`);
      } finally {
        await close();
      }
    });

  site
    .command('list')
    .description('every site with its state as the running host sees it (serving, refused and why, disabled), domains, theme, plugins and builder')
    .option('--json', 'print JSON instead of a table (the same as the admin\'s Sites overview)')
    .action(async (options: { json?: boolean }) => {
      const { registry, config, close } = await offline();
      try {
        const where = await addresses(config);
        let statuses: SiteStatus[];
        if (where.running) statuses = await where.running.sites();
        else {
          statuses = [];
          for (const entry of registry.entries()) statuses.push(await registry.status(entry));
        }
        const sites = statuses.map((status) => siteOverview(status, where.urlFor, Boolean(where.running)));
        if (options.json) return console.log(JSON.stringify(sites, null, 2));
        const host = where.running
          ? `The host running as pid ${where.running.state.pid} serves ${shown(config.sitesDir)} at ${where.urlFor('localhost')}/.`
          : `No host is running for ${shown(config.sitesDir)}: no site is being served. Start one with "npm start" (or "npx guild start").`;
        if (sites.length === 0) return console.log(`${host}\nNo sites in ${shown(registry.sitesDir)}. Create one with "guild site new".`);
        console.log(`${host}\n\n${describeSites(sites)}`);
      } finally {
        await close();
      }
    });

  site
    .command('validate <slug>')
    .description('check a site.json; exit 1 listing every problem')
    .action(async (slug: string) => {
      const { registry, services, close } = await offline();
      try {
        const dir = `${registry.sitesDir}/${slug}`;
        const problems = [...(await validateSite(dir, services.themes, services.plugins, services.licenceKeys())), ...domainConflicts(registry, slug)];
        for (const problem of problems) console.log(formatProblem(problem));
        const theme = registry.get(slug)?.manifest?.theme.id;
        const report = theme && services.themes.locate(theme) ? await services.themes.report(theme) : undefined;
        if (report && report.canActivate && report.results.length > 0) {
          const { error, warning, recommendation } = report.counts;
          console.log(`note: theme "${theme}" has ${error} error(s), ${warning} warning(s), ${recommendation} recommendation(s) that do not stop it; see: npx guild theme check ${shown(report.dir)}`);
        }
        if (problems.length === 0) return console.log(`${shown(`${dir}/site.json`)} is valid.`);
        process.exitCode = 1;
      } finally {
        await close();
      }
    });
}

function describeSites(sites: readonly SiteOverview[]): string {
  const rows = [['SITE', 'STATE', 'DOMAINS', 'THEME', 'PLUGINS', 'BUILT BY']];
  const notes: string[] = [];
  for (const status of sites) {
    const plugins = status.plugins.map((plugin) => (plugin.state === 'active' ? plugin.id : `${plugin.id} (${plugin.state})`));
    const state = status.manifestProblems.length ? `${status.state} (last valid site.json)` : status.state;
    rows.push([status.slug, state, status.domains.join(', '), status.theme ?? '-', plugins.join(', ') || '-', status.builtBy ?? '-']);
    if (status.reason) notes.push(`${status.slug} is refused:\n${indent(status.reason)}`);
    if (status.manifestProblems.length) notes.push(`${status.slug}: its site.json is broken; the host keeps serving the last valid version until it is fixed:\n${indent(status.manifestProblems.join('\n'))}`);
    if (status.disabled) notes.push(`${status.slug} is disabled since ${status.disabled.since} ("guild site enable ${status.slug}" puts it back online).`);
    for (const plugin of status.plugins) {
      if (plugin.state !== 'active' && plugin.state !== 'inactive') notes.push(`${status.slug}: plugin ${plugin.id} is ${plugin.state}:\n${indent(plugin.reason)}`);
    }
  }
  return [table(rows), ...notes.map((note) => `\n${note}`)].join('\n');
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
