/**
 * Writes docs/hooks.md from the hook catalog, so the reference cannot drift from the code.
 * Run by `npm run docs`; a test fails when the committed file is out of date.
 */
import { fileURLToPath } from 'node:url';
import { coreHooks } from '../../core/hooks/index.ts';

export const HOOKS_DOC = fileURLToPath(new URL('../../docs/hooks.md', import.meta.url));

export function hooksReference(): string {
  const rows = Object.entries(coreHooks).map(([name, spec]) => `| \`${name}\` | ${spec.mode} ${spec.kind} | ${spec.doc} |`);
  return `# Hook reference

Generated from [core/hooks/catalog.ts](../core/hooks/catalog.ts) by \`npm run docs\`; do not edit by hand.
Payload types are in [core/hooks/payloads.ts](../core/hooks/payloads.ts) and reach plugins through \`@guild/sdk\`.

- An **action** tells its taps something happened: \`hooks.addAction(name, (payload) => { ... })\`.
- A **filter** passes a value through its taps: \`hooks.addFilter(name, (value, context) => newValue)\`;
  returning nothing keeps the value.
- A **sync** hook's taps must return at once; an **async** hook awaits each tap before the next.
- Taps run by priority (lower first, default 10), then in the order they were added.
- A plugin's own hooks run with \`hooks.applyFilters(name, value, ...args)\` and
  \`hooks.doAction(name, ...args)\`; every argument reaches every tap. Applying an action or doing a
  filter is refused with \`GUILD_ERR_HOOK_KIND\`.
- As in WordPress: \`hooks.has(name, fn)\` is the (lowest) priority \`fn\` is tapped at or \`false\`
  (\`has_filter\`), \`hooks.has(name, fn, priority)\` whether it is tapped there, \`hooks.has(name)\`
  whether the hook has any tap; \`hooks.removeAll(name, priority?)\` takes every tap
  off (\`remove_all_filters\`); \`hooks.did\`, \`doing\`, \`current\` and \`currentPriority\` tell what ran
  and what is running (\`did_action\`, \`doing_filter\`, \`current_filter\`, \`current_priority\`), and
  only while it runs: a timer or promise a tap leaves behind does not see the hook as running.
- A tap that throws, rejects or runs past the time limit is skipped and the hook goes on; after
  5 failures within a minute its plugin is switched off on that site.

| hook | kind | when it runs |
| --- | --- | --- |
${rows.join('\n')}
`;
}
