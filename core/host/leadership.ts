/**
 * Which host of a network runs the duties that must run once (the publishing timer, scheduled
 * backups), with GUILD_DATABASE_URL: the one holding a session-level PostgreSQL advisory lock on a
 * connection of its own. The others try again every second. PostgreSQL releases the lock when
 * that connection ends: the leader closes, is killed (its socket closes with it), or its machine
 * vanishes (the server's TCP keepalive, set short on this connection, notices within ~15 s);
 * another host then takes the lock and the duties. A leader that loses its connection (checked
 * every second) stops its duties at once, since another host may hold the lock from then on.
 */
import pg from 'pg';
import type { PgDatabase } from '../content/index.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';

/** The lock every host of a network contends for (one database = one network). */
const LEADER_LOCK = 'guild:network-leader';
/** How often a host that does not lead tries the lock, and a leader checks its connection. */
const TRY_EVERY_MS = 1000;

/**
 * Whether a host of the network on `db` leads it now, so the network is being served: for a CLI
 * with no host beside it (`guild site list`). The lock as pg_locks shows a bigint key: its high
 * half in classid, its low half in objid, in this database.
 */
export async function networkIsLed(db: PgDatabase): Promise<boolean> {
  const [row] = await db.runner('public').query<{ led: boolean }>(
    `SELECT EXISTS (
      SELECT 1 FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND objsubid = 1
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND ((classid::bigint << 32) | objid::bigint) = hashtext(@lock)::bigint
    ) AS led`,
    { lock: LEADER_LOCK },
  );
  return Boolean(row?.led);
}

export interface Duties {
  start(): void;
  stop(): void;
}

export class NetworkLeadership {
  readonly #url: string;
  readonly #duties: Duties;
  readonly #log: Logger;
  #client: pg.Client | undefined;
  #leading = false;
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #closed = false;

  constructor(url: string, duties: Duties, log: Logger) {
    this.#url = url;
    this.#duties = duties;
    this.#log = log;
  }

  /** Starts contending for the lock; the duties start whenever this host gets it. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#tick();
  }

  /** Whether this host runs the network's duties now. */
  leading(): boolean {
    return this.#leading;
  }

  /** Stops the duties and lets the lock go, so another host takes over within a second. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    if (this.#leading) this.#duties.stop();
    this.#leading = false;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  async #tick(): Promise<void> {
    if (this.#closed) return;
    try {
      const client = (this.#client ??= await this.#connect());
      if (this.#leading) await client.query('SELECT 1');
      else if ((await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [LEADER_LOCK])).rows[0]?.got) {
        this.#leading = true;
        this.#log.info('this host leads the network: it publishes scheduled posts and runs scheduled backups');
        this.#duties.start();
      }
    } catch (error) {
      this.#lost(error);
    }
    if (this.#closed) return;
    this.#timer = setTimeout(() => void this.#tick(), TRY_EVERY_MS);
    this.#timer.unref();
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.#url, keepAlive: true, query_timeout: 5000 });
    client.on('error', (error) => this.#lost(error));
    await client.connect();
    // The server notices a vanished leader within ~15 s rather than the system's two hours.
    await client.query('SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 5');
    return client;
  }

  /** The lock's connection failed: whatever this host held, it holds no longer. */
  #lost(error: unknown): void {
    const client = this.#client;
    this.#client = undefined;
    void client?.end().catch(() => {});
    if (!this.#leading || this.#closed) return;
    this.#leading = false;
    this.#duties.stop();
    this.#log.warn({ err: error }, `this host no longer leads the network (its database connection failed: ${describeError(error)}); another host takes over`);
  }
}
