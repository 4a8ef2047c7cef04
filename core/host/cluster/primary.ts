/**
 * The primary of a clustered host (GUILD_WORKERS=n): it serves nothing itself. It starts n workers
 * sharing the port, makes one of them the leader (the publishing timer, scheduled backups, the
 * control API and host.json), passes each worker's site changes to all the others and answers
 * once they applied them, wakes the leader's scheduler, restarts a worker that dies (waiting
 * longer after each recent death) and hands its duties on if it led, and on SIGINT or SIGTERM
 * stops them all, each finishing the requests it has in flight.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../../log/index.ts';
import { isMessage, type ToPrimary, type ToWorker } from './messages.ts';

/** The first restart waits this long; each further death within a minute doubles it. */
const FIRST_RESTART_MS = 250;
const MAX_RESTART_MS = 30_000;
const RECENT_MS = 60_000;
/** A worker that has not applied a change by then is not waited for (it is stuck or dying). */
const FOLLOW_TIMEOUT_MS = 10_000;
/** Workers still running this long after being told to stop are killed. */
const STOP_TIMEOUT_MS = 15_000;

interface Telling {
  readonly origin: Worker;
  /** The origin's number for the change. */
  readonly id: number;
  /** The primary's own number for it, in the others' `guild:follow`. */
  readonly relay: number;
  readonly waiting: Set<number>;
  readonly timer: NodeJS.Timeout;
}

/** Resolves with the exit code once every worker has stopped. */
export function runPrimary(count: number, port: number, log: Logger): Promise<number> {
  const ready = new Set<number>();
  const tellings = new Set<Telling>();
  const deaths: number[] = [];
  let leader: Worker | undefined;
  let welcomed = false;
  let everReady = false;
  let diedBeforeReady = 0;
  let stopping = false;
  let relayed = 0;

  const send = (worker: Worker, message: ToWorker) => {
    if (worker.isConnected()) worker.send(message);
  };
  const lead = () => {
    if (leader || stopping) return;
    const next = Object.values(cluster.workers ?? {}).find((worker) => worker && ready.has(worker.id));
    if (!next) return;
    leader = next;
    send(next, { type: 'guild:lead', welcome: !welcomed });
    welcomed = true;
  };
  const settle = (telling: Telling) => {
    if (telling.waiting.size) return;
    clearTimeout(telling.timer);
    tellings.delete(telling);
    send(telling.origin, { type: 'guild:told', id: telling.id });
  };

  const fork = () => {
    const worker = cluster.fork();
    log.info(`worker ${worker.id} starting (pid ${worker.process.pid})`);
    worker.on('message', (message: unknown) => {
      if (!isMessage<ToPrimary>(message)) return;
      switch (message.type) {
        case 'guild:ready':
          ready.add(worker.id);
          everReady = true;
          return lead();
        case 'guild:changed': {
          const others = Object.values(cluster.workers ?? {}).filter((other): other is Worker => !!other && other !== worker && other.isConnected());
          const telling: Telling = {
            origin: worker,
            id: message.id,
            relay: ++relayed,
            waiting: new Set(others.map((other) => other.id)),
            timer: setTimeout(() => {
              log.warn(`worker(s) ${[...telling.waiting].join(', ')} did not apply a change to the sites within ${FOLLOW_TIMEOUT_MS / 1000} s`);
              telling.waiting.clear();
              settle(telling);
            }, FOLLOW_TIMEOUT_MS),
          };
          tellings.add(telling);
          for (const other of others) send(other, { type: 'guild:follow', id: telling.relay, change: message.change });
          return settle(telling);
        }
        case 'guild:followed':
          for (const telling of tellings) {
            if (telling.relay === message.id) {
              telling.waiting.delete(worker.id);
              settle(telling);
            }
          }
          return;
        case 'guild:wake-scheduler':
          if (leader) send(leader, { type: 'guild:wake-scheduler' });
          return;
      }
    });
  };

  return new Promise((resolve) => {
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} worker(s), each finishing its requests`);
      for (const worker of Object.values(cluster.workers ?? {})) if (worker) send(worker, { type: 'guild:stop' });
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      }, STOP_TIMEOUT_MS).unref();
      if (!Object.keys(cluster.workers ?? {}).length) resolve(0);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));

    cluster.on('exit', (worker, code, signal) => {
      const wasReady = ready.delete(worker.id);
      for (const telling of [...tellings]) {
        telling.waiting.delete(worker.id);
        if (telling.origin === worker) tellings.delete(telling), clearTimeout(telling.timer);
        else settle(telling);
      }
      if (leader === worker) leader = undefined;
      if (stopping) {
        if (!Object.keys(cluster.workers ?? {}).length) resolve(0);
        return;
      }
      log.error(`worker ${worker.id} (pid ${worker.process.pid}) died (${signal ?? `exit code ${code}`})`);
      if (!wasReady && !everReady && ++diedBeforeReady >= count) {
        log.fatal('no worker could start (see the errors above); stopping');
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
        return resolve(1);
      }
      lead();
      const now = Date.now();
      deaths.push(now);
      while (deaths.length && now - deaths[0]! > RECENT_MS) deaths.shift();
      const wait = Math.min(FIRST_RESTART_MS * 2 ** (deaths.length - 1), MAX_RESTART_MS);
      log.info(`starting a new worker in ${wait} ms`);
      setTimeout(() => !stopping && fork(), wait);
    });

    log.info(`starting ${count} workers sharing port ${port}`);
    for (let i = 0; i < count; i++) fork();
  });
}
