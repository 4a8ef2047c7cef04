// Authors as WordPress and WordPress.com write them: wp:author and wp:wp_author read alike, and a
// post's creator that names no listed author exactly is the closest one, reported, never shown raw.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteContentStore } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { formatReport, importWordPress, readWxr, type ImportReport } from '../../core/wxr/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const data = readFileSync(path.join(REPO, 'test', 'fixtures', 'wxr', 'wordpress-com.xml'));

describe("a WordPress.com export's authors", () => {
  let box: Sandbox;
  let store: SqliteContentStore;
  let host: Host;
  let report: ImportReport;
  const get = (pathname: string) => request(host.app).get(pathname).set('Host', 'a11y.localhost');

  beforeAll(async () => {
    box = sandbox();
    box.site('a11y', { title: 'Accessibility' });
    store = new SqliteContentStore(contentDatabaseFile(path.join(box.sitesDir, 'a11y')));
    report = await importWordPress(store, { data, name: 'wordpress-com.xml' }, { timezone: 'UTC' });
    host = await box.host();
  });
  afterAll(async () => {
    await store.close();
    await box.remove();
  });

  it('reads wp:wp_author: login, display name and email', async () => {
    const doc = await readWxr(data, { name: 'wordpress-com.xml' });
    expect(doc.authors.map((author) => [author.login, author.displayName, author.email])).toEqual([
      ['a11yteam', 'Accessibility Team', 'a11y@example.com'],
      ['themereviewteam', 'Theme Reviewer', 'review@example.com'],
    ]);
    expect(report.counts.authors.created).toBe(2);
    expect((await store.getPostBySlug('headings', 'any'))!.authors.map((author) => author.name)).toEqual(['Accessibility Team']);
    const page = await get('/headings/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Accessibility Team');
  });

  it('takes a stray creator (">themereviewteam") to be the closest author, says so, and never shows it', async () => {
    expect((await store.getPostBySlug('tables', 'any'))!.authors.map((author) => author.slug)).toEqual(['themereviewteam']);
    expect((await store.listAuthors()).map((author) => author.name).sort()).toEqual(['Accessibility Team', 'Theme Reviewer']);
    expect(formatReport(report)).toContain('1 item names the author ">themereviewteam", who is not in the export; taken to be "Theme Reviewer" (themereviewteam), the closest.');
    const page = await get('/tables/');
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/&gt;themereviewteam|>themereviewteam/);
  });
});
