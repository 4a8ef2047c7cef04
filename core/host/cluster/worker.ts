/**
 * A worker's side of a clustered host (GUILD_WORKERS): lends the host its cluster membership
 * (peers to tell of site changes, the scheduler's leader to wake), applies the other workers'
 * changes, takes up the single-run duties when the primary says so, and stops when told, when
 * signalled, or when the primary is gone.
 */
import cluster from 'node:cluster';
import type { Logger } from '../../log/index.ts';
import type { ClusterMember, Host } from '../host.ts';
import type { RegistryChange } from '../registry.ts';
import { isMessage, type ToPrimary, type ToWorker } from './messages.ts';

export interface WorkerDuties {
  /** Run once by the first leader, when the host is listening: the start banner and login links. */
  readonly welcome: (host: Host) => Promise<void>;
}

export class ClusterWorker {
  readonly member: ClusterMember;
  readonly #log: Logger;
  readonly #waiting = new Map<number, () => void>();
  #asked = 0;
  #host: Host | undefined;
  readonly #serving: Promise<Host>;
  #served: (host: Host) => void = () => {};
  /** Other workers' changes are applied in order; those arriving before this host serves wait for it. */
  #following: Promise<unknown> = Promise.resolve();
  #stopping: Promise<void> | undefined;
  #duties: WorkerDuties | undefined;

  constructor(log: Logger) {
    const worker = cluster.worker;
    if (!worker) throw new Error('ClusterWorker runs in a cluster worker only');
    this.#log = log;
    this.#serving = new Promise((resolve) => (this.#served = resolve));
    this.member = {
      worker: worker.id,
      peers: { changed: (change) => this.#tell(change) },
      wakeScheduler: () => this.#send({ type: 'guild:wake-scheduler' }),
    };
    process.on('message', (message) => {
      if (isMessage<ToWorker>(message)) void this.#receive(message);
    });
    // Without its primary a worker can no longer be given connections: it stops.
    process.on('disconnect', () => void this.stop());
    process.once('SIGINT', () => void this.stop());
    process.once('SIGTERM', () => void this.stop());
  }

  /** The host listens: it follows the others' changes from now on and may be made the leader. */
  serve(host: Host, duties: WorkerDuties): void {
    this.#host = host;
    this.#duties = duties;
    this.#served(host);
    this.#send({ type: 'guild:ready' });
  }

  /** Finishes the requests in flight, closes the host and exits. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#log.info('stopping');
      try {
        await this.#host?.close();
      } finally {
        process.exit(0);
      }
    })();
    return this.#stopping;
  }

  async #receive(message: ToWorker): Promise<void> {
    switch (message.type) {
      case 'guild:follow':
        this.#following = this.#following.then(async () => {
          try {
            await (await this.#serving).registry.follow(message.change);
          } catch (error) {
            this.#log.error({ err: error }, `could not apply another worker's change to the sites (${message.change.kind})`);
          }
          this.#send({ type: 'guild:followed', id: message.id });
        });
        return;
      case 'guild:told':
        this.#waiting.get(message.id)?.();
        this.#waiting.delete(message.id);
        return;
      case 'guild:lead':
        return this.#lead(message.welcome);
      case 'guild:wake-scheduler':
        return this.#host?.wakeScheduler();
      case 'guild:stop':
        return this.stop();
    }
  }

  async #lead(welcome: boolean): Promise<void> {
    const host = this.#host;
    if (!host || this.#stopping) return;
    await host.lead();
    this.#log.info('this worker runs the publishing schedule, scheduled backups and the control API');
    if (welcome) await this.#duties?.welcome(host);
  }

  /** Resolves once every other worker has applied the change (the primary answers for the dead). */
  #tell(change: RegistryChange): Promise<void> {
    const id = ++this.#asked;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      if (!this.#send({ type: 'guild:changed', id, change })) this.#waiting.delete(id), resolve();
    });
  }

  #send(message: ToPrimary): boolean {
    if (!process.connected || !process.send) return false;
    process.send(message);
    return true;
  }
}
