/**
 * Filtered, ordered, paged reads of published content for themes (`{{#get}}`) and other readers:
 * a filter in Ghost's language becomes one parameterised WHERE clause on indexed columns, each
 * distinct statement is prepared once per site and reused, and a page of results costs a fixed
 * number of queries (a count and a select; the store adds one each for tags and authors).
 */
import { GuildError } from '../errors.ts';
import type { SqliteDatabase } from './database.ts';
import { FilterSyntaxError, parseFilter, type FilterNode, type FilterValue } from './filter.ts';

export interface FindQuery {
  /** A filter in Ghost's language, e.g. "tag:news+featured:true". */
  readonly filter?: string | null;
  /** How many to return (1 to 100, default 15), or "all" (at most 1000). */
  readonly limit?: number | 'all';
  readonly page?: number;
  /** E.g. "published_at desc" or "title asc, id desc". */
  readonly order?: string | null;
}

export interface AdjacentTo {
  readonly id: number;
  readonly publishedAt: string;
}

/** Only posts whose primary tag (or author) has this slug. */
export interface AdjacentWithin {
  readonly field: 'primary_tag' | 'primary_author';
  readonly slug: string;
}

export interface Found<Row> {
  readonly rows: Row[];
  readonly total: number;
  readonly page: number;
  readonly limit: number;
}

type Kind = 'text' | 'number' | 'boolean' | 'date';
interface Field {
  readonly kind: Kind;
  /** A column or expression. */
  readonly sql: string;
  /** For a relation (tags, authors): the rows `sql` is tested in, as "SELECT 1 FROM ... WHERE ...". */
  readonly exists?: string;
}

interface Resource {
  readonly label: string;
  readonly from: string;
  readonly select: string;
  readonly fields: Readonly<Record<string, Field>>;
  readonly order: Readonly<Record<string, string>>;
  readonly defaultOrder: string;
}

export const DEFAULT_FIND_LIMIT = 15;
const MAX_LIMIT = 100;
const MAX_ALL = 1000;
const MAX_STATEMENTS = 200;

const TAGS_OF_POST = 'FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id';
const AUTHORS_OF_POST = 'FROM post_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.post_id = p.id';
const tagRelation: Field = { kind: 'text', sql: 't.slug', exists: `SELECT 1 ${TAGS_OF_POST}` };
const authorRelation: Field = { kind: 'text', sql: 'a.slug', exists: `SELECT 1 ${AUTHORS_OF_POST}` };
const dated = { published_at: 'p.published_at', updated_at: 'p.updated_at', created_at: 'p.created_at' } as const;
const publishedCount = (join: string, key: string) =>
  `(SELECT COUNT(*) FROM ${join} JOIN posts p ON p.id = x.post_id WHERE x.${key} AND p.status = 'published' AND p.type = 'post')`;

const POSTS: Resource = {
  label: 'posts',
  from: "FROM posts p WHERE p.type = @type AND p.status = 'published'",
  select: 'p.*',
  fields: {
    id: { kind: 'number', sql: 'p.id' },
    slug: { kind: 'text', sql: 'p.slug' },
    title: { kind: 'text', sql: 'p.title' },
    featured: { kind: 'boolean', sql: 'p.featured' },
    feature_image: { kind: 'text', sql: 'p.feature_image' },
    custom_excerpt: { kind: 'text', sql: 'p.custom_excerpt' },
    page: { kind: 'boolean', sql: "(CASE WHEN p.type = 'page' THEN 1 ELSE 0 END)" },
    visibility: { kind: 'text', sql: "'public'" },
    published_at: { kind: 'date', sql: dated.published_at },
    updated_at: { kind: 'date', sql: dated.updated_at },
    created_at: { kind: 'date', sql: dated.created_at },
    tag: tagRelation,
    tags: tagRelation,
    author: authorRelation,
    authors: authorRelation,
    // The primary tag is the first public one; internal tags ("#hidden") never are.
    primary_tag: { kind: 'text', sql: `(SELECT t.slug ${TAGS_OF_POST} AND t.name NOT LIKE '#%' ORDER BY pt.sort_order LIMIT 1)` },
    primary_author: { kind: 'text', sql: `(SELECT a.slug ${AUTHORS_OF_POST} ORDER BY pa.sort_order LIMIT 1)` },
  },
  order: { id: 'p.id', title: 'p.title', slug: 'p.slug', featured: 'p.featured', ...dated },
  defaultOrder: 'p.published_at DESC, p.id DESC',
};

const TAGS: Resource = {
  label: 'tags',
  from: 'FROM tags t WHERE 1 = 1',
  select: `t.id, t.slug, t.name, t.description, ${publishedCount('post_tags x', 'tag_id = t.id')} AS count`,
  fields: {
    id: { kind: 'number', sql: 't.id' },
    slug: { kind: 'text', sql: 't.slug' },
    name: { kind: 'text', sql: 't.name' },
    description: { kind: 'text', sql: 't.description' },
    visibility: { kind: 'text', sql: "(CASE WHEN t.name LIKE '#%' THEN 'internal' ELSE 'public' END)" },
  },
  order: { id: 't.id', name: 't.name', slug: 't.slug', 'count.posts': 'count' },
  defaultOrder: 't.name ASC, t.id ASC',
};

const AUTHORS: Resource = {
  label: 'authors',
  from: 'FROM authors a WHERE 1 = 1',
  select: `a.*, ${publishedCount('post_authors x', 'author_id = a.id')} AS count`,
  fields: {
    id: { kind: 'number', sql: 'a.id' },
    slug: { kind: 'text', sql: 'a.slug' },
    name: { kind: 'text', sql: 'a.name' },
    website: { kind: 'text', sql: 'a.website' },
  },
  order: { id: 'a.id', name: 'a.name', slug: 'a.slug', 'count.posts': 'count' },
  defaultOrder: 'a.name ASC, a.id ASC',
};

/** Thrown for a filter or order a reader wrote wrong; the message says what to change. */
export function filterError(query: string, reason: string): GuildError {
  return new GuildError('GUILD_ERR_CONTENT_FILTER', query, reason);
}

/**
 * Where SQLite and PostgreSQL read the same SQL differently. SQLite's LIKE ignores the case of
 * ASCII letters and PostgreSQL's does not, so "contains" asks PostgreSQL for ILIKE.
 */
export interface SqlDialect {
  readonly like: 'LIKE' | 'ILIKE';
}

export const SQLITE_DIALECT: SqlDialect = { like: 'LIKE' };
export const POSTGRES_DIALECT: SqlDialect = { like: 'ILIKE' };

/** A find as SQL with named parameters (`@name`): one statement counts, one reads the page. */
export interface FindSql {
  readonly count: string;
  readonly list: string;
  readonly params: Record<string, unknown>;
  readonly page: number;
  readonly limit: number;
}

const RESOURCES = { posts: POSTS, tags: TAGS, authors: AUTHORS } as const;

/** A filter, order and page of posts, tags or authors as SQL for one engine; throws filterError for bad input. */
export function findSql(what: keyof typeof RESOURCES, query: FindQuery, base: Record<string, unknown>, dialect: SqlDialect): FindSql {
  const resource = RESOURCES[what];
  const params: Record<string, unknown> = { ...base };
  let where = '';
  if (query.filter && query.filter.trim() !== '') {
    let tree: FilterNode;
    try {
      tree = parseFilter(query.filter);
    } catch (error) {
      if (error instanceof FilterSyntaxError) throw filterError(query.filter, error.message);
      throw error;
    }
    where = ` AND ${compile(tree, resource, params, query.filter, dialect)}`;
  }
  const order = orderBy(resource, query.order);
  const limit = query.limit === 'all' ? MAX_ALL : Math.min(Math.max(Math.trunc(Number(query.limit ?? DEFAULT_FIND_LIMIT)) || DEFAULT_FIND_LIMIT, 1), MAX_LIMIT);
  const page = Math.max(Math.trunc(query.page ?? 1) || 1, 1);
  return {
    count: `SELECT COUNT(*) ${resource.from}${where}`,
    list: `SELECT ${resource.select} ${resource.from}${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    params: { ...params, limit, offset: (page - 1) * limit },
    page,
    limit,
  };
}

/** The published post just after (`next`, newer) or before (`prev`, older) the given one, as SQL (both engines read it alike). */
export function adjacentSql(post: AdjacentTo, direction: 'next' | 'prev', within?: AdjacentWithin): { sql: string; params: Record<string, unknown> } {
  const [compare, sort] = direction === 'next' ? ['>', 'ASC'] : ['<', 'DESC'];
  const scope = within ? ` AND ${POSTS.fields[within.field]!.sql} = @scope` : '';
  return {
    sql: `SELECT p.* ${POSTS.from} AND (p.published_at, p.id) ${compare} (@at, @id)${scope} ORDER BY p.published_at ${sort}, p.id ${sort} LIMIT 1`,
    params: { type: 'post', at: post.publishedAt, id: post.id, ...(within ? { scope: within.slug } : {}) },
  };
}

/** Finds on one SQLite connection, each distinct statement prepared once and reused. */
export class ContentFinder {
  readonly #db: SqliteDatabase;
  /** Statements by SQL text: a filter's shape, not its values, decides the text. */
  readonly #statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  posts<Row>(type: 'post' | 'page', query: FindQuery): Found<Row> {
    return this.#find<Row>(findSql('posts', query, { type }, SQLITE_DIALECT));
  }

  tags<Row>(query: FindQuery): Found<Row> {
    return this.#find<Row>(findSql('tags', query, {}, SQLITE_DIALECT));
  }

  authors<Row>(query: FindQuery): Found<Row> {
    return this.#find<Row>(findSql('authors', query, {}, SQLITE_DIALECT));
  }

  adjacent<Row>(post: AdjacentTo, direction: 'next' | 'prev', within?: AdjacentWithin): Row | undefined {
    const { sql, params } = adjacentSql(post, direction, within);
    return this.#statement(sql).get(params) as Row | undefined;
  }

  #find<Row>(found: FindSql): Found<Row> {
    const { limit: _limit, offset: _offset, ...countParams } = found.params;
    const total = this.#statement(found.count).pluck().get(countParams) as number;
    const rows = this.#statement(found.list).all(found.params) as Row[];
    return { rows, total, page: found.page, limit: found.limit };
  }

  #statement(sql: string) {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.delete(this.#statements.keys().next().value!);
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

function orderBy(resource: Resource, order: string | null | undefined): string {
  if (!order || order.trim() === '') return resource.defaultOrder;
  const parts = order.split(',').map((part) => {
    const [field = '', direction = 'asc', ...rest] = part.trim().split(/\s+/);
    const column = resource.order[field];
    if (!column || rest.length > 0 || !/^(asc|desc)$/i.test(direction)) {
      throw filterError(order, `order must be "<field> asc|desc"; ${resource.label} can be ordered by ${Object.keys(resource.order).join(', ')}`);
    }
    return `${column} ${direction.toUpperCase()}`;
  });
  return parts.join(', ');
}

const LIKE: Readonly<Record<string, (text: string) => string>> = {
  '~': (text) => `%${text}%`,
  '~^': (text) => `${text}%`,
  '~$': (text) => `%${text}`,
};

function compile(node: FilterNode, resource: Resource, params: Record<string, unknown>, source: string, dialect: SqlDialect): string {
  if (node.kind !== 'compare') {
    return `(${node.nodes.map((child) => compile(child, resource, params, source, dialect)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
  }
  const field = resource.fields[node.field];
  if (!field) throw filterError(source, `${resource.label} cannot be filtered by "${node.field}"; use one of ${Object.keys(resource.fields).join(', ')}`);
  const bind = (value: FilterValue): string => {
    const name = `f${Object.keys(params).length}`;
    params[name] = coerce(value, field.kind, node.operator);
    return `@${name}`;
  };
  const subject = field.sql;
  const isNull = node.values.length === 1 && node.values[0] === null;
  let test: string;
  if (node.values.length === 0) {
    test = '1 = 0';
  } else if (isNull) {
    test = `${subject} IS NULL`;
  } else if (node.operator === '=') {
    test = node.values.length === 1 ? `${subject} = ${bind(node.values[0]!)}` : `${subject} IN (${node.values.map(bind).join(', ')})`;
  } else if (node.operator in LIKE) {
    test = node.values.map((value) => `${subject} ${dialect.like} ${bind(LIKE[node.operator]!(escapeLike(String(value))))} ESCAPE '\\'`).join(' OR ');
  } else {
    test = `${subject} ${node.operator} ${bind(node.values[0]!)}`;
  }
  const positive = field.exists ? `EXISTS (${field.exists} AND (${test}))` : `(${test})`;
  if (!node.negated) return positive;
  // "field:-value" keeps rows where the field is empty too, as Ghost does.
  return field.exists || isNull ? `NOT ${positive}` : `(NOT ${positive} OR ${field.sql} IS NULL)`;
}

function coerce(value: FilterValue, kind: Kind, operator: string): unknown {
  if (operator in LIKE) return value;
  if (kind === 'boolean') return value === true || value === 'true' || value === 1 ? 1 : 0;
  if (kind === 'number') return Number(value);
  return typeof value === 'string' ? value : String(value);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
