/**
 * Counts of page views: one row per day and path, incremented in place, so a busy site's table
 * grows with its pages and days, not with its visitors. Nothing about a visitor is stored.
 * Views are counted in memory and saved together (see `save`): a write per view cost a busy
 * site's pages about a twentieth of their CPU.
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
  /** Views counted since the last save, by day and path ("YYYY-MM-DD /path/"). */
  #pending = new Map<string, number>();
  /** The last date worked out, for the minute it was asked for: a view needs the date, and no time zone turns its day within a minute. */
  #lastDay = { minute: Number.NaN, day: '' };

  constructor(db: PluginStorage, timezone: string) {
    this.#db = db;
    this.#table = db.table('views');
    // "en-CA" writes dates as YYYY-MM-DD; the site's time zone decides where a day ends.
    this.#day = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  /** The site's date for a moment, as YYYY-MM-DD. */
  day(at: Date = new Date()): string {
    const minute = Math.floor(at.getTime() / 60_000);
    if (minute !== this.#lastDay.minute) this.#lastDay = { minute, day: this.#day.format(at) };
    return this.#lastDay.day;
  }

  /** Counts one view of `path`; it reaches the table with the next save. */
  count(path: string, at: Date = new Date()): void {
    const key = `${this.day(at)} ${path}`;
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
  }

  /**
   * Writes the views counted since the last save, in one transaction (the plugin saves every
   * second and as the site closes; every read saves first). A save that fails keeps its views for
   * the next one.
   */
  save(): void {
    if (this.#pending.size === 0) return;
    const saving = this.#pending;
    this.#pending = new Map();
    try {
      this.#db.transaction(() => {
        for (const [key, views] of saving) {
          const [day, path] = [key.slice(0, 10), key.slice(11)];
          this.#db.run(`INSERT INTO ${this.#table} (day, path, views) VALUES (?, ?, ?) ON CONFLICT (day, path) DO UPDATE SET views = views + excluded.views`, day, path, views);
        }
      });
    } catch (error) {
      for (const [key, views] of saving) this.#pending.set(key, (this.#pending.get(key) ?? 0) + views);
      throw error;
    }
  }

  /** Views per day for the `days` days up to today, with the days nobody came as zero. */
  perDay(days: number, today: Date = new Date()): Array<{ label: string; value: number }> {
    this.save();
    const dates = Array.from({ length: days }, (_, index) => this.day(new Date(today.getTime() - (days - 1 - index) * 86_400_000)));
    const counted = new Map(this.#db.all<{ day: string; views: number }>(`SELECT day, SUM(views) AS views FROM ${this.#table} WHERE day >= ? GROUP BY day`, dates[0]).map((row) => [row.day, row.views]));
    return dates.map((day) => ({ label: day.slice(5), value: counted.get(day) ?? 0 }));
  }

  topPages(days: number, limit = 20, today: Date = new Date()): Array<{ path: string; views: number }> {
    this.save();
    const since = this.day(new Date(today.getTime() - (days - 1) * 86_400_000));
    return this.#db.all(`SELECT path, SUM(views) AS views FROM ${this.#table} WHERE day >= ? GROUP BY path ORDER BY views DESC, path LIMIT ?`, since, limit);
  }

  total(days: number, today: Date = new Date()): number {
    this.save();
    const since = this.day(new Date(today.getTime() - (days - 1) * 86_400_000));
    return this.#db.get<{ n: number | null }>(`SELECT SUM(views) AS n FROM ${this.#table} WHERE day >= ?`, since)!.n ?? 0;
  }

  /** Drops the counts of days older than `keepDays`. */
  forget(keepDays: number, today: Date = new Date()): number {
    return this.#db.run(`DELETE FROM ${this.#table} WHERE day < ?`, this.day(new Date(today.getTime() - keepDays * 86_400_000))).changes;
  }
}
