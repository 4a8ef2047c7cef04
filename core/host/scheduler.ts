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
import type { HostDatabase } from '../auth/index.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import type { Site } from '../site/index.ts';
import type { SiteRegistry } from './registry.ts';
import { ScheduleIndex, type ScheduledPost } from './schedule-index.ts';

/** The longest a timer waits before looking again (timers cannot wait longer than ~24 days anyway). */
const MAX_WAIT_MS = 60 * 60 * 1000;
/** How long a post whose site would not open waits before the next try. */
const RETRY_MS = 60 * 1000;

export class PublishScheduler {
  readonly #registry: SiteRegistry;
  readonly #log: Logger;
  readonly #index: ScheduleIndex;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #closed = false;
  #runs = false;
  readonly #wakeRunner: (() => void) | undefined;

  /** `wakeRunner`: tells the process running the timer that the index changed (GUILD_WORKERS). */
  static async open(db: HostDatabase, registry: SiteRegistry, log: Logger, wakeRunner?: () => void): Promise<PublishScheduler> {
    return new PublishScheduler(await ScheduleIndex.open(db), registry, log, wakeRunner);
  }

  private constructor(index: ScheduleIndex, registry: SiteRegistry, log: Logger, wakeRunner?: () => void) {
    this.#index = index;
    this.#registry = registry;
    this.#log = log;
    this.#wakeRunner = wakeRunner;
  }

  /** The site's posts in the index, earliest first: what this host will publish when. */
  scheduled(site: string): Promise<ScheduledPost[]> {
    return this.#index.ofSite(site);
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
        if ((change.kind === 'post' || change.kind === 'page') && change.id !== undefined) {
          void this.#follow(site, change.id).catch((error: unknown) => this.#log.error({ site: site.slug, err: error }, `could not index post ${change.id} of ${site.slug}: ${describeError(error)}`));
        }
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
    const indexed = (await this.#index.ofSite(site.slug)).map((due) => `${due.postId}@${due.publishAt}`);
    // Most sites schedule nothing: opening them must not write to the host database.
    if (wanted.length === indexed.length && wanted.every((key) => indexed.includes(key))) return;
    await this.#index.replaceSite(site.slug, scheduled.map((post) => ({ id: post.id, publishAt: post.publishedAt })));
    this.#arm();
  }

  async #follow(site: Site, id: number): Promise<void> {
    const post = await site.store.getPost(id);
    if (post?.status === 'scheduled' && post.publishedAt) await this.#index.set(site.slug, id, post.publishedAt);
    else await this.#index.remove(site.slug, id);
    this.#arm();
  }

  /** Sets the one timer for the earliest post in the index (looking it up takes a query). */
  #arm(): void {
    if (this.#closed) return;
    if (!this.#runs) return this.#wakeRunner?.();
    this.#index.next().then(
      (next) => {
        if (this.#closed) return;
        clearTimeout(this.#timer);
        if (!next) return;
        const wait = Math.min(Math.max(Date.parse(next) - Date.now(), 0), MAX_WAIT_MS);
        this.#timer = setTimeout(() => void this.#publishDue(), wait);
        this.#timer.unref();
      },
      (error: unknown) => {
        if (this.#closed) return;
        // The host database is out of reach for now: look again later rather than never.
        this.#log.error({ err: error }, `could not read the publishing schedule: ${describeError(error)}; looking again in a minute`);
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => this.#arm(), RETRY_MS);
        this.#timer.unref();
      },
    );
  }

  async #publishDue(): Promise<void> {
    if (this.#running) return this.#running;
    this.#running = (async () => {
      for (const due of await this.#index.due(new Date().toISOString())) {
        try {
          await this.#publish(due);
        } catch (error) {
          await this.#index.postpone(due.site, due.postId, new Date(Date.now() + RETRY_MS).toISOString());
          this.#log.error({ site: due.site, post: due.postId, err: error }, `could not publish scheduled post ${due.postId} of ${due.site}: ${describeError(error)}; trying again in a minute`);
        }
      }
    })()
      .catch((error: unknown) => this.#log.error({ err: error }, `could not read the publishing schedule: ${describeError(error)}`))
      .finally(() => {
        this.#running = undefined;
        this.#arm();
      });
    return this.#running;
  }

  async #publish(due: ScheduledPost): Promise<void> {
    const entry = this.#registry.get(due.site);
    if (!entry) return this.#index.remove(due.site, due.postId);
    const { site, release } = await this.#registry.acquire(entry);
    try {
      const post = await site.store.getPost(due.postId);
      // Moved, unscheduled or deleted since: the site's own database has the last word.
      if (post?.status !== 'scheduled' || !post.publishedAt) return await this.#index.remove(due.site, due.postId);
      if (Date.parse(post.publishedAt) > Date.now()) return await this.#index.set(due.site, post.id, post.publishedAt);
      await site.store.updatePost(post.id, { status: 'published' });
      this.#log.info({ site: due.site, post: post.id }, `published "${post.title}" on ${due.site} as scheduled`);
    } finally {
      release();
    }
  }
}
