/**
 * Every error the core raises on purpose, in one table (the Fastify way): a stable code that
 * tests and tools can match on, an HTTP status for when it reaches a response, and a message
 * that says what is wrong and how to fix it. Messages never carry stack traces to visitors.
 */

export interface GuildErrorSpec {
  readonly status: number;
  readonly message: (...args: string[]) => string;
}

const specs = {
  GUILD_ERR_HOOK_UNKNOWN: {
    status: 500,
    message: (name) =>
      `Unknown hook "${name}". Core hooks are listed in core/hooks/catalog.ts; a plugin's own hooks must be declared in its plugin.json "hooks" and named "<plugin-id>:<name>".`,
  },
  GUILD_ERR_HOOK_KIND: {
    status: 500,
    message: (name, expected, used) => `Hook "${name}" is ${expected}; it cannot be used as ${used}.`,
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
  GUILD_ERR_PLUGIN_ISOLATED: {
    status: 500,
    message: (plugin, reason) => `Plugin "${plugin}" (isolated) ${reason}`,
  },
  GUILD_ERR_PLUGIN_NOT_ON_SITE: {
    status: 404,
    message: (plugin, site) => `Plugin "${plugin}" is not listed on site "${site}". "guild plugin status ${site}" shows its plugins.`,
  },
  GUILD_ERR_CONFIRMATION: {
    status: 400,
    message: (what) => `${what} removes data for good; run it again with --yes to confirm.`,
  },
  GUILD_ERR_SITE_EXISTS: {
    status: 409,
    message: (slug, dir) => `A site called "${slug}" already exists in ${dir}. Pick another slug.`,
  },
  GUILD_ERR_SITE_NOT_FOUND: {
    status: 404,
    message: (slug, dir) => `There is no site "${slug}" in ${dir}. "guild site list" shows the sites there.`,
  },
  GUILD_ERR_DOMAIN_TAKEN: {
    status: 409,
    message: (domain, owner) =>
      `The domain "${domain}" is already served by site "${owner}". A domain can point at one site only.`,
  },
  GUILD_ERR_WXR_INVALID: {
    status: 422,
    message: (file, line, reason) =>
      `${file} line ${line}: ${reason}. Nothing was imported. Export the site again in WordPress (Tools → Export → All content) and check that the download finished.`,
  },
  GUILD_ERR_ARCHIVE_INVALID: {
    status: 422,
    message: (file, reason) =>
      `${file} cannot be restored: ${reason}. Nothing was changed. Export the site again with "guild site export" and copy the file whole.`,
  },
} satisfies Record<string, GuildErrorSpec>;

export type GuildErrorCode = keyof typeof specs;

/** Every error code with its status and message spec, for the generated docs/errors.md. */
export const errorSpecs: Readonly<Record<GuildErrorCode, GuildErrorSpec>> = specs;

export class GuildError extends Error {
  readonly code: GuildErrorCode;
  readonly status: number;

  constructor(code: GuildErrorCode, ...args: string[]) {
    const spec: GuildErrorSpec = specs[code];
    super(spec.message(...args));
    this.name = 'GuildError';
    this.code = code;
    this.status = spec.status;
  }
}

export function isGuildError(error: unknown, code?: GuildErrorCode): error is GuildError {
  return error instanceof GuildError && (code === undefined || error.code === code);
}

/** A one-line reason for logs and status listings, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
