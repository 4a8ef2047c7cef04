// Issue 12, item 2: a WordPress export is untrusted content. Its HTML passes the editor's
// sanitizer before it is stored, and the import report lists what was taken out, per post.
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteContentStore } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { formatReport, importWordPress, type ImportReport } from '../../core/wxr/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const HOSTILE = [
  '<p>Fresh bread.</p>',
  '<script>fetch("/admin/api/users")</script>',
  '<p><img src="x.jpg" onerror="alert(document.cookie)" alt="loaf"></p>',
  '<p><a href="javascript:alert(1)">menu</a></p>',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<style>body { display: none }</style>',
].join('\n');

function hostileExport(): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Hostile</title><link>https://hostile.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://hostile.example</wp:base_site_url><wp:base_blog_url>https://hostile.example</wp:base_blog_url>
<item><title>Trap</title><link>https://hostile.example/trap/</link><dc:creator><![CDATA[x]]></dc:creator>
<content:encoded><![CDATA[${HOSTILE}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>1</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
<wp:post_name>trap</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Mallory]]></wp:comment_author><wp:comment_date>2020-01-02 10:00:00</wp:comment_date><wp:comment_date_gmt>2020-01-02 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Nice <img src=x onerror=alert(2)>]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>
</channel></rss>
`);
}

describe('a WordPress import cannot put script on the public site', () => {
  let box: Sandbox;
  let store: SqliteContentStore;
  let host: Host;
  let report: ImportReport;

  beforeAll(async () => {
    box = sandbox();
    box.site('victim');
    store = new SqliteContentStore(contentDatabaseFile(path.join(box.sitesDir, 'victim')));
    report = await importWordPress(store, { data: hostileExport(), name: 'hostile.xml' }, { timezone: 'UTC', now: Date.parse('2024-01-01T00:00:00Z') });
    host = await box.host();
  });
  afterAll(async () => {
    await store.close();
    await box.remove();
  });

  it('stores and serves the post without script, handlers, javascript: links, foreign iframes or styles', async () => {
    const stored = (await store.getPostBySlug('trap', 'any'))!.html;
    const page = (await request(host.app).get('/trap/').set('Host', 'victim.localhost').expect(200)).text;
    for (const html of [stored, page]) {
      expect(html).toContain('Fresh bread.');
      expect(html).not.toContain('alert(');
      expect(html).not.toContain('evil.example');
      expect(html).not.toContain('display: none');
      expect(html).not.toMatch(/onerror/i);
    }
    expect(stored).not.toMatch(/<script|<style|<iframe/i);
    expect((await store.listComments((await store.getPostBySlug('trap', 'any'))!.id))[0]!.html).not.toMatch(/onerror/i);
  });

  it('lists what was removed, per post, in the report', () => {
    const trap = report.removed.find((entry) => entry.post === 'Trap')!;
    expect(trap.count).toBe(5);
    expect(trap.parts.map((part) => part.source).join('\n')).toMatch(/<script>[\s\S]*onerror[\s\S]*javascript:[\s\S]*<iframe[\s\S]*<style>/);
    expect(report.removed.find((entry) => entry.post.startsWith('Trap (comment by Mallory)'))?.count).toBe(1);
    expect(formatReport(report)).toContain('"Trap": 5 removed');
  });
});
