/**
 * What commands need to know about the host serving the same sites folder, if one runs: the
 * addresses it really answers at, the sites' state as it sees them, and where to send a change so
 * that it applies at once. With no host running, a change is made on the files here and the
 * addresses are those `npm start` would use.
 */
import { mkdirSync } from 'node:fs';
import { Auth } from '../../core/auth/index.ts';
import { openDatabase } from '../../core/content/index.ts';
import { changeSite, findRunningHost, hostDatabaseFile, resolveConfig, urlFor, type ChangeOutcome, type HostConfig, type RunningHost, type SiteChange } from '../../core/host/index.ts';
import { logMailTransport } from '../../core/mail/index.ts';
import { cliLogger, offline } from './context.ts';

export interface Addresses {
  readonly running: RunningHost | undefined;
  /** The address of a host name: the running host's, else the configured port's. */
  urlFor(host: string): string;
  /** A line to print after addresses when no host runs. */
  readonly note: string | undefined;
}

export async function addresses(config: HostConfig = resolveConfig()): Promise<Addresses> {
  const running = await findRunningHost(config);
  return {
    running,
    urlFor: (host) => (running ? running.urlFor(host) : urlFor(host, config.port)),
    note: running ? undefined : `No host is running for ${config.sitesDir}; these addresses work once it is started (npm start, PORT=${config.port}).`,
  };
}

/** Makes a change through the running host, or on the files when none runs. */
export async function applyChange(slug: string, change: SiteChange): Promise<{ outcome: ChangeOutcome; running: RunningHost | undefined }> {
  const config = resolveConfig();
  const running = await findRunningHost(config);
  if (running) return { outcome: await running.change(slug, change), running };
  const { registry, services, close } = await offline();
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(hostDatabaseFile(config));
  try {
    return { outcome: await changeSite({ config, registry, services, auth: new Auth(db, logMailTransport(cliLogger())) }, slug, change), running };
  } finally {
    db.close();
    await close();
  }
}
