/**
 * Usage: <script type="application/ld+json">{{json schema}}</script>, {{json post pretty="true"}}
 * A value as JSON, safe inside a <script> element and an HTML attribute: "<", ">" and "&" are
 * written as \u escapes, so no text in the data can end the script early.
 */
import { SafeString, isTrue, optionsOf, paramsOf } from './shared.ts';

export function json(...args: unknown[]): SafeString {
  const { hash } = optionsOf(args);
  const [value] = paramsOf(args);
  const text = JSON.stringify(value ?? null, null, isTrue(hash.pretty) ? 2 : undefined) ?? 'null';
  return new SafeString(text.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
