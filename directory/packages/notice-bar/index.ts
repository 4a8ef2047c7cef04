/** A notice across the top of every page, as an ARIA region so screen readers announce it once. */
import { definePlugin } from '@guild/sdk';

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export default definePlugin<{ text: string; link: string }>({
  setup({ hooks, settings }) {
    if (!settings.text) return;
    const text = escape(settings.text);
    const body = settings.link ? `<a href="${escape(settings.link)}" style="color:inherit">${text}</a>` : text;
    hooks.addFilter('theme:foot', (html) => `${html}<div role="region" aria-label="Notice" style="position:fixed;inset:0 0 auto 0;padding:.5rem 1rem;background:#1c2330;color:#fff;text-align:center;font:600 15px/1.4 system-ui,sans-serif;z-index:50">${body}</div>`);
  },
});
