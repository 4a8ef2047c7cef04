/** `guild keys new | list`: a developer's signing keys, kept under GUILD_HOME (default ~/.guild/keys). */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { fingerprint, Keyring } from '../../../core/signing/index.ts';
import { withDirectory } from '../directory.ts';
import { shown } from '../output.ts';

export function register(program: Command): void {
  const keys = program.command('keys').description('your signing keys for publishing, buying and registering sites');

  keys
    .command('new')
    .description('make an ed25519 key pair for a handle and register its public key with the directory')
    .requiredOption('--handle <handle>', 'your handle, like "ada": lowercase letters, digits and dashes')
    .option('--name <name>', 'your name as the directory shows it')
    .option('--directory <url>', 'the directory (default: GUILD_DIRECTORY, else the embedded one)')
    .action(async (options: { handle: string; name?: string; directory?: string }) => {
      const keyring = new Keyring();
      const key = await keyring.create(options.handle);
      try {
        const { created } = await withDirectory(options.directory, (client) => client.registerKey(key, options.name));
        console.log(`Made a key for ${key.handle} (${fingerprint(key.publicKey)}) in ${shown(path.join(keyring.dir, `${key.handle}.json`))}.`);
        console.log(created ? 'Registered its public key with the directory.' : 'The directory already knew this key.');
      } catch (error) {
        // A key the directory refused is of no use; leave nothing behind so the command can be run again.
        await rm(path.join(keyring.dir, `${key.handle}.json`), { force: true });
        throw error;
      }
    });

  keys
    .command('list')
    .description('the handles you hold keys for, with their fingerprints')
    .action(async () => {
      const keyring = new Keyring();
      const handles = await keyring.handles();
      if (handles.length === 0) return console.log(`No keys in ${shown(keyring.dir)}. Make one with: npx guild keys new --handle <handle>`);
      for (const handle of handles) console.log(`${handle}  ${fingerprint((await keyring.get(handle))!.publicKey)}`);
    });
}
