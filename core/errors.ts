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
  GUILD_ERR_DOMAIN_NOT_ON_SITE: {
    status: 404,
    message: (domain, site) => `Site "${site}" does not answer to "${domain}". "guild site list" shows each site's domains.`,
  },
  GUILD_ERR_SITE_BROKEN: {
    status: 409,
    message: (slug, problems) =>
      `Site "${slug}" has no valid site.json to change:\n${problems}\nFix the file first (guild site validate ${slug}), or remove the site with --no-archive.`,
  },
  GUILD_ERR_HOST_CONTROL: {
    status: 502,
    message: (url, reason) => `The running host (${url}) did not do what was asked: ${reason}. Check the host's log, or stop it and run the command again.`,
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
  GUILD_ERR_KEY_EXISTS: {
    status: 409,
    message: (handle, file) => `A key for "${handle}" already exists at ${file}. Use it, or move the file away first to make a new one.`,
  },
  GUILD_ERR_KEY_MISSING: {
    status: 400,
    message: (handle, reason) => `Cannot sign as ${handle}: ${reason}.`,
  },
  GUILD_ERR_DIRECTORY_AUTH: {
    status: 401,
    message: (reason) => `The request is not accepted: ${reason}. Writes to the directory must be signed with a registered key (make one with "guild keys new --handle <handle>").`,
  },
  GUILD_ERR_DIRECTORY_NOT_FOUND: {
    status: 404,
    message: (what) => `${what} is not in the directory. Search for it at the directory's home page.`,
  },
  GUILD_ERR_DIRECTORY_INPUT: {
    status: 400,
    message: (reason) => `The request cannot be used: ${reason}.`,
  },
  GUILD_ERR_DIRECTORY_UNREACHABLE: {
    status: 502,
    message: (url, reason) => `The directory at ${url} cannot be reached (${reason}). Start it ("npm start" serves the embedded one), or point --directory or GUILD_DIRECTORY at another.`,
  },
  GUILD_ERR_DIRECTORY_RATE_LIMITED: {
    status: 429,
    message: (limit) => `Too many requests from this address: the directory answers ${limit} a minute to each. Wait a minute and try again.`,
  },
  GUILD_ERR_DIRECTORY_KEY_CHANGED: {
    status: 409,
    message: (url, file) => `The directory at ${url} now signs with a different key than the one this host trusts (${file}). If the directory really changed its key, remove its line from that file and try again.`,
  },
  GUILD_ERR_DOMAIN_UNPROVEN: {
    status: 403,
    message: (domain, url, reason) =>
      `The directory could not check that you control ${domain}: it found no proof at ${url} (${reason}). A Guild host serves that token for its own sites once "guild directory register" or "guild keys new --site" wrote it, so run the command on the machine whose host serves ${domain}, with that host running and the domain pointing at it.`,
  },
  GUILD_ERR_HANDLE_UNCLAIMED: {
    status: 403,
    message: (handle) =>
      `The handle "${handle}" is known to the directory (it names a builder or an author) but nobody holds a key for it yet, so only its owner can claim it: with an invitation from the directory's operator ("guild directory invite ${handle}", then "guild keys new --handle ${handle} --invitation <code>"), or through a site the directory lists as built by ${handle} ("guild keys new --handle ${handle} --site <site>" on the host serving it).`,
  },
  GUILD_ERR_INVITATION: {
    status: 403,
    message: (handle, reason) => `The invitation for "${handle}" cannot be used: ${reason}. Ask the directory's operator for a new one ("guild directory invite ${handle}").`,
  },
  GUILD_ERR_HANDLE_TAKEN: {
    status: 409,
    message: (handle) => `The handle "${handle}" is registered with another key. Pick another handle, or sign with the key that registered it.`,
  },
  GUILD_ERR_PUBLISH_SIGNATURE: {
    status: 401,
    message: (detail) => `Publishing refused (rule "signature"): ${detail}. Publish with "guild publish", which signs with your key.`,
  },
  GUILD_ERR_PUBLISH_MANIFEST: {
    status: 422,
    message: (detail) => `Publishing refused (rule "manifest"): ${detail}`,
  },
  GUILD_ERR_PUBLISH_VERSION_EXISTS: {
    status: 409,
    message: (id, version) => `Publishing refused (rule "version-new"): ${id} ${version} is already published, and versions never change. Raise the version and publish again.`,
  },
  GUILD_ERR_PUBLISH_VERSION_LOWER: {
    status: 409,
    message: (id, version, latest) => `Publishing refused (rule "version-higher"): ${id} ${version} is not higher than the latest published version, ${latest}. Publish a higher version.`,
  },
  GUILD_ERR_PUBLISH_NOT_OWNER: {
    status: 403,
    message: (id, owner, handle) => `Publishing refused (rule "owner"): the package "${id}" belongs to ${owner}, not ${handle}. Publish under an id of your own.`,
  },
  GUILD_ERR_PUBLISH_TOO_LARGE: {
    status: 413,
    message: (size, limit) => `Publishing refused (rule "size"): the archive is ${size} bytes; the limit is ${limit}. Leave out what the package does not need (build output, large media).`,
  },
  GUILD_ERR_PUBLISH_LIMIT: {
    status: 413,
    message: (rule, detail) => `Publishing refused (rule "${rule}"): ${detail}. Leave out what the package does not need (build output, large media, padding).`,
  },
  GUILD_ERR_PUBLISH_ARCHIVE: {
    status: 422,
    message: (detail) => `Publishing refused (rule "archive"): ${detail}`,
  },
  GUILD_ERR_SITE_CLAIMED: {
    status: 409,
    message: (domain, builder) => `The site ${domain} is registered in the directory by ${builder}. Only its builder can change its entry.`,
  },
  GUILD_ERR_NOT_BUILDER: {
    status: 403,
    message: (domain, builder, handle) => `The site ${domain} says it was built by ${builder}, so only ${builder} can register it, not ${handle}. Sign with --as ${builder}, or fix "builtBy" in its site.json.`,
  },
  GUILD_ERR_PACKAGE_FREE: {
    status: 400,
    message: (id) => `"${id}" is free; there is nothing to buy. Install it with "guild add <site> ${id}".`,
  },
  GUILD_ERR_ORDER_PENDING: {
    status: 402,
    message: (order, instructions) => `Order ${order} is waiting for payment. ${instructions} Once it is paid, run the same "guild buy" again to get the licence.`,
  },
  GUILD_ERR_INSTALL_AFTER_PURCHASE: {
    status: 502,
    message: (id, licence, order, reason, site) =>
      `The licence ${licence} for "${id}" is issued and stays yours (order ${order} is paid), but installing it failed: ${reason} Fix that, then buy again ("guild buy ${site} ${id}" or Buy in the admin): the same licence is used and nothing is charged twice.`,
  },
  GUILD_ERR_DIRECTORY_ARCHIVE_MISSING: {
    status: 503,
    message: (id, version) => `${id} ${version} cannot be sold or installed now: the directory cannot read its archive. Nothing was ordered or charged. Tell the directory's operator (its archives/ folder is incomplete).`,
  },
  GUILD_ERR_LICENCE: {
    status: 402,
    message: (id, problem) => `"${id}" is a paid package and ${problem}. Buy or renew a licence for this site with "guild buy <site> ${id}".`,
  },
  GUILD_ERR_NO_MATCHING_VERSION: {
    status: 404,
    message: (id, range, available) => `No published version of "${id}" matches "${range}" (available: ${available}). Ask for another range, e.g. "${id}@latest".`,
  },
  GUILD_ERR_INSTALL_INTEGRITY: {
    status: 422,
    message: (id, detail) => `${id} was not installed: the downloaded archive ${detail}. Nothing was changed. The download was damaged or the archive was altered.`,
  },
  GUILD_ERR_INSTALL_SIGNATURE: {
    status: 422,
    message: (id, detail) => `${id} was not installed: ${detail}. Nothing was changed. Do not install it; tell the directory's operator.`,
  },
  GUILD_ERR_INSTALL_ENGINE: {
    status: 422,
    message: (id, range, version, hint) => `${id} needs Guild ${range}, but this host runs Guild ${version}.${hint} Nothing was changed.`,
  },
  GUILD_ERR_PACKAGE_SHADOWED: {
    status: 409,
    message: (id, dir) => `"${id}" is already installed at ${dir}, which this host finds first; a downloaded copy would never be used. Remove that folder first, or use it as it is.`,
  },
  GUILD_ERR_THEME_IN_USE: {
    status: 409,
    message: (theme, site) => `"${theme}" is the theme of ${site}, and a site always needs one. Give it another theme first ("guild add ${site} <theme>"), then remove this one.`,
  },
  GUILD_ERR_PACKAGE_NOT_ON_SITE: {
    status: 404,
    message: (id, site) => `Site "${site}" does not use "${id}". Its site.json lists its theme and plugins.`,
  },
  // Backups (core/host/backups.ts)
  GUILD_ERR_INTERVAL: {
    status: 500,
    message: (name, value) => `${name} is "${value}", which is not an interval of at least a minute. Write a number with a unit: "30m", "6h" or "1d" (a bare number counts seconds).`,
  },
  GUILD_ERR_BACKUP_FAILED: {
    status: 500,
    message: (slug, reason) => `The backup of "${slug}" failed: ${reason}. The earlier backups are kept; check the free space and permissions of GUILD_BACKUP_DIR.`,
  },
  // Mail (core/mail)
  GUILD_ERR_MAIL_FAILED: {
    status: 502,
    message: (to, reason) =>
      `The mail to ${to} could not be sent: ${reason}. Nothing was lost; try again in a few minutes. If it keeps failing, the host's operator should check GUILD_SMTP_URL and the mail server's log.`,
  },
  GUILD_ERR_SMTP_URL: {
    status: 500,
    message: (reason) =>
      `GUILD_SMTP_URL ${reason}. Write it as smtp://user:password@mail.example:587 (STARTTLS) or smtps://user:password@mail.example:465 (TLS), with special characters in the password percent-encoded; unset it to write mail to the log.`,
  },
  // Accounts, sessions and the admin API (core/auth, core/admin)
  GUILD_ERR_WORKERS: {
    status: 500,
    message: (value) => `GUILD_WORKERS "${value}" is not a number of processes. Give a whole number from 1 up (1 is a single process, the default), or "auto" for one per core.`,
  },
  GUILD_ERR_PUBLIC_URL: {
    status: 500,
    message: (value, reason) =>
      `GUILD_PUBLIC_URL "${value}" cannot be used: ${reason}. Give the network's public base address, e.g. https://guild.example.com (http or https, a host name, no path).`,
  },
  GUILD_ERR_AUTH_REQUIRED: {
    status: 401,
    message: () => 'You are not logged in to this site, or your session has ended. Log in at /admin/ (POST /admin/api/session).',
  },
  GUILD_ERR_LOGIN_FAILED: {
    status: 401,
    message: () => 'That email and password do not match an account of this site.',
  },
  GUILD_ERR_DATABASE_NOT_WRITABLE: {
    status: 503,
    message: (file, why) =>
      `${file} ${why}, so the database is not opened (SQLite would crash the host on its next write). Give the user running Guild read-write access to the site's data folder and its content.db, content.db-wal and content.db-shm, or remove a stray -wal/-shm that is not a file; the site is tried again on its next request.`,
  },
  GUILD_ERR_DATABASE_URL: {
    status: 500,
    message: (found) =>
      `GUILD_DATABASE_URL must be a PostgreSQL address such as postgres://guild:secret@127.0.0.1:5432/guild (found ${found}). Unset it to keep each site's content in its own SQLite file.`,
  },
  GUILD_ERR_ARCHIVE_ON_POSTGRES: {
    status: 501,
    message: (what) =>
      `${what} is not available yet while sites' content is in PostgreSQL (GUILD_DATABASE_URL): a site archive holds its content as a SQLite file. Use "guild site export <slug> --format wxr" (and "guild import wxr") to move content meanwhile, or unset GUILD_DATABASE_URL for a host on SQLite.`,
  },
  GUILD_ERR_DATABASE_UNREACHABLE: {
    status: 503,
    message: (url, why) =>
      `The PostgreSQL database at ${url} cannot be reached (${why}). Check that GUILD_DATABASE_URL names a running server, a role that may log in with that password and an existing database (postgres://user:password@host:5432/database); the site is tried again on its next request.`,
  },
  GUILD_ERR_BAD_REQUEST: {
    status: 400,
    message: (what) => `The request could not be read: ${what}. Send addresses and form fields as well-formed UTF-8.`,
  },
  GUILD_ERR_TRUST_PROXY: {
    status: 500,
    message: (entry) =>
      `GUILD_TRUST_PROXY has "${entry}", which is not an address, a subnet (10.0.0.0/8) or one of loopback, linklocal, uniquelocal. Name the reverse proxies in front of the host, comma-separated, e.g. GUILD_TRUST_PROXY=127.0.0.1,::1.`,
  },
  GUILD_ERR_LOGIN_LIMITED: {
    status: 429,
    message: (minutes) => `Too many failed logins. Wait ${minutes} minutes, or reset the password by email.`,
  },
  GUILD_ERR_CSRF: {
    status: 403,
    message: () => 'This request changes something, so it needs the X-CSRF-Token header with the csrfToken from logging in (or GET /admin/api/session).',
  },
  GUILD_ERR_ADMIN_ELSEWHERE: {
    status: 404,
    message: (url) =>
      `The admin is not served at a site's public address, so that scripts on its pages cannot use a logged-in session. This site's admin, and its API under /admin/api/, are at ${url}.`,
  },
  GUILD_ERR_FORBIDDEN: {
    status: 403,
    message: (role, what) => `Your role on this site (${role}) does not allow ${what}. Ask the site's owner.`,
  },
  GUILD_ERR_INVALID_INPUT: {
    status: 422,
    message: (what) => `The request cannot be saved: ${what}`,
  },
  GUILD_ERR_NOT_FOUND: {
    status: 404,
    message: (what) => `${what} does not exist (any more). Reload the list and try again.`,
  },
  GUILD_ERR_TOKEN_INVALID: {
    status: 410,
    message: (kind) => `This ${kind} link is not valid any more: it was used already or has expired. Ask for a new one.`,
  },
  GUILD_ERR_LAST_OWNER: {
    status: 409,
    message: () => 'A site needs at least one owner. Make someone else an owner first.',
  },
  GUILD_ERR_UPLOAD_TOO_LARGE: {
    status: 413,
    message: (limit) => `The file is larger than the upload limit of ${limit}. Make it smaller (e.g. export the image at 2000 px wide) and upload again.`,
  },
  GUILD_ERR_UPLOAD_TYPE: {
    status: 415,
    message: (allowed) => `The file's contents are not an allowed type (whatever its name says). Allowed: ${allowed}.`,
  },
  GUILD_ERR_MEDIA_URL: {
    status: 500,
    message: (value, reason) =>
      `GUILD_MEDIA_URL "${value}" cannot be used: ${reason}. Give the bucket and an optional key prefix as s3://bucket/prefix; the endpoint and credentials come from AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_S3), AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Leave GUILD_MEDIA_URL unset to keep media in each site's folder.`,
  },
  GUILD_ERR_MEDIA_STORE: {
    status: 503,
    message: (where, reason) =>
      `The media store ${where} did not answer as expected: ${reason}. Check that the bucket exists, that AWS_ENDPOINT_URL points at the server, and that AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY may read and write it.`,
  },
  GUILD_ERR_MEDIA_IN_USE: {
    status: 409,
    message: (where) => `This file is still used by ${where}. Delete it anyway with ?force=1, or remove it from there first.`,
  },
  GUILD_ERR_IMPORT_TOO_LARGE: {
    status: 413,
    message: (limit) =>
      `The export is larger than the import limit of ${limit}. Import it on the server with "guild import wxr <site> <file>" (no limit), or have the host's operator raise GUILD_IMPORT_MAX_MB.`,
  },
  GUILD_ERR_IMPORT_TYPE: {
    status: 415,
    message: (what) => `The file is ${what}, not a WordPress export. Upload the .xml file that WordPress's Tools → Export → All content downloads.`,
  },
  GUILD_ERR_IMPORT_RUNNING: {
    status: 409,
    message: (what) => `An import into this site is running (${what}). Wait for it to finish (its progress is on the Import page), then try again.`,
  },
  GUILD_ERR_MEDIA_FETCH_RUNNING: {
    status: 409,
    message: (who) => `The imported files are being fetched already (started by ${who}). Its progress is on the Import & export page.`,
  },
  GUILD_ERR_IMPORT_WHILE_FETCHING: {
    status: 409,
    message: (who) =>
      `The files of an earlier import are being fetched (started by ${who}); an import now would hold them up. Wait for the fetch to finish (its progress is on the Import & export page), then import.`,
  },
  GUILD_ERR_NO_DIRECTORY: {
    status: 503,
    message: () =>
      'This host has no directory to install from: the embedded one is turned off (GUILD_DIRECTORY_EMBEDDED=0) and GUILD_DIRECTORY names no other. Ask the host\'s operator to set one.',
  },
  GUILD_ERR_DIRECTORY_REFUSED: {
    status: 502,
    message: (reason) => `The directory refused: ${reason}`,
  },
  GUILD_ERR_THEME_NOT_INSTALLED: {
    status: 404,
    message: (theme) => `The theme "${theme}" is not installed on this host. Install it from the directory first.`,
  },
  GUILD_ERR_BAD_JSON: {
    status: 400,
    message: (reason) => `The request body is not valid JSON (${reason}). Send JSON with Content-Type: application/json.`,
  },
  GUILD_ERR_BODY_TOO_LARGE: {
    status: 413,
    message: (limit) => `The request body is larger than ${limit}. Upload images through /admin/api/media instead of embedding them.`,
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

/**
 * A Guild error that crossed a boundary as its code and message (from a worker thread, or in a
 * directory's answer), made whole again; undefined for a code this core does not know.
 */
export function reviveGuildError(code: string | undefined, message: string): GuildError | undefined {
  if (!code || !Object.hasOwn(specs, code)) return undefined;
  const error = new GuildError(code as GuildErrorCode);
  error.message = message;
  return error;
}

/** A one-line reason for logs and status listings, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
