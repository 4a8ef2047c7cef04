/**
 * Tables and columns added after the first release, each in a namespace of its own so that
 * features merged in any order migrate independently of each other and of "content".
 */
import type { Migration } from '../database.ts';

const hierarchy: Migration = {
  version: 1,
  name: 'parent pages and menu order',
  up(db) {
    db.exec(`
      ALTER TABLE posts ADD COLUMN parent_id INTEGER REFERENCES posts (id) ON DELETE SET NULL;
      ALTER TABLE posts ADD COLUMN menu_order INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX posts_children ON posts (parent_id, menu_order);
    `);
  },
};

const comments: Migration = {
  version: 1,
  name: 'comments on posts and pages',
  up(db) {
    db.exec(`
      CREATE TABLE comments (
        id INTEGER PRIMARY KEY,
        post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES comments (id) ON DELETE SET NULL,
        author_name TEXT NOT NULL,
        author_email TEXT,
        author_url TEXT,
        html TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'spam', 'trash')),
        created_at TEXT NOT NULL
      );
      CREATE INDEX comments_of_post ON comments (post_id, status, created_at);
    `);
  },
};

const postMeta: Migration = {
  version: 1,
  name: 'custom fields of posts and pages',
  up(db) {
    db.exec(`
      CREATE TABLE post_meta (
        post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (post_id, key)
      );
    `);
  },
};

const origins: Migration = {
  version: 1,
  name: 'where imported content came from',
  up(db) {
    db.exec(`
      CREATE TABLE origins (
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        original_id TEXT NOT NULL,
        local_id INTEGER,
        data TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (source, kind, original_id)
      );
      CREATE INDEX origins_by_local ON origins (kind, local_id);
    `);
  },
};

const postPassword: Migration = {
  version: 1,
  name: 'password-protected posts and pages',
  up(db) {
    db.exec('ALTER TABLE posts ADD COLUMN password TEXT');
  },
};

const revisions: Migration = {
  version: 1,
  name: 'post revisions',
  up(db) {
    db.exec(`
      CREATE TABLE post_revisions (
        id INTEGER PRIMARY KEY,
        post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        html TEXT NOT NULL,
        custom_excerpt TEXT,
        feature_image TEXT,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        account_id INTEGER,
        account_name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX post_revisions_by_post ON post_revisions (post_id, id DESC);
    `);
  },
};

const switchOffs: Migration = {
  version: 1,
  name: 'plugins switched off on this site',
  up: (db) => db.exec('CREATE TABLE plugin_switch_offs (plugin TEXT PRIMARY KEY, reason TEXT NOT NULL, since TEXT NOT NULL)'),
};

const installs: Migration = {
  version: 1,
  name: 'plugins installed on this site',
  up: (db) => db.exec('CREATE TABLE plugin_installs (plugin TEXT PRIMARY KEY, version TEXT NOT NULL, installed_at TEXT NOT NULL, updated_at TEXT NOT NULL)'),
};

const entries: Migration = {
  version: 1,
  name: 'entries of plugin content types',
  up(db) {
    db.exec(`
      CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        plugin TEXT NOT NULL,
        type TEXT NOT NULL,
        slug TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
        fields TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (type, slug)
      )
    `);
  },
};

const media: Migration = {
  version: 1,
  name: 'media library',
  up(db) {
    db.exec(`
      CREATE TABLE media (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        original_name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        alt TEXT NOT NULL DEFAULT '',
        variants TEXT NOT NULL DEFAULT '{}',
        uploaded_by TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX media_by_date ON media (created_at DESC, id DESC);
    `);
  },
};

export const namespacedMigrations: ReadonlyArray<readonly [namespace: string, migrations: readonly Migration[]]> = [
  ['hierarchy', [hierarchy]],
  ['comments', [comments]],
  ['post-meta', [postMeta]],
  ['origins', [origins]],
  ['post-password', [postPassword]],
  // These were made by their modules on first use until the site's state could live in PostgreSQL:
  // same namespaces and versions, so sites that have them skip them.
  ['revisions', [revisions]],
  ['site', [switchOffs]],
  ['plugin-installs', [installs]],
  ['entries', [entries]],
  ['media', [media]],
];
