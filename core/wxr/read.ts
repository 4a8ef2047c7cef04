/**
 * Reads a WordPress export with sax, streaming: the file is never held as a document tree, only
 * one channel entry (an author, a term, an item) at a time, turned into plain objects as soon as
 * it closes. Anything that is not well-formed XML or not a WXR file is refused with its line.
 */
import { StringDecoder } from 'node:string_decoder';
import sax from 'sax';
import { GuildError } from '../errors.ts';
import type { WxrAuthor, WxrComment, WxrDocument, WxrItem, WxrTerm } from './types.ts';

export interface ReadProgress {
  readonly bytes: number;
  /** The size of the input when known. */
  readonly total: number | undefined;
}

export interface ReadOptions {
  /** The name to show in messages, e.g. the file's path. */
  readonly name: string;
  readonly total?: number;
  readonly onProgress?: (progress: ReadProgress) => void;
}

interface Node {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly line: number;
  readonly children: Node[];
  text: string;
}

const SUPPORTED_VERSIONS = new Set(['1.0', '1.1', '1.2']);

export async function readWxr(input: AsyncIterable<Buffer | string> | Buffer | string, options: ReadOptions): Promise<WxrDocument> {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const refuse = (line: number, reason: string): never => {
    throw new GuildError('GUILD_ERR_WXR_INVALID', options.name, String(line), reason);
  };
  const stack: Node[] = [];
  const channel: Record<string, string> = {};
  const authors: WxrAuthor[] = [];
  const terms: WxrTerm[] = [];
  const items: WxrItem[] = [];
  let sawChannel = false;
  let failure: Error | undefined;

  parser.onerror = (error) => {
    failure ??= new GuildError('GUILD_ERR_WXR_INVALID', options.name, String(parser.line + 1), describeSaxError(error));
    // sax keeps going after resume(); the first error is the one worth reporting.
    parser.resume();
  };
  parser.onopentag = (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (stack.length === 0 && tag.name !== 'rss') refuse(parser.line + 1, `the file starts with <${tag.name}>, not <rss>: it is not a WordPress export`);
    if (stack.length === 1 && tag.name === 'channel') sawChannel = true;
    stack.push({ name: tag.name, attributes, line: parser.line + 1, children: [], text: '' });
  };
  const addText = (text: string) => {
    const node = stack.at(-1);
    if (node) node.text += text;
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  parser.onclosetag = () => {
    const node = stack.pop()!;
    const parent = stack.at(-1);
    // Inside <channel> (depth 2): plain fields are kept, entries are converted and dropped.
    if (stack.length === 2 && parent?.name === 'channel') {
      if (node.name === 'item') items.push(toItem(node));
      // WordPress.com writes its authors as wp:wp_author, with the same fields inside.
      else if (node.name === 'wp:author' || node.name === 'wp:wp_author') authors.push(toAuthor(node));
      else if (node.name in TERM_FIELDS) terms.push(toTerm(node));
      else if (node.children.length === 0) channel[node.name] ??= node.text.trim();
      return;
    }
    parent?.children.push(node);
  };

  let bytes = 0;
  const feed = (text: string) => {
    parser.write(text);
    if (failure) throw failure;
  };
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    const text = typeof input === 'string' ? input : input.toString('utf8');
    feed(stripBom(text));
    options.onProgress?.({ bytes: Buffer.byteLength(text), total: options.total ?? Buffer.byteLength(text) });
  } else {
    const decoder = new StringDecoder('utf8');
    let first = true;
    for await (const chunk of input) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      let text = decoder.write(buffer);
      if (first && text) {
        text = stripBom(text);
        first = false;
      }
      feed(text);
      options.onProgress?.({ bytes, total: options.total });
    }
    feed(decoder.end());
  }
  parser.close();
  if (failure) throw failure;
  if (stack.length > 0) refuse(parser.line + 1, `the file ends inside <${stack.at(-1)!.name}>: it was cut short`);
  if (!sawChannel) refuse(parser.line + 1, 'there is no <channel>: it is not a WordPress export');
  const version = channel['wp:wxr_version'];
  if (!version) refuse(1, 'there is no <wp:wxr_version>: it is an RSS feed, not a WordPress export');
  if (!SUPPORTED_VERSIONS.has(version!)) refuse(1, `WXR version ${version} is not one Guild reads (1.0, 1.1, 1.2)`);
  return {
    version: version!,
    title: channel.title ?? '',
    link: channel.link ?? '',
    blogUrl: channel['wp:base_blog_url'] || channel.link || '',
    siteUrl: channel['wp:base_site_url'] ?? '',
    language: channel.language ?? '',
    authors,
    terms,
    items,
  };
}

function describeSaxError(error: Error): string {
  const reason = error.message.split('\n')[0] ?? 'not well-formed XML';
  if (/Unclosed root tag|Unexpected end/i.test(reason)) return 'the file ends too early: it was cut short';
  return `not well-formed XML (${reason.replace(/\.$/, '')})`;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function field(node: Node, name: string): string {
  return node.children.find((child) => child.name === name)?.text.trim() ?? '';
}

/** Content fields keep their whitespace: line breaks are paragraphs to wpautop. */
function rawField(node: Node, name: string): string {
  return node.children.find((child) => child.name === name)?.text ?? '';
}

function toAuthor(node: Node): WxrAuthor {
  return {
    id: field(node, 'wp:author_id'),
    login: field(node, 'wp:author_login'),
    email: field(node, 'wp:author_email'),
    displayName: field(node, 'wp:author_display_name'),
    firstName: field(node, 'wp:author_first_name'),
    lastName: field(node, 'wp:author_last_name'),
  };
}

/** The elements each kind of term names its parts with; a <wp:term> names its taxonomy itself. */
const TERM_FIELDS: Readonly<Record<string, { taxonomy: string; slug: string; name: string; parent: string; description: string }>> = {
  'wp:category': { taxonomy: 'category', slug: 'wp:category_nicename', name: 'wp:cat_name', parent: 'wp:category_parent', description: 'wp:category_description' },
  'wp:tag': { taxonomy: 'post_tag', slug: 'wp:tag_slug', name: 'wp:tag_name', parent: '', description: 'wp:tag_description' },
  'wp:term': { taxonomy: '', slug: 'wp:term_slug', name: 'wp:term_name', parent: 'wp:term_parent', description: 'wp:term_description' },
};

function toTerm(node: Node): WxrTerm {
  const fields = TERM_FIELDS[node.name]!;
  return {
    id: field(node, 'wp:term_id'),
    taxonomy: fields.taxonomy || field(node, 'wp:term_taxonomy'),
    slug: field(node, fields.slug),
    name: field(node, fields.name),
    parentSlug: fields.parent ? field(node, fields.parent) : '',
    description: field(node, fields.description),
  };
}

function toComment(node: Node): WxrComment {
  return {
    id: field(node, 'wp:comment_id'),
    author: field(node, 'wp:comment_author'),
    authorEmail: field(node, 'wp:comment_author_email'),
    authorUrl: field(node, 'wp:comment_author_url'),
    date: field(node, 'wp:comment_date'),
    dateGmt: field(node, 'wp:comment_date_gmt'),
    content: rawField(node, 'wp:comment_content'),
    approved: field(node, 'wp:comment_approved'),
    type: field(node, 'wp:comment_type'),
    parent: field(node, 'wp:comment_parent'),
  };
}

function toItem(node: Node): WxrItem {
  const children = node.children;
  return {
    line: node.line,
    id: field(node, 'wp:post_id'),
    type: field(node, 'wp:post_type') || 'post',
    title: field(node, 'title'),
    link: field(node, 'link'),
    guid: field(node, 'guid'),
    pubDate: field(node, 'pubDate'),
    creator: field(node, 'dc:creator'),
    content: rawField(node, 'content:encoded'),
    excerpt: rawField(node, 'excerpt:encoded'),
    date: field(node, 'wp:post_date'),
    dateGmt: field(node, 'wp:post_date_gmt'),
    commentStatus: field(node, 'wp:comment_status'),
    slug: field(node, 'wp:post_name'),
    status: field(node, 'wp:status') || 'draft',
    parent: field(node, 'wp:post_parent'),
    menuOrder: Number(field(node, 'wp:menu_order')) || 0,
    password: field(node, 'wp:post_password'),
    sticky: field(node, 'wp:is_sticky') === '1',
    attachmentUrl: field(node, 'wp:attachment_url'),
    terms: children
      .filter((child) => child.name === 'category')
      .map((child) => ({ taxonomy: child.attributes.domain ?? 'category', slug: child.attributes.nicename ?? '', name: child.text.trim() })),
    meta: children
      .filter((child) => child.name === 'wp:postmeta')
      .map((child) => ({ key: field(child, 'wp:meta_key'), value: rawField(child, 'wp:meta_value') })),
    comments: children.filter((child) => child.name === 'wp:comment').map(toComment),
  };
}
