/**
 * What every API route module gets: the host's services, the per-site state, and helpers that
 * read the site, the session and the caller's rights from a request.
 */
import type { Response } from 'express';
import { GuildError } from '../../errors.ts';
import { can, CAPABILITIES, type Auth, type Capability, type ResolvedSession } from '../../auth/index.ts';
import type { Logger } from '../../log/index.ts';
import type { MediaStorage } from '../../media/index.ts';
import type { PluginCatalog } from '../../plugins/index.ts';
import type { Site, SiteLocals } from '../../site/index.ts';
import type { ImportJobs } from '../import-jobs.ts';
import type { MediaFetches } from '../media-fetches.ts';
import type { NetworkSites } from '../network-sites.ts';
import type { SitePackages } from '../site-packages.ts';
import type { SiteState } from '../site-state.ts';

export interface ApiDeps {
  readonly auth: Auth;
  readonly plugins: PluginCatalog;
  readonly log: Logger;
  readonly uploadMaxBytes: number;
  /** Reopens a site, e.g. after a plugin is switched back on. */
  readonly reloadSite: (slug: string) => Promise<void>;
  /** The admin's own state for a site (revisions, media library, manifest writes). */
  readonly stateOf: (site: Site) => SiteState;
  /** The largest WordPress export an import accepts. */
  readonly importMaxBytes: number;
  /** WordPress imports running and recently finished, per site. */
  readonly imports: ImportJobs;
  /** Imported attachments' files being fetched, the latest run per site. */
  readonly mediaFetches: MediaFetches;
  /** Where the media library's files are kept (an archive fetches them from a bucket). */
  readonly media: MediaStorage;
  /** The host's installer, for the directory page; without it that page says there is no directory. */
  readonly packages?: SitePackages;
  /** The host's sites and their lifecycle, for the Sites overview and an owner's site controls. */
  readonly network?: NetworkSites;
  /** The origin of a site's admin, from configuration: links in mail point there, whatever Host a request named. */
  readonly adminUrl: (slug: string) => string;
}

export interface ApiLocals extends SiteLocals {
  session?: ResolvedSession;
}

export function locals(res: Response): ApiLocals {
  return res.locals as ApiLocals;
}

/** The logged-in session; the gate in front of the private routes guarantees there is one. */
export function sessionOf(res: Response): ResolvedSession {
  const session = locals(res).session;
  if (!session) throw new GuildError('GUILD_ERR_AUTH_REQUIRED');
  return session;
}

/** Throws 403 unless the caller's role on this site has the capability. */
export function requireCapability(res: Response, capability: Capability): ResolvedSession {
  const session = sessionOf(res);
  if (!can(session.membership.role, capability)) throw new GuildError('GUILD_ERR_FORBIDDEN', session.membership.role, CAPABILITIES[capability]);
  return session;
}

/** Who did something, as revisions and uploads record it. */
export function actor(res: Response): { id: number; name: string; email: string } {
  const { account } = sessionOf(res);
  return { id: account.id, name: account.name, email: account.email };
}
