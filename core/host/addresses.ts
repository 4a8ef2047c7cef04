/**
 * Where things are, as the host writes them into mail, feeds, sitemaps, exports and what
 * `npm start` prints: always from configuration (GUILD_PUBLIC_URL, GUILD_ADMIN_HOST, the port),
 * never from a request's Host header, which anyone can set.
 *
 * - a site answers at its domains and at <slug>.<base> (base: GUILD_PUBLIC_URL's host name, or
 *   localhost); its own address is its first domain, else <slug>.<base>;
 * - its admin answers at <slug>.<admin host> (default admin.localhost): an origin of its own, so
 *   that no script on the public pages shares the admin's cookies or can read its answers;
 * - the network admin answers at the admin host itself.
 */
import type { HostConfig } from './config.ts';

/** A site as far as its addresses go: its folder name and site.json's domains. */
export interface SiteRef {
  readonly slug: string;
  readonly domains?: readonly string[] | undefined;
}

export interface SiteUrls {
  /** The site's public address, e.g. "http://harbour.localhost:3000" or "https://harbour.example". */
  readonly publicUrl: string;
  /** The origin of the site's admin, e.g. "http://harbour.admin.localhost:3000" (the admin itself at /admin/). */
  readonly adminUrl: string;
}

export interface Addresses {
  /** The host name sites without a domain answer under: "localhost", or GUILD_PUBLIC_URL's. */
  readonly baseHost: string;
  /** The network admin's host name; each site's admin is under it. */
  readonly adminHost: string;
  /** The public address of one of the network's host names (protocol and port from configuration). */
  url(hostname: string): string;
  /** A site's public address and its admin's. */
  site(site: SiteRef): SiteUrls;
  /**
   * Where the admin links to the site ("View site", a post's address): its public address in
   * production (GUILD_PUBLIC_URL: its domains point at this network); on a host without one, its
   * name under localhost, which reaches this host whether or not its domains do yet.
   */
  viewUrl(site: SiteRef): string;
  /** The network admin's address. */
  networkAdminUrl(): string;
  /** "harbour.admin.localhost" → "harbour"; undefined for a name that is no site's admin. */
  adminSlugOf(hostname: string): string | undefined;
  /** "harbour.guild.example.com" → "harbour"; undefined for a name not directly under the base. */
  siteSlugOf(hostname: string): string | undefined;
}

/**
 * The network's addresses for a host listening on `port` (a function when the port is known only
 * once listening). With GUILD_PUBLIC_URL, its protocol and port win: a proxy in front answers there.
 */
export function addressesOf(config: Pick<HostConfig, 'publicUrl' | 'adminHost'>, port: number | (() => number)): Addresses {
  const base = config.publicUrl ? new URL(config.publicUrl) : undefined;
  const baseHost = base?.hostname ?? 'localhost';
  const origin = (hostname: string) => {
    if (base) return `${base.protocol}//${hostname}${base.port ? `:${base.port}` : ''}`;
    const listening = typeof port === 'function' ? port() : port;
    // Port 0 is a host that has not listened yet (tests drive its app directly): there is no port to write.
    return `http://${hostname}${listening === 80 || listening === 0 ? '' : `:${listening}`}`;
  };
  const slugUnder = (hostname: string, parent: string) => {
    const name = hostname.toLowerCase();
    if (!name.endsWith(`.${parent}`)) return undefined;
    const slug = name.slice(0, -parent.length - 1);
    return slug && !slug.includes('.') ? slug : undefined;
  };
  const publicName = (site: SiteRef) => site.domains?.[0] ?? `${site.slug}.${baseHost}`;
  return {
    baseHost,
    adminHost: config.adminHost,
    url: origin,
    site: (site) => ({ publicUrl: origin(publicName(site)), adminUrl: origin(`${site.slug}.${config.adminHost}`) }),
    viewUrl: (site) => origin(base ? publicName(site) : `${site.slug}.${baseHost}`),
    networkAdminUrl: () => origin(config.adminHost),
    adminSlugOf: (hostname) => slugUnder(hostname, config.adminHost),
    siteSlugOf: (hostname) => slugUnder(hostname, baseHost),
  };
}

/**
 * A site's public and admin address for a host with this configuration listening on `port`: what
 * the CLI prints and writes (an export's site URL) for a running host.
 */
export function siteUrls(config: Pick<HostConfig, 'publicUrl' | 'adminHost'>, port: number, site: SiteRef): SiteUrls {
  return addressesOf(config, port).site(site);
}
