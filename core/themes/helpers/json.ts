/**
 * Usage: <script type="application/ld+json">{{json schema}}</script>, {{json post pretty="true"}}
 * A value as JSON, safe inside a <script> element and an HTML attribute: "<", ">" and "&" are
 * written as \u escapes, so no text in the data can end the script early.
 */
import { SafeString, isTrue, optionsOf, paramsOf } from './shared.ts';

export function json(...args: unknown[]): SafeString {
  const { hash } = optionsOf(args);
  const [value] = paramsOf(args);
  return new SafeString(jsonForScript(value, isTrue(hash.pretty) ? 2 : undefined));
}

/** A value as JSON that no text in it can end a <script> element or an attribute with. */
export function jsonForScript(value: unknown, indent?: number): string {
  const text = JSON.stringify(value ?? null, null, indent) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
