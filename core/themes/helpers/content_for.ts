/**
 * Usage: {{#contentFor "scripts"}}<script src="..."></script>{{/contentFor}} in a template, and
 * {{{block "scripts"}}} in its layout: a template hands markup to a named slot of its layout.
 */
import { optionsOf } from './shared.ts';

export function contentFor(this: unknown, name: unknown, ...rest: unknown[]): string {
  const options = optionsOf(rest);
  const slot = String(name);
  (options.data.blocks[slot] ??= []).push(options.fn(this));
  return '';
}

export function block(this: unknown, name: unknown, ...rest: unknown[]): string {
  const options = optionsOf(rest);
  const parts = options.data.blocks[String(name)];
  return parts ? parts.join('\n') : (options.fn?.(this) ?? '');
}
