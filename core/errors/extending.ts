/** Errors of the hook protocol, manifests, themes, packages and plugins (in the host and sandboxed). */
import type { GuildErrorSpec } from './spec.ts';

export const extendingErrors = {
  GUILD_ERR_HOOK_UNKNOWN: {
    status: 500,
    message: (name) =>
      `Unknown hook "${name}". Core hooks are listed in core/hooks/catalog.ts; a plugin's own hooks must be declared in its plugin.json "hooks" and named "<plugin-id>:<name>".`,
  },
  GUILD_ERR_HOOK_KIND: {
    status: 500,
    message: (name, expected, used) =>
      `Hook "${name}" is ${expected}; it cannot be used as ${used}. Tap and run it as what it is: addFilter and applyFilters for a filter, addAction and doAction for an action (docs/hooks.md and the owner's plugin.json "hooks" say which).`,
  },
  GUILD_ERR_HOOK_NOT_OWNER: {
    status: 500,
    message: (name, who) =>
      `Only the owner of hook "${name}" may fire it; ${who} may tap it but not run it.`,
  },
  GUILD_ERR_HOOK_DECLARATION: {
    status: 500,
    message: (name, reason) => `Cannot declare hook "${name}": ${reason}.`,
  },
  GUILD_ERR_HOOK_PRIORITY: {
    status: 500,
    message: (name, priority) =>
      `Priority ${priority} for hook "${name}" is not an integer; use a whole number (lower runs first, default 10).`,
  },
  GUILD_ERR_MANIFEST_INVALID: {
    status: 503,
    message: (file, problems) => `${file} is not a valid manifest:\n${problems}`,
  },
  GUILD_ERR_THEME_NOT_FOUND: {
    status: 503,
    message: (theme, searched) =>
      `Theme "${theme}" is not installed. Looked in: ${searched}. Install it, or pick an installed theme in site.json "theme".`,
  },
  GUILD_ERR_THEME_INVALID: {
    status: 503,
    message: (theme, problems) => `Theme "${theme}" cannot be used:\n${problems}`,
  },
  GUILD_ERR_THEME_RENDER_TIME: {
    status: 500,
    message: (theme, limit) =>
      `Theme "${theme}" was stopped after ${limit} ms rendering one page: its partials or loops multiply past any page's size. Check the theme's partials that include each other and its nested {{#each}} blocks.`,
  },
  GUILD_ERR_THEME_SETTINGS: {
    status: 503,
    message: (theme, problems) => `The settings for theme "${theme}" in site.json "theme.settings" are not valid:\n${problems}`,
  },
  GUILD_ERR_CONTENT_FILTER: {
    status: 400,
    message: (query, reason) => `The content query "${query}" cannot be used: ${reason}.`,
  },
  GUILD_ERR_PACKAGE: {
    status: 400,
    message: (file, reason) => `The package ${file} cannot be used: ${reason}`,
  },
  GUILD_ERR_PACKAGE_UNPACKED: {
    status: 413,
    message: (file, limit) => `The package ${file} cannot be used: its files hold more than ${limit} bytes once unpacked. Leave out what the package does not need.`,
  },
  GUILD_ERR_PLUGIN_ENGINE: {
    status: 500,
    message: (plugin, range, version) =>
      `Plugin "${plugin}" supports Guild ${range}, but this host runs Guild ${version}. Install a version of the plugin made for ${version}.`,
  },
  GUILD_ERR_PLUGIN_LOAD: {
    status: 500,
    message: (plugin, reason) => `Plugin "${plugin}" could not be loaded: ${reason}`,
  },
  GUILD_ERR_PLUGIN_SETUP: {
    status: 500,
    message: (plugin, reason) => `Plugin "${plugin}" failed in its setup: ${reason}`,
  },
  GUILD_ERR_PLUGIN_CAPABILITY: {
    status: 500,
    message: (plugin, capability, use) =>
      `Plugin "${plugin}" uses the "${capability}" capability (${use}), but its plugin.json does not declare it. Add "${capability}" to "capabilities" in plugin.json.`,
  },
  GUILD_ERR_PLUGIN_CONTRIBUTION: {
    status: 500,
    message: (plugin, what, reason) => `Plugin "${plugin}" cannot add ${what}: ${reason}`,
  },
  GUILD_ERR_PLUGIN_STORAGE: {
    status: 500,
    message: (plugin, reason) => `Plugin "${plugin}" may not run that statement: ${reason}`,
  },
  GUILD_ERR_PLUGIN_SQL_UNPORTABLE: {
    status: 500,
    message: (plugin, where, constructs) =>
      `Plugin "${plugin}" uses SQL that only one of Guild's database engines accepts (or that they answer differently), at ${where}:\n  ${constructs}\nA site's data may live in SQLite or in PostgreSQL: write SQL both accept (docs/plugins.md, "SQL that runs on both engines"), and run "guild plugin check" to find every such statement.`,
  },
  GUILD_ERR_PLUGIN_SANDBOX: {
    status: 500,
    message: (plugin, reason) => `Plugin "${plugin}" (sandboxed) ${reason}`,
  },
  GUILD_ERR_PLUGIN_TIMERS: {
    status: 500,
    message: (plugin, limit) =>
      `Plugin "${plugin}" (sandboxed) has ${limit} timers pending already, the most a sandbox may have: setTimeout was refused. Clear timers it no longer needs (clearTimeout), or use a job (jobs.every) for work that repeats.`,
  },
  GUILD_ERR_PLUGIN_NETWORK: {
    status: 500,
    message: (plugin, url, reason) => `Plugin "${plugin}" may not fetch ${url}: ${reason}. A plugin reaches only the hosts its plugin.json lists under "network" (with the "network" capability).`,
  },
  GUILD_ERR_PLUGIN_SANDBOX_BUILD: {
    status: 500,
    message: (plugin, reason) =>
      `Plugin "${plugin}" cannot be built for the sandbox: ${reason}. A third-party plugin runs without Node's built-in modules (fs, child_process, net, crypto ...); use the SDK (storage, http with the "network" capability, sha256) instead, or ask the host's operator to trust it (GUILD_TRUSTED_PLUGINS).`,
  },
  GUILD_ERR_PLUGIN_ADMIN: {
    status: 500,
    message: (plugin, what) => `Plugin "${plugin}" failed to answer ${what}. The site's log says why; Plugins in the admin shows its state.`,
  },
  GUILD_ERR_PLUGIN_NOT_ON_SITE: {
    status: 404,
    message: (plugin, site) => `Plugin "${plugin}" is not listed on site "${site}". "guild plugin status ${site}" shows its plugins.`,
  },
  GUILD_ERR_CONFIRMATION: {
    status: 400,
    message: (what) => `${what} removes data for good; run it again with --yes to confirm.`,
  },
} satisfies Record<string, GuildErrorSpec>;
