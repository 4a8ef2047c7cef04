/**
 * The messages visitors send, and the attempts that count against a visitor's hourly limit. A
 * visitor's address is never stored: only a hash of it with the site's id, kept a day.
 */
import type { PluginMigration, PluginStorage } from '@guild/sdk';

export interface Message {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly message: string;
  readonly page: string;
  readonly created_at: string;
}

export const migrations: PluginMigration[] = [
  {
    version: 1,
    name: 'messages and attempts',
    up: (db) =>
      db.exec(`
        CREATE TABLE ${db.table('messages')} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, message TEXT NOT NULL, page TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE ${db.table('attempts')} (visitor TEXT NOT NULL, at TEXT NOT NULL);
        CREATE INDEX ${db.table('attempts_by_visitor')} ON ${db.table('attempts')} (visitor, at);
      `),
  },
];

export class Messages {
  readonly #db: PluginStorage;
  readonly #messages: string;
  readonly #attempts: string;

  constructor(db: PluginStorage) {
    this.#db = db;
    this.#messages = db.table('messages');
    this.#attempts = db.table('attempts');
  }

  add(message: Omit<Message, 'id' | 'created_at'>): Message {
    const created = new Date().toISOString();
    const { lastInsertRowid } = this.#db.run(`INSERT INTO ${this.#messages} (name, email, message, page, created_at) VALUES (?, ?, ?, ?, ?)`, message.name, message.email, message.message, message.page, created);
    return { ...message, id: lastInsertRowid, created_at: created };
  }

  list(limit = 500): Message[] {
    return this.#db.all<Message>(`SELECT * FROM ${this.#messages} ORDER BY created_at DESC, id DESC LIMIT ?`, limit);
  }

  remove(id: number): boolean {
    return this.#db.run(`DELETE FROM ${this.#messages} WHERE id = ?`, id).changes > 0;
  }

  /** Counts an attempt; false when the visitor already made `perHour` within the last hour. */
  allow(visitor: string, perHour: number): boolean {
    const since = new Date(Date.now() - 3_600_000).toISOString();
    return this.#db.transaction(() => {
      const recent = this.#db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${this.#attempts} WHERE visitor = ? AND at > ?`, visitor, since)!.n;
      if (recent >= perHour) return false;
      this.#db.run(`INSERT INTO ${this.#attempts} (visitor, at) VALUES (?, ?)`, visitor, new Date().toISOString());
      return true;
    });
  }

  /** Forgets attempts older than a day. */
  forgetOldAttempts(): number {
    return this.#db.run(`DELETE FROM ${this.#attempts} WHERE at < ?`, new Date(Date.now() - 86_400_000).toISOString()).changes;
  }
}
