/**
 * A contact form a theme ({{contact_form}}) or a post ("[contact-form]" on a line of its own)
 * can include. Messages are stored in the plugin's own tables, listed in the admin with a CSV
 * export, and announced by mail. Spam is kept out by a honeypot field and an hourly limit per
 * visitor; the form works without JavaScript.
 */
import { definePlugin, escapeHtml, sha256, sitePathOr, toCsv, type PluginRequest } from '@guild/sdk';
import { HONEYPOT, formHtml, problems, type FormValues } from './form.ts';
import { Messages, migrations } from './messages.ts';

export interface ContactSettings {
  notify?: string;
  subject: string;
  thanks: string;
  perHour: number;
}

/** "[contact-form]" alone in a paragraph (as editors write it) or on a line. */
const SHORTCODE = /(?:<p>\s*)?\[contact-form\](?:\s*<\/p>)?/g;

export default definePlugin<ContactSettings>({
  migrations,
  setup({ hooks, settings, routes, helpers, storage, admin, mail, jobs, log, site }) {
    const messages = new Messages(storage);
    const action = routes.url('/submit');
    /** Where to send the visitor back: a path on this site, never elsewhere. */

    helpers.add('contact_form', (_args, _hash, call) => formHtml(action, call.path));
    hooks.addFilter('post:html', (html, { post }) => (html.includes('[contact-form]') ? html.replace(SHORTCODE, formHtml(action, post.url)) : html));
    // The shortcode is for the page's body, not for its description in search results.
    hooks.addFilter('page:meta', (meta) => (meta.description.includes('[contact-form]') ? { ...meta, description: meta.description.replaceAll('[contact-form]', '').replace(/\s+/g, ' ').trim() } : meta));

    routes.post('/submit', async (request: PluginRequest) => {
      const body = (request.body ?? {}) as Record<string, string>;
      const back = sitePathOr(body.return);
      // A filled honeypot is a bot: thank it like anyone, keep nothing.
      if (body[HONEYPOT]) return { page: { title: 'Message sent', html: thanks(settings.thanks, back) } };
      const visitor = sha256(`${site.id}:${request.ip}`);
      if (!messages.allow(visitor, settings.perHour)) {
        return { status: 429, headers: { 'Retry-After': '3600' }, page: { title: 'Please wait a little', html: `<p>You have sent several messages in the last hour. Please try again later, or write to us directly.</p><p><a href="${escapeHtml(back)}">Back</a></p>` } };
      }
      const values: FormValues = { name: body.name?.trim(), email: body.email?.trim(), message: body.message?.trim() };
      const errors = problems(values);
      if (Object.keys(errors).length > 0) {
        return { status: 422, page: { title: 'Please check your message', html: `<p>Something in the form needs another look.</p>${formHtml(action, back, values, errors)}` } };
      }
      const saved = messages.add({ name: values.name!, email: values.email!, message: values.message!, page: back });
      if (settings.notify) {
        await mail
          .send({ to: settings.notify, subject: settings.subject, text: `${saved.name} <${saved.email}> wrote on ${site.url}${saved.page}:\n\n${saved.message}\n` })
          .catch((error: unknown) => log.error('the notification could not be sent; the message is kept in the admin', { error: String(error) }));
      }
      return { page: { title: 'Message sent', html: thanks(settings.thanks, back) } };
    });

    admin.page('messages', {
      title: 'Contact form messages',
      render: () => {
        const list = messages.list();
        return {
          blocks: [
            { type: 'stats', items: [{ label: 'Messages', value: list.length }] },
            { type: 'link', label: 'Download all as CSV', path: '/messages.csv', download: true },
            {
              type: 'table',
              columns: [
                { key: 'created_at', label: 'Received' },
                { key: 'name', label: 'Name' },
                { key: 'email', label: 'Email' },
                { key: 'message', label: 'Message' },
                { key: 'page', label: 'Sent from' },
              ],
              rows: list,
              empty: 'No messages yet.',
              actions: [{ label: 'Delete', method: 'DELETE', path: '/messages/:id', confirm: 'Delete the message from :name for good?' }],
            },
          ],
        };
      },
    });
    admin.route('GET', '/messages.csv', () => ({
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${site.id}-messages.csv"` },
      body: toCsv([['received', 'name', 'email', 'message', 'page'], ...messages.list(100_000).map((message) => [message.created_at, message.name, message.email, message.message, message.page])]),
    }));
    admin.route('DELETE', '/messages/:id', (request) => (messages.remove(Number(request.params.id)) ? { status: 204 } : { status: 404, json: { error: 'no such message' } }));

    jobs.every('forget old attempts', 3_600_000, () => void messages.forgetOldAttempts());
  },
});

function thanks(text: string, back: string): string {
  return `<p class="contact-form-thanks">${escapeHtml(text)}</p><p><a href="${escapeHtml(back)}">Back to where you were</a></p>`;
}
