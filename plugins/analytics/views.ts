/**
 * Counts of page views: one row per day and path, incremented in place, so a busy site's table
 * grows with its pages and days, not with its visitors. Nothing about a visitor is stored.
 */
import type { PluginMigration, PluginStorage } from '@guild/sdk';

export const migrations: PluginMigration[] = [
  {
    version: 1,
    name: 'daily views per path',
    // Sites that ran this before PostgreSQL support keep their WITHOUT ROWID table (SQLite's alone):
    // it answers the same, so there is nothing to migrate.
    up: (db) =>
      db.exec(`
        CREATE TABLE ${db.table('views')} (day TEXT NOT NULL, path TEXT NOT NULL, views INTEGER NOT NULL, PRIMARY KEY (day, path));
        CREATE INDEX ${db.table('views_by_path')} ON ${db.table('views')} (path, day);
      `),
  },
];

export class Views {
  readonly #db: PluginStorage;
  readonly #table: string;
  readonly #day: Intl.DateTimeFormat;

  constructor(db: PluginStorage, timezone: string) {
    this.#db = db;
    this.#table = db.table('views');
    // "en-CA" writes dates as YYYY-MM-DD; the site's time zone decides where a day ends.
    this.#day = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  /** The site's date for a moment, as YYYY-MM-DD. */
  day(at: Date = new Date()): string {
    return this.#day.format(at);
  }

  count(path: string, at: Date = new Date()): void {
    this.#db.run(`INSERT INTO ${this.#table} (day, path, views) VALUES (?, ?, 1) ON CONFLICT (day, path) DO UPDATE SET views = views + 1`, this.day(at), path);
  }

  /** Views per day for the `days` days up to today, with the days nobody came as zero. */
  perDay(days: number, today: Date = new Date()): Array<{ label: string; value: number }> {
    const dates = Array.from({ length: days }, (_, index) => this.day(new Date(today.getTime() - (days - 1 - index) * 86_400_000)));
    const counted = new Map(this.#db.all<{ day: string; views: number }>(`SELECT day, SUM(views) AS views FROM ${this.#table} WHERE day >= ? GROUP BY day`, dates[0]).map((row) => [row.day, row.views]));
    return dates.map((day) => ({ label: day.slice(5), value: counted.get(day) ?? 0 }));
  }

  topPages(days: number, limit = 20, today: Date = new Date()): Array<{ path: string; views: number }> {
    const since = this.day(new Date(today.getTime() - (days - 1) * 86_400_000));
    return this.#db.all(`SELECT path, SUM(views) AS views FROM ${this.#table} WHERE day >= ? GROUP BY path ORDER BY views DESC, path LIMIT ?`, since, limit);
  }

  total(days: number, today: Date = new Date()): number {
    const since = this.day(new Date(today.getTime() - (days - 1) * 86_400_000));
    return this.#db.get<{ n: number | null }>(`SELECT SUM(views) AS n FROM ${this.#table} WHERE day >= ?`, since)!.n ?? 0;
  }

  /** Drops the counts of days older than `keepDays`. */
  forget(keepDays: number, today: Date = new Date()): number {
    return this.#db.run(`DELETE FROM ${this.#table} WHERE day < ?`, this.day(new Date(today.getTime() - keepDays * 86_400_000))).changes;
  }
}
