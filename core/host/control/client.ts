/**
 * The CLI's side of the control API: finds the host that serves this sites folder (through its
 * state file) and asks it for the sites' state or to make a change. No host running is an answer
 * too: the caller then works on the files itself and says so.
 */
import { describeError, GuildError, reviveGuildError } from '../../errors.ts';
import { urlFor, type HostConfig } from '../config.ts';
import type { ChangeOutcome, SiteChange } from '../../site/index.ts';
import type { SiteStatus } from '../registry.ts';
import { hostStateFile, readHostState, type HostState } from './state-file.ts';

export interface RunningHost {
  readonly state: HostState;
  /** The address a host name answers at on the running host. */
  urlFor(host: string): string;
  sites(): Promise<SiteStatus[]>;
  change(slug: string, change: SiteChange): Promise<ChangeOutcome>;
}

export async function findRunningHost(config: HostConfig): Promise<RunningHost | undefined> {
  const state = await readHostState(hostStateFile(config));
  if (!state || state.sitesDir !== config.sitesDir) return undefined;
  const call = async <T>(method: string, path: string, body?: object): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${state.control.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${state.control.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new GuildError('GUILD_ERR_HOST_CONTROL', `pid ${state.pid}, port ${state.port}`, describeError((error as { cause?: unknown }).cause ?? error));
    }
    const answer = (await response.json()) as T & { error?: { code?: string; message: string } };
    if (!response.ok) throw reviveGuildError(answer.error?.code, answer.error?.message ?? '') ?? new GuildError('GUILD_ERR_HOST_CONTROL', `pid ${state.pid}`, answer.error?.message ?? `status ${response.status}`);
    return answer;
  };
  return {
    state,
    urlFor: (host) => urlFor(host, state.port),
    sites: async () => (await call<{ sites: SiteStatus[] }>('GET', '/sites')).sites,
    change: (slug, change) => call<ChangeOutcome>('POST', `/sites/${encodeURIComponent(slug)}`, change),
  };
}
