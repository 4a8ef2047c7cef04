/**
 * The directory's tables. The database is the source of truth: an archive on disk that no
 * version row names is a leftover, never a published package. Amounts are integers in minor
 * units (cents); times are ISO 8601 text.
 */
import type { Migration } from '../../content/index.ts';

export const directoryMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'people, packages, sites, sales',
    up: (db) =>
      db.exec(`
        CREATE TABLE people (
          handle TEXT PRIMARY KEY,
          name TEXT,
          bio TEXT,
          url TEXT,
          created_at TEXT NOT NULL
        );
        CREATE TABLE keys (
          public_key TEXT PRIMARY KEY,
          handle TEXT NOT NULL REFERENCES people(handle),
          created_at TEXT NOT NULL
        );
        CREATE INDEX keys_by_handle ON keys(handle);
        CREATE TABLE nonces (
          handle TEXT NOT NULL,
          nonce TEXT NOT NULL,
          seen_at INTEGER NOT NULL,
          PRIMARY KEY (handle, nonce)
        );
        CREATE TABLE packages (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('plugin', 'theme')),
          owner TEXT NOT NULL REFERENCES people(handle),
          created_at TEXT NOT NULL
        );
        CREATE INDEX packages_by_owner ON packages(owner);
        CREATE TABLE versions (
          package_id TEXT NOT NULL REFERENCES packages(id),
          version TEXT NOT NULL,
          name TEXT NOT NULL,
          description TEXT NOT NULL DEFAULT '',
          manifest TEXT NOT NULL,
          readme TEXT NOT NULL DEFAULT '',
          screenshots TEXT NOT NULL DEFAULT '[]',
          capabilities TEXT NOT NULL DEFAULT '[]',
          engine TEXT NOT NULL,
          licence TEXT NOT NULL DEFAULT '',
          price_amount INTEGER NOT NULL DEFAULT 0,
          price_currency TEXT,
          licence_months INTEGER,
          licence_terms TEXT,
          archive TEXT NOT NULL,
          size INTEGER NOT NULL,
          integrity TEXT NOT NULL,
          signature TEXT NOT NULL,
          signed_with TEXT NOT NULL REFERENCES keys(public_key),
          published_by TEXT NOT NULL REFERENCES people(handle),
          published_at TEXT NOT NULL,
          yanked_at TEXT,
          yank_reason TEXT,
          PRIMARY KEY (package_id, version)
        );
        CREATE TABLE sites (
          domain TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          built_by TEXT NOT NULL REFERENCES people(handle),
          registered_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX sites_by_builder ON sites(built_by);
        CREATE TABLE site_packages (
          domain TEXT NOT NULL REFERENCES sites(domain) ON DELETE CASCADE,
          package_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('plugin', 'theme')),
          version TEXT,
          PRIMARY KEY (domain, package_id)
        );
        CREATE INDEX site_packages_by_package ON site_packages(package_id);
        CREATE TABLE orders (
          id TEXT PRIMARY KEY,
          package_id TEXT NOT NULL REFERENCES packages(id),
          version TEXT NOT NULL,
          buyer TEXT NOT NULL REFERENCES people(handle),
          seats INTEGER NOT NULL CHECK (seats > 0),
          sites TEXT NOT NULL DEFAULT '[]',
          unit_amount INTEGER NOT NULL CHECK (unit_amount >= 0),
          amount INTEGER NOT NULL CHECK (amount >= 0),
          currency TEXT NOT NULL,
          provider TEXT NOT NULL,
          reference TEXT NOT NULL,
          instructions TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL CHECK (status IN ('pending', 'paid')),
          created_at TEXT NOT NULL,
          paid_at TEXT
        );
        CREATE INDEX orders_by_buyer ON orders(buyer, package_id);
        CREATE TABLE licences (
          id TEXT PRIMARY KEY,
          order_id TEXT NOT NULL UNIQUE REFERENCES orders(id),
          package_id TEXT NOT NULL,
          buyer TEXT NOT NULL,
          sites TEXT NOT NULL,
          seats INTEGER NOT NULL,
          issued_at TEXT NOT NULL,
          expires_at TEXT,
          token TEXT NOT NULL
        );
        CREATE TABLE ledger (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('sale', 'payout')),
          order_id TEXT REFERENCES orders(id),
          handle TEXT NOT NULL,
          currency TEXT NOT NULL,
          gross INTEGER NOT NULL,
          fee INTEGER NOT NULL,
          author_share INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          CHECK (kind <> 'sale' OR gross = fee + author_share)
        );
        CREATE INDEX ledger_by_handle ON ledger(handle, currency);
      `),
  },
  {
    version: 2,
    name: 'invitations to claim a handle',
    up: (db) =>
      db.exec(`
        CREATE TABLE invitations (
          code_hash TEXT PRIMARY KEY,
          handle TEXT NOT NULL,
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          used_at TEXT
        );
      `),
  },
];
