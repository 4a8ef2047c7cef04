/**
 * The host's side of a call's arguments into a sandboxed plugin: each call's arguments in
 * call-protocol.ts's one string, and the objects lent to the guest while their calls last, which
 * the guest reads field by field through its host function (host-requests.ts, `read`).
 */
import { GuildError } from '../../errors.ts';
import { ArgumentForm, carriesIntact, isLent } from './call-protocol.ts';

/** One call's arguments as they travel, and the numbers of the objects lent for it. */
export interface SentArguments {
  readonly form: ArgumentForm;
  readonly payload: string;
  readonly lent: readonly number[];
}

export class CallArguments {
  readonly #pluginId: string;
  readonly #lent = new Map<number, Record<string, unknown>>();
  #nextLent = 1;

  constructor(pluginId: string) {
    this.#pluginId = pluginId;
  }

  /** A call's arguments in call-protocol.ts's form for them; an object lent stays readable until `giveBack`. */
  send(args: readonly unknown[]): SentArguments {
    if (args.some(isLent)) {
      const lent: number[] = [];
      const spec: Array<[number, number, ...string[]]> = [];
      const values = args.map((value, position) => {
        if (!isLent(value, position)) return value;
        const id = this.#nextLent++;
        this.#lent.set(id, value);
        lent.push(id);
        // The fields JSON would carry: one holding undefined or a function is left out, as a copy leaves it.
        spec.push([position, id, ...Object.keys(value).filter((key) => value[key] !== undefined && typeof value[key] !== 'function')]);
        return null;
      });
      const [first] = args;
      if (typeof first === 'string' && carriesIntact(first)) return { form: ArgumentForm.TextLent, payload: `${JSON.stringify([values.slice(1), spec])}\n${first}`, lent };
      return { form: ArgumentForm.Lent, payload: JSON.stringify([values, spec]), lent };
    }
    if (args.length !== 1) return { form: ArgumentForm.List, payload: JSON.stringify(args), lent: [] };
    if (typeof args[0] === 'string' && carriesIntact(args[0])) return { form: ArgumentForm.Text, payload: args[0], lent: [] };
    // As in a list: what JSON cannot carry (undefined, a function) arrives as null.
    return { form: ArgumentForm.One, payload: JSON.stringify(args[0]) ?? 'null', lent: [] };
  }

  /** The call is over (its promise settled, if it had one): what it lent is no longer readable. */
  giveBack(sent: SentArguments): void {
    for (const id of sent.lent) this.#lent.delete(id);
  }

  /** Field `key` of the object lent as `id`, for the guest. */
  read(id: number, key: string): unknown {
    const lent = this.#lent.get(id);
    if (!lent) throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#pluginId, `read "${key}" of an argument after its call had ended: keep what you need of it during the call`);
    return Object.hasOwn(lent, key) ? lent[key] : undefined;
  }
}
