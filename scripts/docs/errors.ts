/**
 * Writes docs/errors.md from core/errors.ts: every error code with its HTTP status and message,
 * so tools can match on codes and the list cannot drift. Run by `npm run docs`.
 */
import { fileURLToPath } from 'node:url';
import { errorSpecs } from '../../core/errors.ts';

export const ERRORS_DOC = fileURLToPath(new URL('../../docs/errors.md', import.meta.url));

/** The message with each argument shown by its name, e.g. `Unknown hook "<name>"`. */
function template(message: (...args: string[]) => string): string {
  const match = /^(?:\(([^)]*)\)|(\w+))\s*=>/.exec(message.toString());
  const params = match?.[1] ?? match?.[2] ?? '';
  const names = params.split(',').map((name) => name.trim()).filter(Boolean);
  return message(...names.map((name) => `<${name}>`)).replace(/\n/g, ' ').replace(/\|/g, '\\|');
}

export function errorsReference(): string {
  const rows = Object.entries(errorSpecs).map(([code, spec]) => `| \`${code}\` | ${spec.status} | ${template(spec.message)} |`);
  return `# Error codes

Generated from [core/errors.ts](../core/errors.ts) by \`npm run docs\`; do not edit by hand.
Every error Guild raises on purpose carries one of these codes (\`error.code\`); the status applies
when the error reaches an HTTP response.

| code | status | message |
| --- | --- | --- |
${rows.join('\n')}
`;
}
