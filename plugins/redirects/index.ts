/**
 * Redirects: old addresses sent to new ones before the site answers (through the core's
 * request:redirect filter, so even a page still in the cache moves). Managed in the admin, one at
 * a time (added, changed, deleted) or imported from a CSV file of "from,to[,status]" lines, each
 * with a count of its hits.
 */
import { definePlugin, parseCsv, toCsv, type FormField, type PluginRequest } from '@guild/sdk';
import { Redirects, migrations, problemsOf } from './redirects.ts';

export default definePlugin({
  migrations,
  setup({ hooks, storage, admin, site }) {
    const redirects = new Redirects(storage);

    hooks.addFilter('request:redirect', (target, request) => {
      if (target) return target;
      const redirect = redirects.follow(request.path);
      return redirect ? { location: redirect.to, status: redirect.status } : null;
    });

    const fields: FormField[] = [
      { name: 'from', label: 'From', type: 'text', required: true, help: 'A path on this site, like /old-page/' },
      { name: 'to', label: 'To', type: 'text', required: true, help: 'A path on this site or a full address' },
      { name: 'status', label: 'Status', type: 'select', options: ['301', '302'], help: '301: moved for good. 302: for now.' },
    ];

    admin.page('redirects', {
      title: 'Redirects',
      render: () => ({
        blocks: [
          { type: 'text', text: 'Visitors and search engines asking for the old address are sent to the new one. 301 says it moved for good; 302 says for now.' },
          {
            type: 'table',
            columns: [
              { key: 'from', label: 'From' },
              { key: 'to', label: 'To' },
              { key: 'status', label: 'Status' },
              { key: 'hits', label: 'Hits' },
              { key: 'last_hit_at', label: 'Last used' },
            ],
            rows: redirects.list().map((redirect) => ({ ...redirect, from: redirect.from_path })),
            empty: 'No redirects yet.',
            actions: [
              { label: 'Change', form: { title: 'Change the redirect', fields, action: { method: 'PUT', path: '/redirects/:id' }, submit: 'Save' } },
              { label: 'Delete', method: 'DELETE', path: '/redirects/:id', confirm: 'Delete the redirect from :from? Visitors asking for it get “not found” again.' },
            ],
          },
          { type: 'form', title: 'Add a redirect', fields, values: { status: '301' }, action: { method: 'POST', path: '/redirects' }, submit: 'Add redirect' },
          {
            type: 'form',
            title: 'Import from CSV',
            fields: [{ name: 'csv', label: 'CSV file', type: 'file', accept: '.csv,text/csv,text/plain', required: true, help: 'One redirect per line: from,to[,status]. A first line "from,to,status" is skipped; a "from" that exists is changed.' }],
            action: { method: 'POST', path: '/import' },
            submit: 'Import',
          },
          { type: 'link', label: 'Download all as CSV', path: '/redirects.csv', download: true },
        ],
      }),
    });

    admin.route('POST', '/redirects', (request) => {
      const input = (request.body ?? {}) as Record<string, unknown>;
      const problems = problemsOf(input);
      if (problems.length) return { status: 422, json: { problems } };
      const saved = redirects.save(input);
      return { status: 201, json: { ...saved, message: `Visitors to ${saved.from_path} now go to ${saved.to}.` } };
    });

    admin.route('PUT', '/redirects/:id', (request) => {
      const id = Number(request.params.id);
      const input = (request.body ?? {}) as Record<string, unknown>;
      const problems = problemsOf(input);
      if (problems.length) return { status: 422, json: { problems } };
      const taken = redirects.from(String(input.from));
      if (taken && taken.id !== id) return { status: 422, json: { problems: [{ field: 'from', message: `has a redirect already (to ${taken.to}); change that one instead` }] } };
      const updated = redirects.update(id, input);
      return updated ? { json: updated } : { status: 404, json: { error: 'no such redirect' } };
    });

    admin.route('DELETE', '/redirects/:id', (request) => (redirects.remove(Number(request.params.id)) ? { status: 204 } : { status: 404, json: { error: 'no such redirect' } }));

    admin.route('POST', '/import', (request: PluginRequest) => {
      const text = typeof request.body === 'string' ? request.body : String((request.body as Record<string, unknown> | null)?.csv ?? '');
      let rows: string[][];
      try {
        rows = parseCsv(text);
      } catch (error) {
        return { status: 422, json: { problems: [{ field: 'csv', message: (error as Error).message }] } };
      }
      // A first line of headers ("from,to,status") is allowed and skipped.
      const header = rows[0]?.[0]?.trim().toLowerCase() === 'from' ? 1 : 0;
      const skipped: Array<{ line: number; reason: string }> = [];
      let imported = 0;
      redirects.transaction(() => {
        rows.slice(header).forEach(([from, to, status], index) => {
          const input = { from: from?.trim(), to: to?.trim(), status: status?.trim() };
          const problems = problemsOf(input);
          if (problems.length) skipped.push({ line: index + header + 1, reason: problems.map((problem) => `${problem.field} ${problem.message}`).join('; ') });
          else {
            redirects.save(input);
            imported++;
          }
        });
      });
      const message = `Imported ${imported} ${imported === 1 ? 'redirect' : 'redirects'}.${skipped.length ? ` Skipped ${skipped.map((line) => `line ${line.line} (${line.reason})`).join(', ')}.` : ''}`;
      return { json: { imported, skipped, message } };
    });

    admin.route('GET', '/redirects.csv', () => ({
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${site.id}-redirects.csv"` },
      body: toCsv([['from', 'to', 'status', 'hits'], ...redirects.list().map((redirect) => [redirect.from_path, redirect.to, redirect.status, redirect.hits])]),
    }));
  },
});
