/**
 * The index of every site's scheduled posts, in the host database (namespace "schedule"): on
 * SQLite in host.db, on PostgreSQL in `guild_host`, where every host of a network sees the posts
 * scheduled through any of them.
 */
import type { HostDatabase, HostMigrations } from '../auth/index.ts';

/** Exported for `guild migrate-store`, which brings both ends up to date before it copies. */
export const SCHEDULE_MIGRATIONS: HostMigrations = {
  sqlite: [
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
  ],
  postgres: [
    {
      version: 1,
      name: 'scheduled posts of every site',
      // ISO times in "C" order are time order, as SQLite compares them.
      up: `CREATE TABLE scheduled_posts (
          site text NOT NULL,
          post_id integer NOT NULL,
          publish_at text COLLATE "C" NOT NULL,
          PRIMARY KEY (site, post_id)
        );
        CREATE INDEX scheduled_posts_by_time ON scheduled_posts (publish_at);`,
    },
  ],
};

/** One scheduled post: which site, which post, when (ISO time). */
export interface ScheduledPost {
  readonly site: string;
  readonly postId: number;
  readonly publishAt: string;
}

interface Row {
  site: string;
  post_id: number;
  publish_at: string;
}

const SET = `INSERT INTO scheduled_posts (site, post_id, publish_at) VALUES (@site, @postId, @publishAt)
  ON CONFLICT (site, post_id) DO UPDATE SET publish_at = excluded.publish_at`;

const toScheduled = (row: Row): ScheduledPost => ({ site: row.site, postId: row.post_id, publishAt: row.publish_at });

export class ScheduleIndex {
  readonly #db: HostDatabase;

  static async open(db: HostDatabase): Promise<ScheduleIndex> {
    await db.migrate('schedule', SCHEDULE_MIGRATIONS);
    return new ScheduleIndex(db);
  }

  private constructor(db: HostDatabase) {
    this.#db = db;
  }

  async set(site: string, postId: number, publishAt: string): Promise<void> {
    await this.#db.run(SET, { site, postId, publishAt });
  }

  async remove(site: string, postId: number): Promise<void> {
    await this.#db.run('DELETE FROM scheduled_posts WHERE site = @site AND post_id = @postId', { site, postId });
  }

  /** Makes the site's entries exactly `posts`, in one transaction. */
  async replaceSite(site: string, posts: ReadonlyArray<{ readonly id: number; readonly publishAt: string }>): Promise<void> {
    await this.#db.transaction(async (sql) => {
      await sql.run('DELETE FROM scheduled_posts WHERE site = @site', { site });
      for (const post of posts) await sql.run(SET, { site, postId: post.id, publishAt: post.publishAt });
    });
  }

  async ofSite(site: string): Promise<ScheduledPost[]> {
    return (await this.#db.all<Row>('SELECT site, post_id, publish_at FROM scheduled_posts WHERE site = @site ORDER BY publish_at, post_id', { site })).map(toScheduled);
  }

  /** The earliest scheduled time, if any. */
  async next(): Promise<string | undefined> {
    return (await this.#db.get<{ next: string | null }>('SELECT MIN(publish_at) AS next FROM scheduled_posts'))?.next ?? undefined;
  }

  async due(now: string): Promise<ScheduledPost[]> {
    return (await this.#db.all<Row>('SELECT site, post_id, publish_at FROM scheduled_posts WHERE publish_at <= @now ORDER BY publish_at', { now })).map(toScheduled);
  }

  async postpone(site: string, postId: number, publishAt: string): Promise<void> {
    await this.#db.run('UPDATE scheduled_posts SET publish_at = @publishAt WHERE site = @site AND post_id = @postId', { site, postId, publishAt });
  }
}
