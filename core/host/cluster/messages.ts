/** What the primary and the workers of a clustered host (GUILD_WORKERS) tell each other over IPC. */
import type { RegistryChange } from '../registry.ts';

export type ToPrimary =
  /** The worker listens and serves. */
  | { readonly type: 'guild:ready' }
  /** The worker changed the sites (`id` is its own count): tell the others, answer `guild:told`. */
  | { readonly type: 'guild:changed'; readonly id: number; readonly change: RegistryChange }
  /** The worker applied another's change. */
  | { readonly type: 'guild:followed'; readonly id: number }
  /** The worker changed the publishing schedule: wake the leader's timer. */
  | { readonly type: 'guild:wake-scheduler' };

export type ToWorker =
  /** Another worker changed the sites: apply it, answer `guild:followed`. */
  | { readonly type: 'guild:follow'; readonly id: number; readonly change: RegistryChange }
  /** Every other worker has applied the change this worker made. */
  | { readonly type: 'guild:told'; readonly id: number }
  /** Take up the duties that run once; `welcome`: print the start banner with the login links (first leader only). */
  | { readonly type: 'guild:lead'; readonly welcome: boolean }
  | { readonly type: 'guild:wake-scheduler' }
  /** Finish the requests in flight, close, exit. */
  | { readonly type: 'guild:stop' };

export function isMessage<T extends { type: string }>(message: unknown): message is T {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string' && (message as { type: string }).type.startsWith('guild:');
}
