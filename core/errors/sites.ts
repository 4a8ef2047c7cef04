/** Errors of sites, their domains, the host's control API, WordPress imports, archives and keys. */
import type { GuildErrorSpec } from './spec.ts';

export const siteErrors = {
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
} satisfies Record<string, GuildErrorSpec>;
