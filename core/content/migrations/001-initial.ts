import type { Migration } from '../database.ts';

export const initial: Migration = {
  version: 1,
  name: 'posts, pages, tags, authors, navigation and settings',
  up(db) {
    db.exec(`
      CREATE TABLE authors (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        bio TEXT NOT NULL DEFAULT '',
        profile_image TEXT,
        website TEXT,
        created_at TEXT NOT NULL
      );

      CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );

      -- Posts and pages share one table because they share the URL space /<slug>/.
      CREATE TABLE posts (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('post', 'page')),
        slug TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        html TEXT NOT NULL DEFAULT '',
        custom_excerpt TEXT,
        feature_image TEXT,
        featured INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'scheduled')),
        published_at TEXT,
        template TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX posts_listing ON posts (type, status, published_at DESC, id DESC);

      CREATE TABLE post_tags (
        post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        PRIMARY KEY (post_id, tag_id)
      );
      CREATE INDEX post_tags_by_tag ON post_tags (tag_id, post_id);

      CREATE TABLE post_authors (
        post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL,
        PRIMARY KEY (post_id, author_id)
      );
      CREATE INDEX post_authors_by_author ON post_authors (author_id, post_id);

      CREATE TABLE navigation (
        id INTEGER PRIMARY KEY,
        menu TEXT NOT NULL,
        label TEXT NOT NULL,
        url TEXT NOT NULL,
        sort_order INTEGER NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
