/**
 * With GUILD_DATABASE_URL only the host that leads the network (leadership.ts) runs the publishing
 * timer, but a post may be scheduled through any host. The schedule index is shared (guild_host);
 * the host that changed it says so on a channel every host listens on, so the leader sets its timer
 * again at once rather than at its next hourly look (a post scheduled a minute ahead through the
 * other host behind a balancer would otherwise wait up to an hour).
 */
import { PgDatabase } from '../content/index.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';

const CHANNEL = 'guild_schedule';

export interface ScheduleRelay {
  /** Tells every host that the schedule changed. */
  tell(): void;
  stop(): void;
}

/** `changed` runs whenever any host tells (and after a dropped LISTEN connection, when one may have been missed). */
export async function relaySchedule(db: PgDatabase, changed: () => void, log: Logger): Promise<ScheduleRelay> {
  const stop = await db.listen(CHANNEL, () => changed());
  return {
    tell: () =>
      void PgDatabase.notify(db.runner('public'), CHANNEL, '').catch((error: unknown) =>
        log.warn({ err: error }, `the other hosts could not be told of a change to the publishing schedule: ${describeError(error)}; the leader sees it within the hour`),
      ),
    stop,
  };
}
