/**
 * The content store's SQL, each statement prepared on first use (see `lazyStatements`).
 */
import type { StatementMakers } from './database.ts';

// Two filters, not one with `@status = 'any' OR ...`: that OR keeps SQLite from using the listing
// index on status, so every list read and sorted all posts of a type instead of stopping at LIMIT.
const postFilter = (status: string) => `
  p.type = @type AND ${status}
  AND (@tag IS NULL OR EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND t.slug = @tag))
  AND (@author IS NULL OR EXISTS (SELECT 1 FROM post_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.post_id = p.id AND a.slug = @author))
  AND (@search IS NULL OR p.title LIKE @search ESCAPE '\\' OR p.html LIKE @search ESCAPE '\\'
    OR p.custom_excerpt LIKE @search ESCAPE '\\' OR p.feature_image LIKE @search ESCAPE '\\')`;
const ONE_STATUS = postFilter('p.status = @status');
const ANY_STATUS = postFilter('1');
const BY_PUBLISHED = 'ORDER BY p.published_at DESC, p.id DESC LIMIT @limit OFFSET @offset';
const BY_UPDATED = 'ORDER BY p.updated_at DESC, p.id DESC LIMIT @limit OFFSET @offset';

export const contentStatements = {
  countPosts: (db) => db.prepare(`SELECT COUNT(*) FROM posts p WHERE ${ONE_STATUS}`).pluck(),
  listPosts: (db) => db.prepare(`SELECT p.* FROM posts p WHERE ${ONE_STATUS} ${BY_PUBLISHED}`),
  listPostsByUpdate: (db) => db.prepare(`SELECT p.* FROM posts p WHERE ${ONE_STATUS} ${BY_UPDATED}`),
  countAnyPosts: (db) => db.prepare(`SELECT COUNT(*) FROM posts p WHERE ${ANY_STATUS}`).pluck(),
  listAnyPosts: (db) => db.prepare(`SELECT p.* FROM posts p WHERE ${ANY_STATUS} ${BY_PUBLISHED}`),
  listAnyPostsByUpdate: (db) => db.prepare(`SELECT p.* FROM posts p WHERE ${ANY_STATUS} ${BY_UPDATED}`),
  postBySlug: (db) => db.prepare('SELECT * FROM posts WHERE slug = ?'),
  postById: (db) => db.prepare('SELECT * FROM posts WHERE id = ?'),
  scheduled: (db) => db.prepare("SELECT id, published_at AS publishedAt FROM posts WHERE type IN ('post', 'page') AND status = 'scheduled' AND published_at IS NOT NULL"),
  insertPost: (db) => db.prepare(`INSERT INTO posts (type, slug, title, html, custom_excerpt, feature_image, featured, status, published_at, template,
      parent_id, menu_order, password, created_at, updated_at)
    VALUES (@type, @slug, @title, @html, @custom_excerpt, @feature_image, @featured, @status, @published_at, @template,
      @parent_id, @menu_order, @password, @now, @now)`),
  updatePost: (db) => db.prepare(`UPDATE posts SET slug = @slug, title = @title, html = @html, custom_excerpt = @custom_excerpt,
    feature_image = @feature_image, featured = @featured, status = @status, published_at = @published_at, template = @template,
    parent_id = @parent_id, menu_order = @menu_order, password = @password, updated_at = @now WHERE id = @id`),
  deletePost: (db) => db.prepare('DELETE FROM posts WHERE id = ?'),
  tagsOfPosts: (db) => db.prepare(`SELECT pt.post_id, t.id, t.slug, t.name, t.description FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
    WHERE pt.post_id IN (SELECT value FROM json_each(?)) ORDER BY pt.post_id, pt.sort_order`),
  // Each page's ancestors' slugs, nearest last, for its nested address; the depth bound stops a loop of parents.
  ancestorsOfPosts: (db) => db.prepare(`WITH RECURSIVE chain(post_id, ancestor_id, depth) AS (
      SELECT id, parent_id, 1 FROM posts WHERE id IN (SELECT value FROM json_each(?)) AND type = 'page' AND parent_id IS NOT NULL
      UNION ALL
      SELECT c.post_id, p.parent_id, c.depth + 1 FROM chain c JOIN posts p ON p.id = c.ancestor_id WHERE p.parent_id IS NOT NULL AND c.depth < 32)
    SELECT c.post_id, a.slug FROM chain c JOIN posts a ON a.id = c.ancestor_id ORDER BY c.post_id, c.depth DESC`),
  authorsOfPosts: (db) => db.prepare(`SELECT pa.post_id, a.* FROM post_authors pa JOIN authors a ON a.id = pa.author_id
    WHERE pa.post_id IN (SELECT value FROM json_each(?)) ORDER BY pa.post_id, pa.sort_order`),
  clearPostTags: (db) => db.prepare('DELETE FROM post_tags WHERE post_id = ?'),
  insertPostTag: (db) => db.prepare('INSERT INTO post_tags (post_id, tag_id, sort_order) VALUES (?, ?, ?)'),
  clearPostAuthors: (db) => db.prepare('DELETE FROM post_authors WHERE post_id = ?'),
  insertPostAuthor: (db) => db.prepare('INSERT INTO post_authors (post_id, author_id, sort_order) VALUES (?, ?, ?)'),
  listTags: (db) => db.prepare(`SELECT t.id, t.slug, t.name, t.description,
    (SELECT COUNT(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE pt.tag_id = t.id AND p.status = 'published') AS count
    FROM tags t ORDER BY t.name`),
  deleteTag: (db) => db.prepare('DELETE FROM tags WHERE id = ?'),
  tagBySlug: (db) => db.prepare('SELECT id, slug, name, description FROM tags WHERE slug = ?'),
  upsertTag: (db) => db.prepare(`INSERT INTO tags (slug, name, description, created_at) VALUES (@slug, @name, @description, @now)
    ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description`),
  listAuthors: (db) => db.prepare('SELECT * FROM authors ORDER BY id'),
  authorBySlug: (db) => db.prepare('SELECT * FROM authors WHERE slug = ?'),
  firstAuthorId: (db) => db.prepare('SELECT id FROM authors ORDER BY id LIMIT 1').pluck(),
  upsertAuthor: (db) => db.prepare(`INSERT INTO authors (slug, name, bio, profile_image, website, created_at)
    VALUES (@slug, @name, @bio, @profile_image, @website, @now)
    ON CONFLICT (slug) DO UPDATE SET name = excluded.name, bio = excluded.bio, profile_image = excluded.profile_image, website = excluded.website`),
  navigation: (db) => db.prepare('SELECT label, url FROM navigation WHERE menu = ? ORDER BY sort_order'),
  clearNavigation: (db) => db.prepare('DELETE FROM navigation WHERE menu = ?'),
  insertNavigation: (db) => db.prepare('INSERT INTO navigation (menu, label, url, sort_order) VALUES (?, ?, ?, ?)'),
  getSetting: (db) => db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
  setSetting: (db) => db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
} satisfies StatementMakers;
