// A WordPress site moved here keeps its addresses: the import records each item's old permalink,
// and the site answers the old paths with a 301 to where the content lives now.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteContentStore } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { formatReport, importWordPress, type ImportReport } from '../../core/wxr/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const FIXTURE = path.join(REPO, '..', 'shared', 'fixtures', 'wxr', 'themeunittestdata.wordpress.xml');
const present = existsSync(FIXTURE);
if (!present) console.warn(`Skipping the old-URL redirects of the theme unit test: ${FIXTURE} is not here (a plain clone has no ../shared; CI has it).`);

describe.skipIf(!present)('old WordPress addresses of the theme unit test data', () => {
  let box: Sandbox;
  let store: SqliteContentStore;
  let host: Host;
  let report: ImportReport;
  const get = (pathname: string) => request(host.app).get(pathname).set('Host', 'themetest.localhost');
  const slugOf = async (id: string) => (await store.getPost((await store.getOrigin(report.source, 'page', id))!.localId!))!.slug;

  beforeAll(async () => {
    box = sandbox();
    box.site('themetest', { title: 'Theme Unit Test' });
    store = new SqliteContentStore(contentDatabaseFile(path.join(box.sitesDir, 'themetest')));
    report = await importWordPress(store, { data: readFileSync(FIXTURE), name: FIXTURE }, { timezone: 'UTC' });
    host = await box.host();
  });
  afterAll(async () => {
    await store.close();
    await box.remove();
  });

  it('says in the report how many old addresses it recorded', () => {
    expect(report.oldUrls).toBeGreaterThan(100);
    expect(formatReport(report)).toContain(`old addresses recorded to redirect here (301): ${report.oldUrls}`);
  });

  it('answers a dated permalink, ?p= and ?page_id= with a 301 to the post or page', async () => {
    const dated = await get('/2013/01/05/title-with-special-characters/');
    expect(dated.status).toBe(301);
    expect(dated.headers.location).toBe('/title-with-special-characters/');
    const byId = await get('/?p=1174');
    expect(byId.status).toBe(301);
    expect(byId.headers.location).toBe('/title-with-special-characters/');
    const page = await get('/?page_id=2');
    expect(page.status).toBe(301);
    expect(page.headers.location).toBe(`/${await slugOf('2')}/`);
    expect((await get('/')).status).toBe(200);
    expect((await get('/?p=999999')).status).toBe(200);
  });

  it('sends category, tag archives and nested page paths to where they live now, and feeds to the feed', async () => {
    const category = await get('/category/markup/');
    expect(category.status).toBe(301);
    expect(category.headers.location).toMatch(/^\/tag\/markup\/$/);
    expect((await get('/tag/markup/')).status).toBe(200);
    // Child pages are served at their nested paths, as WordPress served them; the flat one moves there.
    expect((await get('/level-1/level-2/')).status).toBe(200);
    const flat = await get('/level-2/');
    expect(flat.status).toBe(301);
    expect(flat.headers.location).toBe('/level-1/level-2/');
    for (const feed of ['/feed/', '/category/markup/feed/', '/2013/01/05/title-with-special-characters/feed/']) {
      const answer = await get(feed);
      expect(answer.status, feed).toBe(301);
      expect(answer.headers.location).toBe('/rss/');
    }
    expect((await get('/nothing-ever-here/')).status).toBe(404);
  });
});
