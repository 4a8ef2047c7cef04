/**
 * What commands need to know about the host serving the same sites folder, if one runs: the
 * addresses it really answers at, the sites' state as it sees them, and where to send a change so
 * that it applies at once. With no host running, a change is made on the files here and the
 * addresses are those `npm start` would use.
 */
import { mkdirSync } from 'node:fs';
import { addressesOf, changeSite, findRunningHost, resolveConfig, type Addresses, type ChangeOutcome, type HostConfig, type RunningHost, type SiteChange, type SiteRef } from '../../core/host/index.ts';
import { offline, withHostAuth } from './context.ts';

export interface Where {
  readonly running: RunningHost | undefined;
  /** The port the sites answer on: the running host's (from its state file), else the configured PORT. */
  readonly port: number;
  /** The network's addresses on that port: a site's public and admin address (`siteUrls`), any name's. */
  readonly at: Addresses;
  /** A line to print after addresses when no host runs. */
  readonly note: string | undefined;
}

export async function addresses(config: HostConfig = resolveConfig()): Promise<Where> {
  const running = await findRunningHost(config);
  const port = running?.state.port ?? config.port;
  return {
    running,
    port,
    at: addressesOf(config, port),
    note: running ? undefined : `No host is running for ${config.sitesDir}; these addresses work once it is started (npm start, PORT=${config.port}).`,
  };
}

/** What the CLI prints after making or changing a site: every name it answers at, and its admin. */
export function whereItAnswers(where: Where, site: SiteRef): string {
  const names = [`${site.slug}.${where.at.baseHost}`, ...(site.domains ?? [])];
  return [
    `${where.running ? 'The running host serves it now at' : 'It answers at'}:`,
    ...names.map((name) => `  ${where.at.url(name)}/`),
    `Its admin: ${where.at.site(site).adminUrl}/admin/`,
    ...(where.note ? [where.note] : []),
  ].join('\n');
}

/** Makes a change through the running host, or on the files when none runs. */
export async function applyChange(slug: string, change: SiteChange): Promise<{ outcome: ChangeOutcome; running: RunningHost | undefined }> {
  const config = resolveConfig();
  const running = await findRunningHost(config);
  if (running) return { outcome: await running.change(slug, change), running };
  const { registry, services, close } = await offline();
  mkdirSync(config.dataDir, { recursive: true });
  try {
    return { outcome: await withHostAuth(config, (auth) => changeSite({ config, registry, services, auth }, slug, change)), running };
  } finally {
    await close();
  }
}
