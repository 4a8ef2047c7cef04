// A plugin's storage: its own tables in the site's database, and nothing else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../core/content/index.ts';
import fc from 'fast-check';
import { ScopedStorage, ownsName, storagePrefix } from '../../core/plugins/index.ts';
import { isGuildError } from '../../core/errors.ts';

describe('plugin storage', () => {
  let db: SqliteDatabase;
  let storage: ScopedStorage;

  beforeEach(() => {
    db = openDatabase(':memory:');
    db.exec("CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO posts (title) VALUES ('secret')");
    db.exec('CREATE TABLE acme__other__notes (id INTEGER PRIMARY KEY)');
    storage = new ScopedStorage(db, 'acme.contact-form');
  });
  afterEach(() => db.close());

  it('names tables with a prefix no other plugin id can produce', () => {
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

  it('moves a plugin’s tables from the prefix it used to share to its own, once', () => {
    db.exec("CREATE TABLE a__b__c__notes (id INTEGER PRIMARY KEY); INSERT INTO a__b__c__notes (id) VALUES (7)");
    new ScopedStorage(db, 'x.y').migrate([{ version: 1, name: 'creates guild_migrations', up: () => {} }]);
    db.exec("INSERT INTO guild_migrations (namespace, version, name, applied_at) VALUES ('a--b.c', 1, 'notes', 'then')");
    const moved = new ScopedStorage(db, 'a--b.c');
    expect(moved.migrate([{ version: 1, name: 'notes', up: () => {} }])).toEqual([]);
    expect(moved.all(`SELECT id FROM ${moved.table('notes')}`)).toEqual([{ id: 7 }]);
    expect(() => new ScopedStorage(db, 'a.b--c').all('SELECT id FROM a__b__c__notes')).toThrow(/may not run that statement/);
  });

  it('creates, changes and reads its own tables through versioned migrations, once', () => {
    const migrations = [
      { version: 1, name: 'submissions', up: (s: ScopedStorage) => s.exec(`CREATE TABLE ${s.table('submissions')} (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT); CREATE INDEX ${s.table('submissions_name')} ON ${s.table('submissions')} (name)`) },
      { version: 2, name: 'email', up: (s: ScopedStorage) => s.exec(`ALTER TABLE ${s.table('submissions')} ADD COLUMN email TEXT`) },
    ];
    expect(storage.migrate(migrations)).toEqual([1, 2]);
    expect(storage.migrate(migrations)).toEqual([]);
    const table = storage.table('submissions');
    expect(storage.run(`INSERT INTO ${table} (name, email) VALUES (?, ?)`, 'Ada', 'ada@example.com')).toEqual({ changes: 1, lastInsertRowid: 1 });
    expect(storage.all(`SELECT name, email FROM ${table} WHERE name = @name`, { name: 'Ada' })).toEqual([{ name: 'Ada', email: 'ada@example.com' }]);
    expect(storage.transaction(() => storage.run(`DELETE FROM ${table}`).changes)).toBe(1);
    expect(db.prepare("SELECT version FROM guild_migrations WHERE namespace = 'acme.contact-form'").pluck().all()).toEqual([1, 2]);
  });

  it.each([
    ['SELECT * FROM posts', 'reaches the table "posts"'],
    ['SELECT title FROM acme__contact_form__x JOIN posts', 'no such table'],
    ['DELETE FROM posts', 'reaches the table "posts"'],
    ['SELECT * FROM acme__other__notes', 'reaches the table "acme__other__notes"'],
    ['SELECT * FROM sqlite_master', 'reaches the table'],
    ['CREATE TABLE posts2 (x)', '"posts2" is not one of the plugin\'s tables'],
    ['CREATE TABLE acme__contact_form__copy AS SELECT * FROM posts', 'reaches the table "posts"'],
    ['CREATE INDEX acme__contact_form__i ON posts (title)', '"posts" is not one of the plugin\'s tables'],
    ['DROP TABLE posts', '"posts" is not one of the plugin\'s tables'],
    ['ALTER TABLE posts RENAME TO acme__contact_form__posts', '"posts" is not one of the plugin\'s tables'],
    ['CREATE TRIGGER acme__contact_form__t AFTER INSERT ON posts BEGIN DELETE FROM posts; END', 'triggers are not allowed'],
    ['CREATE TEMP TABLE acme__contact_form__t (x)', 'temporary tables'],
    ['ATTACH DATABASE \'/tmp/x.db\' AS x', 'ATTACH is not allowed'],
    ['PRAGMA table_info(posts)', 'PRAGMA is not allowed'],
    ['SELECT * FROM main.posts', 'reaches the table "posts"'],
  ])('refuses %s', (sql, reason) => {
    const attempt = () => storage.all(sql);
    expect(attempt).toThrow(reason);
    try {
      attempt();
    } catch (error) {
      expect(isGuildError(error, 'GUILD_ERR_PLUGIN_STORAGE')).toBe(true);
    }
  });

  it('checks every statement of a script, not only the first', () => {
    expect(() => storage.exec(`CREATE TABLE ${storage.table('a')} (x); DELETE FROM posts`)).toThrow('reaches the table "posts"');
    expect(db.prepare('SELECT COUNT(*) FROM posts').pluck().get()).toBe(1);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'acme__contact_form__a'").pluck().get()).toBe(0);
  });
});
