// A plugin's storage: its own tables in the site's database, and nothing else, on both engines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../core/content/index.ts';
import fc from 'fast-check';
import { ScopedStorage, ownsName, storagePrefix, type CheckedStorage } from '../../core/plugins/index.ts';
import { isGuildError } from '../../core/errors.ts';
import { describeEachStore } from '../support/stores.ts';
import { storageEngines, type StorageSite } from '../support/plugin-storage.ts';

describe('plugin storage names', () => {
  it('names tables with a prefix no other plugin id can produce', () => {
    const storage = new ScopedStorage(openDatabase(':memory:'), 'acme.contact-form');
    expect(storage.table('submissions')).toBe('acme__contact_form__submissions');
    expect(storagePrefix('acme.contact')).not.toBe(storagePrefix('acme-contact.x'));
    // Regression, issue 11: these two shared "a__b__c__", and so each other's tables.
    expect(storagePrefix('a--b.c')).not.toBe(storagePrefix('a.b--c'));
    expect(() => storage.table('Bad Name')).toThrow(/must start with a letter/);
  });

  it('gives every plugin id a prefix of its own, so no plugin owns another’s table names', () => {
    const part = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,5}$/);
    const id = fc.tuple(part, part).map(([vendor, name]) => `${vendor}.${name}`);
    fc.assert(
      fc.property(id, id, fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), (a, b, table) => {
        const [pa, pb] = [storagePrefix(a), storagePrefix(b)];
        return a === b || (pa !== pb && !ownsName(pb, `${pa}${table}`) && !ownsName(pa, `${pb}${table}`));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('plugin storage moving legacy tables (sqlite)', () => {
  let db: SqliteDatabase;
  beforeEach(() => (db = openDatabase(':memory:')));
  afterEach(() => db.close());

  it('moves a plugin’s tables from the prefix it used to share to its own, once', () => {
    db.exec("CREATE TABLE a__b__c__notes (id INTEGER PRIMARY KEY); INSERT INTO a__b__c__notes (id) VALUES (7)");
    new ScopedStorage(db, 'x.y').migrate([{ version: 1, name: 'creates guild_migrations', up: () => {} }]);
    db.exec("INSERT INTO guild_migrations (namespace, version, name, applied_at) VALUES ('a--b.c', 1, 'notes', 'then')");
    const moved = new ScopedStorage(db, 'a--b.c');
    expect(moved.migrate([{ version: 1, name: 'notes', up: () => {} }])).toEqual([]);
    expect(moved.all(`SELECT id FROM ${moved.table('notes')}`)).toEqual([{ id: 7 }]);
    expect(() => new ScopedStorage(db, 'a.b--c').all('SELECT id FROM a__b__c__notes')).toThrow(/may not run that statement/);
  });
});

describeEachStore('plugin storage', (store) => {
  const engine = storageEngines.find((candidate) => candidate.name === store.name)!;
  let site: StorageSite;
  let storage: CheckedStorage;

  beforeEach(async () => {
    site = await engine.open();
    storage = site.storage('acme.contact-form');
  });
  afterEach(() => site.close());

  it('creates, changes and reads its own tables through versioned migrations, once', () => {
    const migrations = [
      { version: 1, name: 'submissions', up: (s: CheckedStorage) => s.exec(`CREATE TABLE ${s.table('submissions')} (id INTEGER PRIMARY KEY, name TEXT); CREATE INDEX ${s.table('submissions_name')} ON ${s.table('submissions')} (name)`) },
      { version: 2, name: 'email', up: (s: CheckedStorage) => s.exec(`ALTER TABLE ${s.table('submissions')} ADD COLUMN email TEXT`) },
    ];
    expect(storage.migrate(migrations)).toEqual([1, 2]);
    expect(storage.migrate(migrations)).toEqual([]);
    const table = storage.table('submissions');
    expect(storage.run(`INSERT INTO ${table} (name, email) VALUES (?, ?)`, 'Ada', 'ada@example.com')).toEqual({ changes: 1, lastInsertRowid: 1 });
    expect(storage.run(`INSERT INTO ${table} (name) VALUES (?)`, 'Grace').lastInsertRowid).toBe(2);
    expect(storage.all(`SELECT name, email FROM ${table} WHERE name = @name`, { name: 'Ada' })).toEqual([{ name: 'Ada', email: 'ada@example.com' }]);
    expect(storage.get(`SELECT COUNT(*) AS n FROM ${table}`)).toEqual({ n: 2 });
    expect(storage.transaction(() => storage.run(`DELETE FROM ${table}`).changes)).toBe(2);
    expect(site.query("SELECT version FROM guild_migrations WHERE namespace = 'acme.contact-form' ORDER BY version").map((row) => row.version)).toEqual([1, 2]);
  });

  it('answers values as SQLite does: 64-bit integers, doubles, bytes, LIKE ignoring case, text by code point', () => {
    const table = storage.table('values');
    storage.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, big INTEGER, ratio REAL, data BLOB, word TEXT)`);
    storage.run(`INSERT INTO ${table} (big, ratio, data, word) VALUES (?, ?, ?, ?)`, 1_765_000_000_000, 0.1 + 0.2, Buffer.from([0, 1, 255]), 'apple');
    storage.run(`INSERT INTO ${table} (big, ratio, data, word) VALUES (?, ?, ?, ?)`, 2, 1.5, null, 'Zebra');
    expect(storage.get(`SELECT big, ratio, data FROM ${table} WHERE id = 1`)).toEqual({ big: 1_765_000_000_000, ratio: 0.1 + 0.2, data: Buffer.from([0, 1, 255]) });
    expect(storage.all(`SELECT word FROM ${table} WHERE word LIKE ?`, 'APP%')).toEqual([{ word: 'apple' }]);
    expect(storage.all<{ word: string }>(`SELECT word FROM ${table} ORDER BY word`).map((row) => row.word)).toEqual(['Zebra', 'apple']);
    expect(storage.get(`SELECT SUM(big) AS total, AVG(ratio) AS mean FROM ${table} WHERE id = 2`)).toEqual({ total: 2, mean: 1.5 });
  });

  it('undoes a transaction that throws, and a nested one alone', () => {
    const table = storage.table('notes');
    storage.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, text TEXT NOT NULL)`);
    expect(() => storage.transaction(() => {
      storage.run(`INSERT INTO ${table} (text) VALUES (?)`, 'kept?');
      throw new Error('no');
    })).toThrow('no');
    storage.transaction(() => {
      storage.run(`INSERT INTO ${table} (text) VALUES (?)`, 'outer');
      expect(() => storage.transaction(() => storage.run(`INSERT INTO ${table} (text) VALUES (?)`, null))).toThrow();
    });
    expect(storage.all(`SELECT text FROM ${table}`)).toEqual([{ text: 'outer' }]);
  });

  it('keeps "a--b.c" and "a.b--c" apart (issue 11)', () => {
    const [first, second] = [site.storage('a--b.c'), site.storage('a.b--c')];
    for (const storage of [first, second]) storage.exec(`CREATE TABLE ${storage.table('notes')} (id INTEGER PRIMARY KEY, text TEXT)`);
    first.run(`INSERT INTO ${first.table('notes')} (text) VALUES (?)`, 'mine');
    expect(second.all(`SELECT text FROM ${second.table('notes')}`)).toEqual([]);
    expect(() => second.all(`SELECT text FROM ${first.table('notes')}`)).toThrow(/may not run that statement/);
  });

  it('drops its tables and forgets its migrations on uninstall, leaving others’ alone', () => {
    storage.migrate([{ version: 1, name: 'notes', up: (s) => s.exec(`CREATE TABLE ${s.table('notes')} (id INTEGER PRIMARY KEY)`) }]);
    expect(storage.removeAll()).toEqual(['acme__contact_form__notes']);
    expect(site.query("SELECT COUNT(*) AS n FROM guild_migrations WHERE namespace = 'acme.contact-form'")).toEqual([{ n: 0 }]);
    expect(site.query('SELECT COUNT(*) AS n FROM acme__other__notes')).toEqual([{ n: 0 }]);
  });

  it.each([
    ['SELECT * FROM posts', 'reaches the table "posts"'],
    ['DELETE FROM posts', 'reaches the table "posts"'],
    ['SELECT * FROM acme__other__notes', 'reaches the table "acme__other__notes"'],
    ['SELECT id FROM acme__contact_form__x WHERE id IN (SELECT id FROM posts)', /no such table|does not exist/],
    ['CREATE TABLE posts2 (x TEXT)', '"posts2" is not one of the plugin\'s tables'],
    ['CREATE TABLE acme__contact_form__copy AS SELECT * FROM posts', 'reaches the table "posts"'],
    ['CREATE VIEW acme__contact_form__peek AS SELECT title FROM posts', 'reaches the table "posts"'],
    ['CREATE TABLE acme__contact_form__fk (post INTEGER REFERENCES posts (id))', '"posts" is not one of the plugin\'s tables'],
    ['CREATE INDEX acme__contact_form__i ON posts (title)', '"posts" is not one of the plugin\'s tables'],
    ['DROP TABLE posts', '"posts" is not one of the plugin\'s tables'],
    ['ALTER TABLE posts RENAME TO acme__contact_form__posts', '"posts" is not one of the plugin\'s tables'],
    ['CREATE TRIGGER acme__contact_form__t AFTER INSERT ON posts BEGIN DELETE FROM posts; END', 'triggers are not allowed'],
    ['CREATE TEMP TABLE acme__contact_form__t (x TEXT)', 'temporary tables'],
    ["ATTACH DATABASE '/tmp/x.db' AS x", 'ATTACH is not allowed'],
    ['PRAGMA table_info(posts)', 'PRAGMA is not allowed'],
    ['SET search_path TO public', 'SET is not allowed'],
    ['SELECT * FROM main.posts', /reaches the table "posts"|does not exist/],
    ['SELECT * FROM sqlite_master', /reaches the table|does not exist/],
    ['SELECT * FROM pg_catalog.pg_tables', /reaches the table|no such table/],
  ])('refuses %s', (sql, reason) => {
    const attempt = () => storage.all(sql);
    expect(attempt).toThrow(reason);
    expect(site.query('SELECT COUNT(*) AS n FROM posts')).toEqual([{ n: 1 }]);
    try {
      attempt();
    } catch (error) {
      expect(isGuildError(error, 'GUILD_ERR_PLUGIN_STORAGE')).toBe(true);
    }
  });

  it('stops a statement that runs past the limit, undoes its writes, and goes on', () => {
    const limited = site.storage('acme.contact-form', { statementMs: 50, migrationMs: 5000 });
    const table = limited.table('numbers');
    limited.exec(`CREATE TABLE ${table} (n INTEGER)`);
    limited.run(`INSERT INTO ${table} (n) VALUES (1)`);
    // Bounded (minutes unstopped), so that a limit that failed fails the test instead of hanging it.
    const runaway = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT x FROM c';
    const attempts = [() => limited.get(`SELECT count(*) AS n FROM (${runaway}) AS c`), () => limited.run(`INSERT INTO ${table} (n) ${runaway}`)];
    for (const attempt of attempts) {
      expect(attempt).toThrow('a statement ran past its 50 ms and was stopped');
      try {
        attempt();
      } catch (error) {
        expect(isGuildError(error, 'GUILD_ERR_PLUGIN_STORAGE')).toBe(true);
      }
    }
    expect(limited.all(`SELECT n FROM ${table}`)).toEqual([{ n: 1 }]);
    expect(site.query('SELECT COUNT(*) AS n FROM posts')).toEqual([{ n: 1 }]);
    // Nor can the plugin lift its own limit: the SQL function that arms it is not one it may call.
    for (const name of ['guild_statement_budget', 'GUILD_STATEMENT_BUDGET', '"guild_statement_budget"']) {
      expect(() => limited.get(`SELECT count(*) AS n FROM (SELECT ${name}(0) AS lifted) AS l, (${runaway}) AS c`)).toThrow(/only one of Guild's database engines accepts/);
    }
  });

  it('gives a migration the longer limit of a setup', () => {
    const limited = site.storage('acme.contact-form', { statementMs: 50, migrationMs: 60_000 });
    const table = limited.table('numbers');
    // Far more than 50 ms here (most of a second), far less than a minute anywhere.
    const fill = `INSERT INTO ${table} (n) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT x FROM c`;
    limited.migrate([{ version: 1, name: 'numbers', up: (s) => s.exec(`CREATE TABLE ${table} (n INTEGER); ${fill}`) }]);
    expect(site.query(`SELECT COUNT(*) AS n FROM ${table}`)).toEqual([{ n: 3_000_000 }]);
    expect(() => limited.run(fill)).toThrow('a statement ran past its 50 ms and was stopped');
  });

  it('cannot point a view it has read from at the site’s tables', () => {
    const [own, view] = [storage.table('own'), storage.table('peek')];
    storage.exec(`CREATE TABLE ${own} (id INTEGER PRIMARY KEY, title TEXT)`);
    storage.run(`INSERT INTO ${own} (title) VALUES (?)`, 'mine');
    storage.exec(`CREATE VIEW ${view} AS SELECT id, title FROM ${own}`);
    const read = `SELECT title FROM ${view}`;
    expect(storage.all(read)).toEqual([{ title: 'mine' }]);
    // The read above is checked and kept; the view under it must not come to mean the site's posts.
    storage.exec(`DROP VIEW ${view}`);
    expect(() => storage.exec(`CREATE VIEW ${view} AS SELECT id, title FROM posts`)).toThrow('reaches the table "posts"');
    expect(() => storage.all(read)).toThrow(/no such table|does not exist/);
    storage.exec(`CREATE VIEW ${view} AS SELECT id, title || '!' AS title FROM ${own}`);
    expect(storage.all(read)).toEqual([{ title: 'mine!' }]);
  });

  it.each([
    ['INSERT OR REPLACE INTO acme__contact_form__t (id) VALUES (1)', 'INSERT OR REPLACE: only SQLite accepts it. Instead: INSERT … ON CONFLICT'],
    ['CREATE TABLE acme__contact_form__t (id INTEGER PRIMARY KEY AUTOINCREMENT)', 'AUTOINCREMENT: only SQLite accepts it. Instead: INTEGER PRIMARY KEY'],
    ['CREATE TABLE acme__contact_form__t (id SERIAL PRIMARY KEY)', 'SERIAL: the engines store it differently or only one has it. Instead: INTEGER PRIMARY KEY'],
    ["SELECT datetime('now') AS now", "datetime(): only SQLite accepts it. Instead: pass times from the plugin as ISO text"],
    ['SELECT now() AS at', 'now(): only PostgreSQL accepts it'],
    ["SELECT query_to_xml('select * from posts', true, true, '') AS x", 'query_to_xml(): it is not one of the functions both engines have alike'],
    ["SELECT 1 AS x WHERE 'a' ILIKE 'A'", 'ILIKE: only PostgreSQL accepts it. Instead: LIKE'],
    ['SELECT CAST(1 AS TEXT)::integer AS x', '::: only PostgreSQL accepts it. Instead: CAST(x AS type)'],
    ['SELECT `id` FROM acme__contact_form__t', '`id`: only SQLite accepts it. Instead: "id"'],
    ['SELECT id FROM acme__contact_form__t LIMIT 1, 2', 'LIMIT offset, count: only SQLite accepts it. Instead: LIMIT count OFFSET offset'],
    ['SELECT COUNT(*) AS visitCount FROM acme__contact_form__t', 'AS visitCount: PostgreSQL answers an unquoted name in lowercase'],
  ])('refuses SQL only one engine accepts: %s', (sql, message) => {
    expect(() => storage.all(sql)).toThrow(message);
    try {
      storage.all(sql);
    } catch (error) {
      expect(isGuildError(error, 'GUILD_ERR_PLUGIN_SQL_UNPORTABLE')).toBe(true);
    }
  });

  it('reads quotes and comments as SQL does, refusing nothing inside them', () => {
    storage.exec(`CREATE TABLE ${storage.table('t')} (id INTEGER PRIMARY KEY, text TEXT) -- AUTOINCREMENT in a comment`);
    storage.run(`INSERT INTO ${storage.table('t')} (text) VALUES ('INSERT OR REPLACE, datetime(''now''), x::int')`);
    expect(storage.get(`SELECT text FROM ${storage.table('t')} /* ILIKE */`)).toEqual({ text: "INSERT OR REPLACE, datetime('now'), x::int" });
  });

  it('checks every statement of a script, not only the first', () => {
    expect(() => storage.exec(`CREATE TABLE ${storage.table('a')} (x TEXT); DELETE FROM posts`)).toThrow('reaches the table "posts"');
    expect(site.query('SELECT COUNT(*) AS n FROM posts')).toEqual([{ n: 1 }]);
    expect(() => storage.all(`SELECT x FROM ${storage.table('a')}`)).toThrow(/no such table|does not exist/);
  });
});
