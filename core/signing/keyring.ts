/**
 * A developer's keys on their own machine: one JSON file per handle under `<GUILD_HOME>/keys/`
 * (default `~/.guild/keys/`), readable by the user alone. The private key never leaves this
 * folder; only signatures and the public key are sent anywhere.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GuildError } from '../errors.ts';
import { generateKeyPair, publicKeyOf } from './keys.ts';

export interface StoredKey {
  readonly handle: string;
  readonly publicKey: string;
  readonly privateKeyPem: string;
  readonly created: string;
}

/** `GUILD_HOME`, else `~/.guild`: where the user's own Guild files live. */
export function guildHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.GUILD_HOME ?? path.join(os.homedir(), '.guild'));
}

export class Keyring {
  readonly dir: string;

  constructor(home: string = guildHome()) {
    this.dir = path.join(home, 'keys');
  }

  /** Makes a key pair for a handle; refuses to replace one that exists. */
  async create(handle: string): Promise<StoredKey> {
    const file = this.#file(handle);
    if (existsSync(file)) throw new GuildError('GUILD_ERR_KEY_EXISTS', handle, file);
    const pair = generateKeyPair();
    const key: StoredKey = { handle, publicKey: pair.publicKey, privateKeyPem: pair.privateKeyPem, created: new Date().toISOString() };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const staging = `${file}.${process.pid}.tmp`;
    await writeFile(staging, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
    await rename(staging, file);
    await chmod(file, 0o600);
    return key;
  }

  async get(handle: string): Promise<StoredKey | undefined> {
    const file = this.#file(handle);
    if (!existsSync(file)) return undefined;
    const key = JSON.parse(await readFile(file, 'utf8')) as StoredKey;
    if (publicKeyOf(key.privateKeyPem) !== key.publicKey) throw new GuildError('GUILD_ERR_KEY_MISSING', handle, `${file} is damaged: its public key does not belong to its private key`);
    return key;
  }

  async handles(): Promise<string[]> {
    if (!existsSync(this.dir)) return [];
    return (await readdir(this.dir)).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)).sort();
  }

  /**
   * The key to sign with: the handle asked for, else the only key there is. Throws a message
   * that says how to make one or which to pick.
   */
  async pick(handle?: string): Promise<StoredKey> {
    if (handle) {
      const key = await this.get(handle);
      if (!key) throw new GuildError('GUILD_ERR_KEY_MISSING', handle, `there is no key for "${handle}" in ${this.dir}; make one with "guild keys new --handle ${handle}"`);
      return key;
    }
    const handles = await this.handles();
    if (handles.length === 1) return (await this.get(handles[0]!))!;
    if (handles.length === 0) throw new GuildError('GUILD_ERR_KEY_MISSING', '(none)', `there are no keys in ${this.dir}; make one with "guild keys new --handle <handle>"`);
    throw new GuildError('GUILD_ERR_KEY_MISSING', '(several)', `${this.dir} holds keys for ${handles.join(', ')}; say which with --as <handle>`);
  }

  /** The key to sign with: `as` if given, else `preferred` if its key is here (a site's builder), else pick(). */
  async signer(as?: string, preferred?: string): Promise<StoredKey> {
    if (!as && preferred) {
      const key = await this.get(preferred);
      if (key) return key;
    }
    return this.pick(as);
  }

  #file(handle: string): string {
    return path.join(this.dir, `${handle}.json`);
  }
}
