/**
 * Publishes scheduled posts on time, whether or not anyone visits the site. The host keeps an
 * index of every site's scheduled posts in its own database (so it knows the next one without
 * opening every site, and after a restart), and one timer set for the earliest. When it fires,
 * the site is opened, the post checked (still scheduled, for that time) and published.
 *
 * The index follows each open site's `content:changed` hook, and is brought up to date from a
 * site's own database whenever the site opens (covering changes made by other processes).
 *
 * With GUILD_WORKERS every process keeps the index of the sites it opens, and only one runs the
 * timer (`start()`): the others wake it (`wakeRunner`) when they change the index, so a post
 * scheduled through any process is published on time, and once.
 */
import { migrate, type Migration, type SqliteDatabase } from '../content/index.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import type { Site } from '../site/index.ts';
import type { SiteRegistry } from './registry.ts';

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'scheduled posts of every site',
    up: (db) =>
      db.exec(`CREATE TABLE scheduled_posts (
        site TEXT NOT NULL,
        post_id INTEGER NOT NULL,
        publish_at TEXT NOT NULL,
        PRIMARY KEY (site, post_id)
      );
      CREATE INDEX scheduled_posts_by_time ON scheduled_posts (publish_at);`),
  },
];

/** The longest a timer waits before looking again (timers cannot wait longer than ~24 days anyway). */
const MAX_WAIT_MS = 60 * 60 * 1000;
/** How long a post whose site would not open waits before the next try. */
const RETRY_MS = 60 * 1000;

interface Due {
  site: string;
  post_id: number;
  publish_at: string;
}

export class PublishScheduler {
  readonly #registry: SiteRegistry;
  readonly #log: Logger;
  readonly #statements;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #closed = false;
  #runs = false;
  readonly #wakeRunner: (() => void) | undefined;

  /** `wakeRunner`: tells the process running the timer that the index changed (GUILD_WORKERS). */
  constructor(db: SqliteDatabase, registry: SiteRegistry, log: Logger, wakeRunner?: () => void) {
    migrate(db, 'schedule', migrations);
    this.#registry = registry;
    this.#log = log;
    this.#wakeRunner = wakeRunner;
    this.#statements = {
      set: db.prepare('INSERT INTO scheduled_posts (site, post_id, publish_at) VALUES (?, ?, ?) ON CONFLICT (site, post_id) DO UPDATE SET publish_at = excluded.publish_at'),
      remove: db.prepare('DELETE FROM scheduled_posts WHERE site = ? AND post_id = ?'),
      clearSite: db.prepare('DELETE FROM scheduled_posts WHERE site = ?'),
      ofSite: db.prepare('SELECT site, post_id, publish_at FROM scheduled_posts WHERE site = ?'),
      next: db.prepare('SELECT MIN(publish_at) FROM scheduled_posts').pluck(),
      due: db.prepare('SELECT site, post_id, publish_at FROM scheduled_posts WHERE publish_at <= ? ORDER BY publish_at'),
      postpone: db.prepare('UPDATE scheduled_posts SET publish_at = ? WHERE site = ? AND post_id = ?'),
    };
  }

  /** Starts the timer; scheduled times already past (the host was down) are published at once. */
  start(): void {
    this.#runs = true;
    this.#arm();
  }

  /** Stops the timer: another host leads the network now (GUILD_DATABASE_URL, leadership.ts). */
  stop(): void {
    this.#runs = false;
    clearTimeout(this.#timer);
  }

  /** Looks at the index again: another process changed it. */
  wake(): void {
    this.#arm();
  }

  /** Follows one opened site: indexes its scheduled posts now and on every change. */
  watch(site: Site): void {
    void this.#sync(site).catch((error: unknown) => this.#log.error({ site: site.slug, err: error }, `could not read the scheduled posts of ${site.slug}: ${describeError(error)}`));
    site.hooks.add(
      'content:changed',
      'action',
      (change: { kind: string; id?: number }) => {
        if ((change.kind === 'post' || change.kind === 'page') && change.id !== undefined) void this.#follow(site, change.id);
      },
      'core',
    );
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  async #sync(site: Site): Promise<void> {
    // Every site open comes here, so this is one small query rather than whole posts.
    const scheduled = await site.store.listScheduled();
    const wanted = scheduled.map((post) => `${post.id}@${post.publishedAt}`);
    const indexed = (this.#statements.ofSite.all(site.slug) as Due[]).map((due) => `${due.post_id}@${due.publish_at}`);
    // Most sites schedule nothing: opening them must not write to the host database.
    if (wanted.length === indexed.length && wanted.every((key) => indexed.includes(key))) return;
    this.#statements.clearSite.run(site.slug);
    for (const post of scheduled) this.#statements.set.run(site.slug, post.id, post.publishedAt);
    this.#arm();
  }

  async #follow(site: Site, id: number): Promise<void> {
    const post = await site.store.getPost(id);
    if (post?.status === 'scheduled' && post.publishedAt) this.#statements.set.run(site.slug, id, post.publishedAt);
    else this.#statements.remove.run(site.slug, id);
    this.#arm();
  }

  #arm(): void {
    if (this.#closed) return;
    if (!this.#runs) return this.#wakeRunner?.();
    clearTimeout(this.#timer);
    const next = this.#statements.next.get() as string | null;
    if (!next) return;
    const wait = Math.min(Math.max(Date.parse(next) - Date.now(), 0), MAX_WAIT_MS);
    this.#timer = setTimeout(() => void this.#publishDue(), wait);
    this.#timer.unref();
  }

  async #publishDue(): Promise<void> {
    if (this.#running) return this.#running;
    this.#running = (async () => {
      for (const due of this.#statements.due.all(new Date().toISOString()) as Due[]) {
        try {
          await this.#publish(due);
        } catch (error) {
          this.#statements.postpone.run(new Date(Date.now() + RETRY_MS).toISOString(), due.site, due.post_id);
          this.#log.error({ site: due.site, post: due.post_id, err: error }, `could not publish scheduled post ${due.post_id} of ${due.site}: ${describeError(error)}; trying again in a minute`);
        }
      }
    })().finally(() => {
      this.#running = undefined;
      this.#arm();
    });
    return this.#running;
  }

  async #publish(due: Due): Promise<void> {
    const entry = this.#registry.get(due.site);
    if (!entry) return void this.#statements.remove.run(due.site, due.post_id);
    const { site, release } = await this.#registry.acquire(entry);
    try {
      const post = await site.store.getPost(due.post_id);
      // Moved, unscheduled or deleted since: the site's own database has the last word.
      if (post?.status !== 'scheduled' || !post.publishedAt) return void this.#statements.remove.run(due.site, due.post_id);
      if (Date.parse(post.publishedAt) > Date.now()) return void this.#statements.set.run(due.site, post.id, post.publishedAt);
      await site.store.updatePost(post.id, { status: 'published' });
      this.#log.info({ site: due.site, post: post.id }, `published "${post.title}" on ${due.site} as scheduled`);
    } finally {
      release();
    }
  }
}
