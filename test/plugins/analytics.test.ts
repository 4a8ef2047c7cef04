// The first-party analytics plugin end to end: views counted per page and day (cached pages
// too), no cookie set, and a dashboard with a chart.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('guild.analytics', () => {
  let box: Sandbox;
  let host: Host;
  const get = (path: string, site = 'counted') => request(host.app).get(path).set('Host', `${site}.localhost`);
  const dashboard = (format = '') => request(box.pluginAdmin(host)).get(`/admin/api/plugins/guild.analytics/pages/dashboard${format}`).set('Host', 'counted.localhost');

  beforeAll(async () => {
    box = sandbox();
    box.site('counted', { timezone: 'Europe/Berlin', plugins: [{ id: 'guild.analytics' }] }, { posts: [{ title: 'Popular', slug: 'popular', html: '<p>x</p>' }] });
    box.site('other', {}, { posts: [{ title: 'Popular', slug: 'popular', html: '<p>x</p>' }] });
    host = await box.host();
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

  it('charts views per day for thirty days, today last, as data and as an SVG', async () => {
    const chart = (await dashboard()).body.view.blocks[1];
    expect(chart.type).toBe('chart');
    expect(chart.series).toHaveLength(30);
    expect(chart.series.at(-1).value).toBe(4);
    expect(chart.series.slice(0, -1).every((point: { value: number }) => point.value === 0)).toBe(true);
    const html = (await dashboard('?format=html')).text;
    expect(html).toContain('<h1>Analytics</h1>');
    expect(html).toMatch(/<svg [^>]*aria-label="Page views per day, last 30 days"/);
    expect(html.match(/<rect /g)).toHaveLength(30);
    expect(html).toContain('<td>/popular/</td><td>3</td>');
  });
});
