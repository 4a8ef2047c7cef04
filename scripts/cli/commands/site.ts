/** `guild site new | login | list | validate | content-key`: create sites, log their owners in, see how they are doing, check their manifests, give out their Content API key. */
import path from 'node:path';
import type { Command } from 'commander';
import { openContentStore } from '../../../core/content/index.ts';
import { GuildError } from '../../../core/errors.ts';
import { ensureContentApiKey, rotateContentApiKey } from '../../../core/ghost-api/index.ts';
import { createSite, networkIsLed, ownerLogin, resolveConfig, siteOverview, type FirstLogin, type SiteOverview, type SiteStatus } from '../../../core/host/index.ts';
import { formatProblem, readManifest } from '../../../core/manifest/index.ts';
import { siteContentLocation, validateSite } from '../../../core/site/index.ts';
import { offline, withAuth } from '../context.ts';
import { shown, table } from '../output.ts';
import { addresses, whereItAnswers } from '../running.ts';
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
        console.log(`Created ${shown(file)}.\n${whereItAnswers(await addresses(config), { slug, domains: options.domain })}`);
      } finally {
        await close();
      }
      // The builder's login works at once on a running host: it reads the same accounts database.
      await withAuth(slug, async (auth, adminUrlOf) => console.log(describeLogin(slug, await ownerLogin(auth, slug, options.builtBy, adminUrlOf))));
    });

  site
    .command('login <slug>')
    .description("print a one-time login link for the site's owner while they have no password (each one replaces the last)")
    .action(async (slug: string) => {
      await withAuth(slug, async (auth, adminUrlOf) => {
        const read = await readManifest('site', path.join(resolveConfig().sitesDir, slug, 'site.json'), slug);
        const login = await ownerLogin(auth, slug, read.ok ? read.manifest.builtBy : undefined, adminUrlOf);
        console.log(describeLogin(slug, login));
        if (!login?.link) process.exitCode = 1;
      });
    });

  site
    .command('list')
    .description('every site with its state as the running host sees it (serving, refused and why, disabled), domains, theme, plugins and builder')
    .option('--json', 'print JSON instead of a table (the same as the admin\'s Sites overview)')
    .action(async (options: { json?: boolean }) => {
      const { registry, services, config, close } = await offline();
      try {
        const where = await addresses(config);
        let statuses: SiteStatus[];
        if (where.running) statuses = await where.running.sites();
        else {
          statuses = [];
          for (const entry of registry.entries()) statuses.push(await registry.status(entry));
        }
        // With GUILD_DATABASE_URL the network's hosts may serve these sites from other folders or machines.
        const network = !where.running && services.contentDatabase ? await networkIsLed(services.contentDatabase) : false;
        const overview = { addresses: where.at, hostRunning: Boolean(where.running) || network, backupDir: config.backupDir };
        const sites = await Promise.all(statuses.map((status) => siteOverview(status, overview)));
        if (options.json) return console.log(JSON.stringify(sites, null, 2));
        const host = where.running
          ? `The host running as pid ${where.running.state.pid} serves ${shown(config.sitesDir)} on port ${where.port}; the network admin is at ${where.at.networkAdminUrl()}/.`
          : network
            ? `No host runs beside ${shown(config.sitesDir)}; the network's hosts on GUILD_DATABASE_URL serve these sites (the states are as this folder reads them).`
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
  registerContentKey(site);
}

function registerContentKey(site: Command): void {
  site
    .command('content-key <slug>')
    .description("print the site's Content API key for Ghost's Content API at /ghost/api/content/ (made on first use); --rotate replaces it")
    .option('--rotate', 'make a new key; the old one stops working at once')
    .action(async (slug: string, options: { rotate?: boolean }) => {
      const { registry, config, close } = await offline();
      try {
        const entry = registry.get(slug);
        if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
        const store = await openContentStore(siteContentLocation(entry.dir, slug, config.databaseUrl));
        try {
          console.log(options.rotate ? await rotateContentApiKey(store) : await ensureContentApiKey(store));
        } finally {
          await store.close();
        }
      } finally {
        await close();
      }
    });
}

function describeLogin(slug: string, login: FirstLogin | undefined): string {
  if (!login) return `Nobody can log in to ${slug} yet. Add an owner with "guild user add ${slug} <email> --role owner".`;
  if (!login.link) return `${login.email} owns ${slug} and has a password of their own: they log in at the site's /admin/ (or reset the password from its login screen).`;
  return `Owner: ${login.email}, who has no password yet. Their one-time login link (it works once, and "guild site login ${slug}" makes a new one):\n  ${login.link}`;
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
