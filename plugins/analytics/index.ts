/**
 * Analytics without cookies: every page the site sends (freshly rendered or from the page cache)
 * counts one view for its path and day, through the core's page:served action. No cookie, no
 * address, no user agent is kept: a count per page per day is all. The admin dashboard shows
 * the last 30 days as a chart and the most viewed pages.
 */
import { definePlugin } from '@guild/sdk';
import { Views, migrations } from './views.ts';

export interface AnalyticsSettings {
  keepDays: number;
}

const DASHBOARD_DAYS = 30;
/** How long views wait in memory before they are written: a host that dies loses at most this much. */
const SAVE_EVERY_MS = 1_000;

export default definePlugin<AnalyticsSettings>({
  migrations,
  setup({ hooks, settings, storage, admin, jobs, site }) {
    const views = new Views(storage, site.timezone);

    hooks.addAction('page:served', (served) => {
      if (served.status === 200) views.count(served.path);
    });
    jobs.every('save counted views', SAVE_EVERY_MS, () => views.save());
    hooks.addAction('site:closing', () => views.save());

    admin.page('dashboard', {
      title: 'Analytics',
      render: () => ({
        blocks: [
          {
            type: 'stats',
            items: [
              { label: 'Views today', value: views.total(1) },
              { label: 'Last 7 days', value: views.total(7) },
              { label: `Last ${DASHBOARD_DAYS} days`, value: views.total(DASHBOARD_DAYS) },
            ],
          },
          { type: 'chart', title: `Page views per day, last ${DASHBOARD_DAYS} days`, series: views.perDay(DASHBOARD_DAYS) },
          {
            type: 'table',
            columns: [
              { key: 'path', label: 'Page' },
              { key: 'views', label: 'Views' },
            ],
            rows: views.topPages(DASHBOARD_DAYS),
            empty: 'No views yet.',
          },
          { type: 'text', text: 'Counted on the server: no cookies, no addresses, nothing that identifies a visitor.' },
        ],
      }),
    });

    jobs.every('forget old days', 86_400_000, () => void views.forget(settings.keepDays));
  },
});
