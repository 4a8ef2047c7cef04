/**
 * The CLI's side of the control API: finds the host that serves this sites folder (through its
 * state file) and asks it for the sites' state or to make a change. No host running is an answer
 * too: the caller then works on the files itself and says so.
 */
import { rm } from 'node:fs/promises';
import { describeError, GuildError, reviveGuildError } from '../../errors.ts';
import type { HostConfig } from '../config.ts';
import type { ChangeOutcome, SiteChange } from '../../site/index.ts';
import type { SiteStatus } from '../registry.ts';
import { hostStateFile, readHostState, type HostState } from './state-file.ts';

export interface RunningHost {
  readonly state: HostState;
  sites(): Promise<SiteStatus[]>;
  change(slug: string, change: SiteChange): Promise<ChangeOutcome>;
}

export async function findRunningHost(config: HostConfig): Promise<RunningHost | undefined> {
  const file = hostStateFile(config);
  const state = await readHostState(file);
  if (!state || state.sitesDir !== config.sitesDir) return undefined;
  // The pid may have been reused by another process after a crash: only a host that answers counts.
  if (!(await answers(state))) {
    await rm(file, { force: true });
    return undefined;
  }
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
    sites: async () => (await call<{ sites: SiteStatus[] }>('GET', '/sites')).sites,
    change: (slug, change) => call<ChangeOutcome>('POST', `/sites/${encodeURIComponent(slug)}`, change),
  };
}

async function answers(state: HostState): Promise<boolean> {
  try {
    const response = await fetch(`${state.control.url}/ping`, { headers: { authorization: `Bearer ${state.control.token}` }, signal: AbortSignal.timeout(2000) });
    return response.ok && ((await response.json()) as { pid?: number }).pid === state.pid;
  } catch {
    return false;
  }
}
