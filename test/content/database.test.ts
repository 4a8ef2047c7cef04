import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../core/content/index.ts';

describe('a database shared by several processes (GUILD_WORKERS)', () => {
  const opened: SqliteDatabase[] = [];
  let dir = '';
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a transaction that reads before it writes when another connection writes meanwhile (no SQLITE_BUSY)', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'guild-db-'));
    const file = path.join(dir, 'site.db');
    const mine = openDatabase(file);
    const other = openDatabase(file);
    opened.push(mine, other);
    mine.exec('CREATE TABLE notes (body TEXT)');
    // The other connection gives up at once rather than waiting, so the test needs no timing.
    other.pragma('busy_timeout = 0');

    const counted = mine.transaction(() => {
      const before = mine.prepare('SELECT COUNT(*) FROM notes').pluck().get() as number;
      // Another process's write arriving between this transaction's read and its write: it waits for
      // this writer (here, fails at once) instead of making this transaction's write fail.
      expect(() => other.prepare("INSERT INTO notes VALUES ('theirs')").run()).toThrow(/SQLITE_BUSY|database is locked/);
      mine.prepare("INSERT INTO notes VALUES ('mine')").run();
      return before + 1;
    })();

    expect(counted).toBe(1);
    expect(other.prepare('SELECT body FROM notes').pluck().all()).toEqual(['mine']);
  });
});
