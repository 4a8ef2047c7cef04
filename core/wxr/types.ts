/** A WordPress export (WXR 1.0–1.2) as read from the file, before anything is mapped to Guild. */

export interface WxrAuthor {
  readonly id: string;
  readonly login: string;
  readonly email: string;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** A category, tag or other term (nav_menu, post_format, custom taxonomies). */
export interface WxrTerm {
  readonly id: string;
  readonly taxonomy: string;
  readonly slug: string;
  readonly name: string;
  readonly parentSlug: string;
  readonly description: string;
}

export interface WxrComment {
  readonly id: string;
  readonly author: string;
  readonly authorEmail: string;
  readonly authorUrl: string;
  readonly date: string;
  readonly dateGmt: string;
  readonly content: string;
  readonly approved: string;
  readonly type: string;
  readonly parent: string;
}

/** A term an item is filed under: `<category domain="post_tag" nicename="news">News</category>`. */
export interface WxrItemTerm {
  readonly taxonomy: string;
  readonly slug: string;
  readonly name: string;
}

export interface WxrItem {
  /** The line of the file the item starts on, for messages. */
  readonly line: number;
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly link: string;
  readonly guid: string;
  readonly pubDate: string;
  readonly creator: string;
  readonly content: string;
  readonly excerpt: string;
  readonly date: string;
  readonly dateGmt: string;
  readonly commentStatus: string;
  readonly slug: string;
  readonly status: string;
  readonly parent: string;
  readonly menuOrder: number;
  readonly password: string;
  readonly sticky: boolean;
  readonly attachmentUrl: string;
  readonly terms: readonly WxrItemTerm[];
  readonly meta: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  readonly comments: readonly WxrComment[];
}

export interface WxrDocument {
  readonly version: string;
  readonly title: string;
  readonly link: string;
  /** The blog's own address (wp:base_blog_url), e.g. https://example.com/blog. */
  readonly blogUrl: string;
  readonly siteUrl: string;
  readonly language: string;
  readonly authors: readonly WxrAuthor[];
  readonly terms: readonly WxrTerm[];
  readonly items: readonly WxrItem[];
}
