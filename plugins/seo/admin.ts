/**
 * The SEO plugin in the admin: a page listing the posts with overrides, a form to set a post's,
 * and a JSON route per post for the editor's SEO panel (GET to read, POST to save, DELETE to clear).
 */
import type { FormField, PluginAdmin, PluginRequest, PluginResponse } from '@guild/sdk';
import type { Overrides } from './overrides.ts';

export const overrideFields: FormField[] = [
  { name: 'post', label: 'Post or page id', type: 'number', required: true, min: 1 },
  { name: 'title', label: 'Title for search results', type: 'text', maxLength: 70, help: 'Leave empty to use the post’s title' },
  { name: 'description', label: 'Description', type: 'textarea', maxLength: 200, help: 'Leave empty to use the excerpt' },
  { name: 'image', label: 'Image for shared links', type: 'image' },
  { name: 'noindex', label: 'Keep out of search results and the sitemap', type: 'checkbox' },
];

export function registerAdmin(admin: PluginAdmin, overrides: Overrides, changed: () => void): void {
  admin.page('overrides', {
    title: 'SEO overrides',
    render: () => ({
      blocks: [
        { type: 'text', text: 'What search engines and shared links show for a post, where it should differ from the post itself.' },
        {
          type: 'table',
          columns: [
            { key: 'post_id', label: 'Post' },
            { key: 'title', label: 'Title' },
            { key: 'description', label: 'Description' },
            { key: 'noindex', label: 'Hidden from search' },
          ],
          rows: overrides.all().map((override) => ({ ...override, noindex: override.noindex ? 'yes' : '' })),
          empty: 'No post has overrides yet.',
        },
        { type: 'form', title: 'Set a post’s overrides', fields: overrideFields, action: { method: 'POST', path: '/overrides' }, submit: 'Save' },
      ],
    }),
  });

  const postId = (request: PluginRequest): number | undefined => {
    const raw = request.params.post ?? (request.body as Record<string, unknown> | null)?.post;
    const id = Number(raw);
    return Number.isSafeInteger(id) && id > 0 ? id : undefined;
  };
  const save = (request: PluginRequest): PluginResponse => {
    const id = postId(request);
    if (!id) return { status: 422, json: { problems: [{ field: 'post', message: 'must be the id of a post or page' }] } };
    const problems = overrides.save(id, (request.body ?? {}) as Record<string, unknown>);
    if (problems.length) return { status: 422, json: { problems } };
    changed();
    return { json: overrides.get(id) ?? { post_id: id } };
  };
  admin.route('POST', '/overrides', save);
  admin.route('POST', '/overrides/:post', save);
  admin.route('GET', '/overrides/:post', (request) => {
    const id = postId(request);
    return { json: (id && overrides.get(id)) || { post_id: id ?? null, title: null, description: null, image: null, noindex: false } };
  });
  admin.route('DELETE', '/overrides/:post', (request) => {
    const id = postId(request);
    if (id) overrides.remove(id);
    changed();
    return { status: 204 };
  });
}
