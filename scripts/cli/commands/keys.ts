/** `guild keys new | list`: a developer's signing keys, kept under GUILD_HOME (default ~/.guild/keys). */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { fingerprint, Keyring } from '../../../core/signing/index.ts';
import { GuildError } from '../../../core/errors.ts';
import { resolveConfig, writeProof } from '../../../core/host/index.ts';
import { siteDomains } from '../../../core/site/index.ts';
import { offline } from '../context.ts';
import { withDirectory } from '../directory.ts';
import { shown } from '../output.ts';

export function register(program: Command): void {
  const keys = program.command('keys').description('your signing keys for publishing, buying and registering sites');

  keys
    .command('new')
    .description('make an ed25519 key pair for a handle and register its public key with the directory')
    .requiredOption('--handle <handle>', 'your handle, like "ada": lowercase letters, digits and dashes')
    .option('--name <name>', 'your name as the directory shows it')
    .option('--invitation <code>', "claim a handle the directory already knows with the operator's invitation (guild directory invite)")
    .option('--site <site>', 'claim a handle the directory already knows through a site listed as built by it, served by this machine\'s host')
    .option('--directory <url>', 'the directory (default: GUILD_DIRECTORY, else the embedded one)')
    .action(async (options: { handle: string; name?: string; invitation?: string; site?: string; directory?: string }) => {
      const keyring = new Keyring();
      const key = await keyring.create(options.handle);
      try {
        const { created } = await withDirectory(options.directory, async (client) => {
          if (!options.site) return client.registerKey(key, options.name, options.invitation ? { invitation: options.invitation } : {});
          const domain = await siteDomain(options.site);
          const { token } = await client.handleProof(key.handle, key.publicKey, domain);
          await writeProof(resolveConfig(), domain, token);
          return client.registerKey(key, options.name, { site: domain });
        });
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

/** The public domain of a site on this machine (its first in site.json). */
async function siteDomain(slug: string): Promise<string> {
  const context = await offline();
  try {
    const manifest = context.registry.get(slug)?.manifest;
    if (!manifest) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, context.registry.sitesDir);
    return siteDomains(manifest)[0]!;
  } finally {
    await context.close();
  }
}
