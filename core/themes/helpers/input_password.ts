/**
 * Usage: <form method="post">{{input_password}}<button>Enter</button></form> in private.hbs,
 *        {{input_password class="field" placeholder="Password" id="password"}}
 * The password field of a private site's form, as Ghost writes it.
 */
import { SafeString, escapeExpression, optionsOf } from './shared.ts';

export function input_password(...args: unknown[]): SafeString {
  const { hash } = optionsOf(args);
  const placeholder = escapeExpression(String(hash.placeholder ?? 'Password'));
  const className = escapeExpression(String(hash.class ?? 'private-login-password'));
  const id = hash.id === undefined ? '' : ` id="${escapeExpression(String(hash.id))}"`;
  return new SafeString(`<input class="${className}"${id} type="password" name="password" placeholder="${placeholder}" autocomplete="current-password" autofocus required>`);
}
