/**
 * Usage: {{{{raw}}}}<script type="text/x-template">{{ not rendered }}</script>{{{{/raw}}}}
 * Writes its content exactly as typed, mustaches included: for client-side templates.
 */
import { optionsOf } from './shared.ts';

export function raw(...args: unknown[]): string {
  return optionsOf(args).fn(undefined);
}
