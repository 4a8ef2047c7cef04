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
- A tap that throws, rejects or runs past the time limit is skipped and the hook goes on; after
  5 failures within a minute its plugin is switched off on that site.

| hook | kind | when it runs |
| --- | --- | --- |
${rows.join('\n')}
`;
}
