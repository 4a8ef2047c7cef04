/** WordPress exports made to measure for tests: a large one, for imports that take a while. */

/** A WXR 1.2 export of `posts` published posts (about 2 kB each) in two tags, from https://big.example. */
export function largeExport(posts: number): Buffer {
  const items: string[] = [];
  for (let i = 1; i <= posts; i++) {
    const text = `<p>Post ${i} of a large export.</p>\n\n<p>It links to <a href="https://big.example/post-${Math.max(1, i - 1)}/">the one before</a>. ${'Bread and butter. '.repeat(90)}</p>`;
    items.push(`<item><title>Post ${i}</title><link>https://big.example/post-${i}/</link><dc:creator><![CDATA[baker]]></dc:creator>
<content:encoded><![CDATA[${text}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${i}</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
<wp:post_name>post-${i}</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[News]]></category><category domain="post_tag" nicename="batch-${i % 2}"><![CDATA[Batch ${i % 2}]]></category></item>`);
  }
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Big Bakery</title><link>https://big.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://big.example</wp:base_site_url><wp:base_blog_url>https://big.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[baker]]></wp:author_login><wp:author_email><![CDATA[baker@big.example]]></wp:author_email><wp:author_display_name><![CDATA[The Baker]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
${items.join('\n')}
</channel></rss>
`);
}

/** One attachment of `exportWithFiles`: its WordPress id and the path of its file on the old site. */
export interface ExportedFile {
  readonly id: number;
  readonly path: string;
  readonly alt?: string;
}

/**
 * A WXR 1.2 export from `origin` (e.g. http://127.0.0.1:4567, a test's file server) with the
 * given attachments and one post showing each of them: the first as its featured image and in
 * the body at a size WordPress cut (`-300x200`, with a srcset), the others as they are.
 */
export function exportWithFiles(origin: string, files: readonly ExportedFile[]): Buffer {
  const [first, ...rest] = files;
  const sized = (file: ExportedFile) => `${origin}${file.path.replace(/(\.\w+)$/, '-300x200$1')}`;
  const body = [
    first ? `<p><img src="${sized(first)}" srcset="${sized(first)} 300w, ${origin}${first.path} 800w" alt="The shop"></p>` : '',
    ...rest.map((file) => `<p><img src="${origin}${file.path}" alt=""></p>`),
    '<p>Come in.</p>',
  ].join('\n');
  const attachments = files.map(
    (file) => `<item><title>File ${file.id}</title><link>${origin}/?attachment_id=${file.id}</link><guid isPermaLink="false">${origin}${file.path}</guid>
<wp:post_id>${file.id}</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
<wp:post_name>file-${file.id}</wp:post_name><wp:status>inherit</wp:status><wp:post_parent>1</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>${origin}${file.path}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[${file.alt ?? ''}]]></wp:meta_value></wp:postmeta></item>`,
  );
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old Shop</title><link>${origin}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>${origin}</wp:base_site_url><wp:base_blog_url>${origin}</wp:base_blog_url>
<item><title>Our shop</title><link>${origin}/our-shop/</link><dc:creator><![CDATA[owner]]></dc:creator>
<content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>1</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
<wp:post_name>our-shop</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type>
${first ? `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[${first.id}]]></wp:meta_value></wp:postmeta>` : ''}</item>
${attachments.join('\n')}
</channel></rss>
`);
}
