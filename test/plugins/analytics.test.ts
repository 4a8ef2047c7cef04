// The first-party analytics plugin end to end: views counted per page and day (cached pages
// too), no cookie set, and a dashboard with a chart in the admin.
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('guild.analytics', () => {
  let box: Sandbox;
  let host: Host;
  const get = (path: string, site = 'counted') => request(host.app).get(path).set('Host', `${site}.localhost`);
  let editor: Client;
  const dashboard = () => editor.get('/admin/api/plugins/guild.analytics/pages/dashboard');

  beforeAll(async () => {
    box = sandbox();
    box.site('counted', { timezone: 'Europe/Berlin', plugins: [{ id: 'guild.analytics' }] }, { posts: [{ title: 'Popular', slug: 'popular', html: '<p>x</p>' }] });
    box.site('other', {}, { posts: [{ title: 'Popular', slug: 'popular', html: '<p>x</p>' }] });
    host = await box.host();
    ({ editor } = await team(host, 'counted'));
  });
  afterAll(() => box.remove());

  it('counts every page sent, from the cache too, and sets no cookie', async () => {
    for (let i = 0; i < 3; i++) {
      const page = await get('/popular/');
      expect(page.status).toBe(200);
      expect(page.headers['set-cookie']).toBeUndefined();
    }
    await get('/');
    await get('/missing/'); // a 404 is not a view
    await get('/popular/', 'other'); // another site's views are its own
    const view = (await dashboard()).body.view;
    expect(view.blocks[0].items).toEqual([
      { label: 'Views today', value: 4 },
      { label: 'Last 7 days', value: 4 },
      { label: 'Last 30 days', value: 4 },
    ]);
    expect(view.blocks[2].rows).toEqual([
      { path: '/popular/', views: 3 },
      { path: '/', views: 1 },
    ]);
  });

  it('writes the views it counts to the site’s database within about a second, unasked', async () => {
    await get('/saved/'); // a 404: not counted
    await get('/');
    const db = new Database(path.join(box.sitesDir, 'counted', 'data', 'content.db'), { readonly: true });
    try {
      const home = () => db.prepare("SELECT views FROM guild__analytics__views WHERE path = '/'").pluck().get();
      await vi.waitFor(() => expect(home()).toBe(2), { timeout: 5_000, interval: 100 });
    } finally {
      db.close();
    }
  });

  it('charts views per day for thirty days, today last', async () => {
    const chart = (await dashboard()).body.view.blocks[1];
    expect(chart.type).toBe('chart');
    expect(chart.series).toHaveLength(30);
    expect(chart.series.at(-1).value).toBe(5);
    expect(chart.series.slice(0, -1).every((point: { value: number }) => point.value === 0)).toBe(true);
    expect(chart.title).toBe('Page views per day, last 30 days');
  });
});
