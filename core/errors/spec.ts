/** What every entry of the error catalogue has: an HTTP status and a message that says how to fix it. */
export interface GuildErrorSpec {
  readonly status: number;
  readonly message: (...args: string[]) => string;
}
