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
