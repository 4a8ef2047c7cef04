/** The host database's account tables (namespace "auth"). Never edit a released migration; add one. */
import type { Migration } from '../content/index.ts';

export const authMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, site memberships, sessions and one-time links',
    up(db) {
      db.exec(`
        -- One account per person, whatever number of sites they work on.
        CREATE TABLE accounts (
          id INTEGER PRIMARY KEY,
          email TEXT NOT NULL UNIQUE COLLATE NOCASE,
          name TEXT NOT NULL,
          password_hash TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );

        -- Which sites an account may log in to, with which role, writing as which author.
        CREATE TABLE memberships (
          site TEXT NOT NULL,
          account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
          role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'author')),
          author_slug TEXT NOT NULL,
          created_at TEXT NOT NULL,
          PRIMARY KEY (site, account_id)
        );
        CREATE INDEX memberships_by_account ON memberships (account_id);

        -- A session belongs to one site: its cookie is refused on every other site.
        CREATE TABLE sessions (
          token_hash TEXT PRIMARY KEY,
          account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
          site TEXT NOT NULL,
          csrf_token TEXT NOT NULL,
          created_at TEXT NOT NULL,
          last_seen_at TEXT NOT NULL,
          expires_at TEXT NOT NULL
        );
        CREATE INDEX sessions_by_account ON sessions (account_id, site);

        -- Invitations and password resets; only a hash of the link's token is kept.
        CREATE TABLE one_time_tokens (
          id INTEGER PRIMARY KEY,
          token_hash TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('invitation', 'password-reset')),
          site TEXT NOT NULL,
          email TEXT NOT NULL COLLATE NOCASE,
          role TEXT CHECK (role IN ('owner', 'editor', 'author')),
          invited_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          used_at TEXT
        );
        CREATE INDEX one_time_tokens_by_site ON one_time_tokens (site, kind);
      `);
    },
  },
  {
    version: 2,
    name: 'one-time login links for owners who have no password yet',
    up(db) {
      // SQLite cannot change a CHECK constraint in place: the table is rebuilt with "login" allowed.
      db.exec(`
        CREATE TABLE one_time_tokens_new (
          id INTEGER PRIMARY KEY,
          token_hash TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('invitation', 'password-reset', 'login')),
          site TEXT NOT NULL,
          email TEXT NOT NULL COLLATE NOCASE,
          role TEXT CHECK (role IN ('owner', 'editor', 'author')),
          invited_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          used_at TEXT
        );
        INSERT INTO one_time_tokens_new SELECT id, token_hash, kind, site, email, role, invited_by, created_at, expires_at, used_at FROM one_time_tokens;
        DROP TABLE one_time_tokens;
        ALTER TABLE one_time_tokens_new RENAME TO one_time_tokens;
        CREATE INDEX one_time_tokens_by_site ON one_time_tokens (site, kind);
      `);
    },
  },
];
