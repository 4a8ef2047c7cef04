/**
 * The `guild` command: `npx guild <command>`. Each command lives in its own file under
 * commands/; this file only assembles them and turns errors into a message and an exit code.
 */
import { Command } from 'commander';
import { GUILD_VERSION } from '../../core/version.ts';
import { register as directory } from './commands/directory.ts';
import { register as hooks } from './commands/hooks.ts';
import { register as importer } from './commands/import.ts';
import { register as keys } from './commands/keys.ts';
import { register as packages } from './commands/packages.ts';
import { register as plugin } from './commands/plugin.ts';
import { register as publish } from './commands/publish.ts';
import { register as site } from './commands/site.ts';
import { register as siteTransfer } from './commands/site-transfer.ts';
import { register as start } from './commands/start.ts';
import { register as theme } from './commands/theme.ts';
import { register as user } from './commands/user.ts';

const program = new Command('guild')
  .description('Guild: one host, many client sites. GUILD_SITES sets the sites folder (default ./sites).')
  .version(GUILD_VERSION)
  .showHelpAfterError();

for (const register of [start, site, siteTransfer, hooks, importer, plugin, theme, user]) register(program);
for (const register of [keys, publish, packages, directory]) register(program);

try {
  await program.parseAsync();
} catch (error) {
  console.error(`guild: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
