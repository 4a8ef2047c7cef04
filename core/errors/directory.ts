/** Errors of the directory: accounts, publishing, sales, licences and installs from it. */
import type { GuildErrorSpec } from './spec.ts';

export const directoryErrors = {
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
} satisfies Record<string, GuildErrorSpec>;
