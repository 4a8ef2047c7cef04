/**
 * The SEO plugin in the admin: a panel in the post editor's settings for one post's overrides
 * (through the core's admin:editor-panels filter), the JSON route it reads and saves them with
 * (GET to read, POST to save, DELETE to clear), and a page listing the posts that have any.
 */
import type { FormField, PluginAdmin, PluginHooks, PluginRequest, PluginResponse } from '@guild/sdk';
import type { Overrides } from './overrides.ts';

export const overrideFields: FormField[] = [
  { name: 'title', label: 'Title for search results', type: 'text', maxLength: 70, help: 'Leave empty to use the post’s title.' },
  { name: 'description', label: 'Description', type: 'textarea', maxLength: 200, help: 'Leave empty to use the excerpt.' },
  { name: 'image', label: 'Image for shared links', type: 'image', help: 'Leave empty to use the feature image.' },
  { name: 'noindex', label: 'Keep out of search results and the sitemap', type: 'checkbox' },
];

export function registerAdmin(plugin: string, admin: PluginAdmin, hooks: PluginHooks, overrides: Overrides, changed: () => void): void {
  hooks.addFilter('admin:editor-panels', (panels) => [
    ...panels,
    { plugin, title: 'Search and sharing', description: 'What search engines and shared links show for this post, where it should differ from the post itself.', path: '/overrides/:post', fields: overrideFields },
  ]);

  admin.page('overrides', {
    title: 'SEO overrides',
    render: () => ({
      blocks: [
        { type: 'text', text: 'Posts and pages whose search result or shared link differs from the post itself. Set them in the editor, under the post’s settings: Search and sharing.' },
        {
          type: 'table',
          columns: [
            { key: 'post_id', label: 'Post' },
            { key: 'title', label: 'Title' },
            { key: 'description', label: 'Description' },
            { key: 'hidden', label: 'Hidden from search' },
          ],
          rows: overrides.all().map((override) => ({ ...override, hidden: override.noindex ? 'yes' : '' })),
          empty: 'No post has overrides yet.',
          actions: [
            { label: 'Change', form: { title: 'Change the overrides', fields: overrideFields, action: { method: 'POST', path: '/overrides/:post_id' }, submit: 'Save' } },
            { label: 'Clear', method: 'DELETE', path: '/overrides/:post_id', confirm: 'Clear the overrides of post :post_id? It shows its own title and description again.' },
          ],
        },
      ],
    }),
  });

  const postId = (request: PluginRequest): number | undefined => {
    const id = Number(request.params.post);
    return Number.isSafeInteger(id) && id > 0 ? id : undefined;
  };
  admin.route('POST', '/overrides/:post', (request): PluginResponse => {
    const id = postId(request);
    if (!id) return { status: 422, json: { problems: [{ field: 'post', message: 'must be the id of a post or page' }] } };
    const problems = overrides.save(id, (request.body ?? {}) as Record<string, unknown>);
    if (problems.length) return { status: 422, json: { problems } };
    changed();
    return { json: overrides.get(id) ?? { post_id: id } };
  });
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
