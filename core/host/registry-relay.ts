/**
 * How the site registry's changes reach the other processes serving the same sites, and theirs
 * reach it: the other workers of this host (GUILD_WORKERS, through the primary), and with
 * GUILD_DATABASE_URL every other host of the network (the shared manifests, notified through
 * PostgreSQL). Changes heard from the network are applied here one at a time, in order.
 */
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import type { RegistryChange, RegistryPeers } from './registry-types.ts';
import type { SharedManifests } from './shared-manifests.ts';

export class RegistryRelay {
  readonly #peers: RegistryPeers | undefined;
  readonly #shared: SharedManifests | undefined;
  #applying: Promise<void> = Promise.resolve();
  #stop: (() => void) | undefined;

  constructor(peers: RegistryPeers | undefined, shared: SharedManifests | undefined) {
    this.#peers = peers;
    this.#shared = shared;
  }

  /**
   * Tells the others of a change made here, once it is applied here. A removal leaves the network
   * here; a new or changed site.json was saved to it as the registry read it.
   */
  async changed(change: RegistryChange): Promise<void> {
    if (change.kind === 'remove') await this.#shared?.drop(change.slug);
    await this.#peers?.changed(change);
  }

  /**
   * Applies (with `follow`) what other hosts change in the network from now on: a site they
   * changed is reloaded here, one they removed dropped, and after the database connection came
   * back the whole folder is brought up to date. Nothing to do without shared manifests.
   */
  async listen(follow: (change: RegistryChange) => Promise<void>, log: Logger): Promise<void> {
    const shared = this.#shared;
    if (!shared || this.#stop) return;
    this.#stop = await shared.follow((slug) => {
      this.#applying = this.#applying.then(async () => {
        try {
          if (slug === undefined) return await follow({ kind: 'scan' });
          await follow({ kind: (await shared.pull(slug)) ? 'reload' : 'remove', slug });
        } catch (error) {
          log.error({ site: slug, err: error }, `a change another host made to ${slug ? `site ${slug}` : 'the sites'} could not be applied here: ${describeError(error)}`);
        }
      });
    });
  }

  /** Stops following the network; resolves once the change being applied is done. */
  async close(): Promise<void> {
    this.#stop?.();
    this.#stop = undefined;
    await this.#applying;
  }
}
