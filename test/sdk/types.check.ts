// Type-level test of the SDK, checked by `tsc --noEmit` (npm test): each @ts-expect-error line must
// be an error, or tsc fails with "Unused '@ts-expect-error' directive". A plugin author's editor
// shows the same errors as they type.
import { definePlugin, type CoreTap, type PluginContext } from '@guild/sdk';

definePlugin<{ greeting: string }>({
  setup({ hooks, settings, routes, storage, helpers, jobs }) {
    // What works:
    hooks.addFilter('theme:foot', (html) => `${html}<p>${settings.greeting}</p>`);
    hooks.addFilter('theme:head', async (html, page) => `${html}<!-- ${page.kind} -->`);
    hooks.addFilter('navigation:items', (items) => [...items, { label: 'Shop', url: '/shop/' }]);
    hooks.addAction('page:served', (served) => void served.status);
    hooks.addFilter('request:redirect', (target, request) => (request.path === '/old/' ? { location: '/new/', status: 301 } : target));
    hooks.addFilter('acme.other:thing', (value: unknown) => value);
    routes.get('/hello', (request) => ({ json: { path: request.path } }));
    storage.run(`INSERT INTO ${storage.table('things')} (name) VALUES (?)`, 'x');
    helpers.add('greeting', (args, hash) => `<b>${String(args[0])}${String(hash.x)}</b>`);
    jobs.every('clean', 60_000, async () => {});

    // A misspelt core hook:
    // @ts-expect-error "theme:footer" is not a hook
    hooks.addFilter('theme:footer', (html: string) => html);
    // A filter tapped as an action:
    // @ts-expect-error "theme:foot" is a filter
    hooks.addAction('theme:foot', () => {});
    // An action tapped as a filter:
    // @ts-expect-error "page:served" is an action
    hooks.addFilter('page:served', (value: unknown) => value);
    // A wrong payload shape: navigation items are {label, url}.
    // @ts-expect-error "title" is not a field of a navigation item
    hooks.addFilter('navigation:items', (items) => [...items, { title: 'Shop', url: '/shop/' }]);
    // A tap returning the wrong type for its filter.
    // @ts-expect-error theme:body-class filters a list of class names
    hooks.addFilter('theme:body-class', () => 'one-class');
    // A synchronous filter may not return a promise.
    // @ts-expect-error post:html is synchronous
    hooks.addFilter('post:html', async (html) => html);
    // Reading a payload field that does not exist.
    // @ts-expect-error ServedPage has no "url"
    hooks.addAction('page:served', (served) => void served.url);
    // A redirect status the core does not send.
    // @ts-expect-error 303 is not a redirect status request:redirect allows
    hooks.addFilter('request:redirect', () => ({ location: '/x/', status: 303 }));
    // A setting the plugin did not type.
    // @ts-expect-error "farewell" is not a setting
    void settings.farewell;
    // A route answer with a misspelt field.
    // @ts-expect-error "jsn" is not a response field
    routes.get('/x', () => ({ jsn: {} }));
  },
});

// A tap's type can be named for helpers outside setup.
const foot: CoreTap<'theme:foot'> = (html, page) => `${html}${page.path}`;
void foot;
// @ts-expect-error a context is not something a plugin builds for itself
const fake: PluginContext = { plugin: { id: 'x', version: '1' } };
void fake;
