/**
 * The PostgreSQL store's SQL, with `@name` parameters (see `positional`). It reads as the SQLite
 * store's (sqlite-statements.ts) but for PostgreSQL's dialect: typed NULL tests, ILIKE (SQLite's
 * LIKE ignores case), arrays instead of json_each, RETURNING instead of lastInsertRowid, and
 * tsvector search (search ranks with ts_rank, titles weighing ten times the text).
 */
import { MATCH_END, MATCH_START } from './search.ts';

const postFilter = (status: string) => `
  p.type = @type AND ${status}
  AND (@tag::text IS NULL OR EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND t.slug = @tag))
  AND (@author::text IS NULL OR EXISTS (SELECT 1 FROM post_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.post_id = p.id AND a.slug = @author))
  AND (@search::text IS NULL OR p.title ILIKE @search ESCAPE '\\' OR p.html ILIKE @search ESCAPE '\\'
    OR p.custom_excerpt ILIKE @search ESCAPE '\\' OR p.feature_image ILIKE @search ESCAPE '\\')`;
const ONE_STATUS = postFilter('p.status = @status');
const ANY_STATUS = postFilter('TRUE');
const BY_PUBLISHED = 'ORDER BY p.published_at DESC NULLS LAST, p.id DESC LIMIT @limit OFFSET @offset';
const BY_UPDATED = 'ORDER BY p.updated_at DESC, p.id DESC LIMIT @limit OFFSET @offset';
const POST_COLUMNS = `type, slug, title, html, custom_excerpt, feature_image, featured, status, published_at, template, parent_id, menu_order, password`;

/** Title weighs ten times the text: weights are given for D, C, B (text), A (title). */
const RANK_WEIGHTS = "'{0.1, 0.1, 0.1, 1.0}'";
const QUERY = "to_tsquery('simple', @query)";
/** ts_headline's options: a stretch of about 24 words, matched words between the marks the caller turns into <mark>. */
export const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=…`;

export const pgStatements = {
  countPosts: `SELECT COUNT(*) AS n FROM posts p WHERE ${ONE_STATUS}`,
  listPosts: `SELECT p.* FROM posts p WHERE ${ONE_STATUS} ${BY_PUBLISHED}`,
  listPostsByUpdate: `SELECT p.* FROM posts p WHERE ${ONE_STATUS} ${BY_UPDATED}`,
  countAnyPosts: `SELECT COUNT(*) AS n FROM posts p WHERE ${ANY_STATUS}`,
  listAnyPosts: `SELECT p.* FROM posts p WHERE ${ANY_STATUS} ${BY_PUBLISHED}`,
  listAnyPostsByUpdate: `SELECT p.* FROM posts p WHERE ${ANY_STATUS} ${BY_UPDATED}`,
  postBySlug: 'SELECT * FROM posts WHERE slug = @slug',
  postById: 'SELECT * FROM posts WHERE id = @id',
  scheduled: `SELECT id, published_at AS "publishedAt" FROM posts WHERE type IN ('post', 'page') AND status = 'scheduled' AND published_at IS NOT NULL`,
  insertPost: `INSERT INTO posts (${POST_COLUMNS}, created_at, updated_at)
    VALUES (@type, @slug, @title, @html, @custom_excerpt, @feature_image, @featured, @status, @published_at, @template,
      @parent_id, @menu_order, @password, @now, @now) RETURNING id`,
  updatePost: `UPDATE posts SET slug = @slug, title = @title, html = @html, custom_excerpt = @custom_excerpt,
    feature_image = @feature_image, featured = @featured, status = @status, published_at = @published_at, template = @template,
    parent_id = @parent_id, menu_order = @menu_order, password = @password, updated_at = @now WHERE id = @id`,
  deletePost: 'DELETE FROM posts WHERE id = @id',
  tagsOfPosts: `SELECT pt.post_id, t.id, t.slug, t.name, t.description FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
    WHERE pt.post_id = ANY(@ids::int[]) ORDER BY pt.post_id, pt.sort_order`,
  // Each page's ancestors' slugs, nearest last, for its nested address; the depth bound stops a loop of parents.
  ancestorsOfPosts: `WITH RECURSIVE chain(post_id, ancestor_id, depth) AS (
      SELECT id, parent_id, 1 FROM posts WHERE id = ANY(@ids::int[]) AND type = 'page' AND parent_id IS NOT NULL
      UNION ALL
      SELECT c.post_id, p.parent_id, c.depth + 1 FROM chain c JOIN posts p ON p.id = c.ancestor_id WHERE p.parent_id IS NOT NULL AND c.depth < 32)
    SELECT c.post_id, a.slug FROM chain c JOIN posts a ON a.id = c.ancestor_id ORDER BY c.post_id, c.depth DESC`,
  authorsOfPosts: `SELECT pa.post_id, a.* FROM post_authors pa JOIN authors a ON a.id = pa.author_id
    WHERE pa.post_id = ANY(@ids::int[]) ORDER BY pa.post_id, pa.sort_order`,
  clearPostTags: 'DELETE FROM post_tags WHERE post_id = @post',
  insertPostTag: 'INSERT INTO post_tags (post_id, tag_id, sort_order) VALUES (@post, @tag, @order)',
  clearPostAuthors: 'DELETE FROM post_authors WHERE post_id = @post',
  insertPostAuthor: 'INSERT INTO post_authors (post_id, author_id, sort_order) VALUES (@post, @author, @order)',
  listTags: `SELECT t.id, t.slug, t.name, t.description,
    (SELECT COUNT(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE pt.tag_id = t.id AND p.status = 'published') AS count
    FROM tags t ORDER BY t.name`,
  deleteTag: 'DELETE FROM tags WHERE id = @id',
  tagBySlug: 'SELECT id, slug, name, description FROM tags WHERE slug = @slug',
  upsertTag: `INSERT INTO tags (slug, name, description, created_at) VALUES (@slug, @name, @description, @now)
    ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description RETURNING id, slug, name, description`,
  listAuthors: 'SELECT * FROM authors ORDER BY id',
  authorBySlug: 'SELECT * FROM authors WHERE slug = @slug',
  firstAuthorId: 'SELECT id FROM authors ORDER BY id LIMIT 1',
  upsertAuthor: `INSERT INTO authors (slug, name, bio, profile_image, website, created_at)
    VALUES (@slug, @name, @bio, @profile_image, @website, @now)
    ON CONFLICT (slug) DO UPDATE SET name = excluded.name, bio = excluded.bio, profile_image = excluded.profile_image, website = excluded.website`,
  navigation: 'SELECT label, url FROM navigation WHERE menu = @menu ORDER BY sort_order',
  clearNavigation: 'DELETE FROM navigation WHERE menu = @menu',
  insertNavigation: 'INSERT INTO navigation (menu, label, url, sort_order) VALUES (@menu, @label, @url, @order)',
  getSetting: 'SELECT value FROM settings WHERE key = @key',
  setSetting: 'INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',

  comments: "SELECT * FROM comments WHERE post_id = @post AND (@status::text = 'any' OR status = @status) ORDER BY created_at, id",
  comment: 'SELECT * FROM comments WHERE id = @id',
  siteComments: "SELECT * FROM comments WHERE (@status::text = 'any' OR status = @status) ORDER BY created_at DESC, id DESC LIMIT @limit",
  approvedBy: `SELECT 1 FROM comments WHERE status = 'approved' AND
    (CASE WHEN @email::text IS NOT NULL THEN author_email = @email ELSE author_email IS NULL AND author_name = @name::text END) LIMIT 1`,
  deleteComment: 'DELETE FROM comments WHERE id = @id RETURNING id',
  insertComment: `INSERT INTO comments (post_id, parent_id, author_name, author_email, author_url, html, status, created_at)
    VALUES (@post_id, @parent_id, @author_name, @author_email, @author_url, @html, @status, @created_at) RETURNING id`,
  updateComment: `UPDATE comments SET post_id = @post_id, parent_id = @parent_id, author_name = @author_name,
    author_email = @author_email, author_url = @author_url, html = @html, status = @status, created_at = @created_at WHERE id = @id`,
  meta: 'SELECT key, value FROM post_meta WHERE post_id = @post ORDER BY key',
  setMeta: 'INSERT INTO post_meta (post_id, key, value) VALUES (@post, @key, @value) ON CONFLICT (post_id, key) DO UPDATE SET value = excluded.value',
  deleteMeta: 'DELETE FROM post_meta WHERE post_id = @post AND key = @key',
  origin: 'SELECT * FROM origins WHERE source = @source AND kind = @kind AND original_id = @original_id',
  origins: `SELECT source, kind, original_id, local_id, data FROM origins WHERE (@source::text IS NULL OR source = @source)
    AND (@kind::text IS NULL OR kind = @kind) ORDER BY source, kind, seq`,
  saveOrigin: `INSERT INTO origins (source, kind, original_id, local_id, data) VALUES (@source, @kind, @original_id, @local_id, @data)
    ON CONFLICT (source, kind, original_id) DO UPDATE SET local_id = excluded.local_id, data = excluded.data`,

  putSearch: `INSERT INTO search_index (post_id, body, document)
    VALUES (@id, @body, setweight(to_tsvector('simple', @folded_title), 'A') || setweight(to_tsvector('simple', @folded_body), 'B'))
    ON CONFLICT (post_id) DO UPDATE SET body = excluded.body, document = excluded.document`,
  removeSearch: 'DELETE FROM search_index WHERE post_id = @id',
  countSearch: `SELECT COUNT(*) AS n FROM search_index WHERE document @@ ${QUERY}`,
  rankSearch: `SELECT post_id FROM search_index WHERE document @@ ${QUERY}
    ORDER BY ts_rank(${RANK_WEIGHTS}, document, ${QUERY}) DESC, post_id DESC LIMIT @limit OFFSET @offset`,
  searchRows: `SELECT p.*, ts_headline('simple', s.body, ${QUERY}, @options) AS search_snippet
    FROM search_index s JOIN posts p ON p.id = s.post_id WHERE s.post_id = ANY(@ids::int[])`,
} as const;
