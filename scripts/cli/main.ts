/**
 * The `guild` command: `npx guild <command>`. Each command lives in its own file under
 * commands/; this file only assembles them and turns errors into a message and an exit code.
 * Only the files of the command being run are loaded (all of them for help), so a quick command
 * such as `guild site new` starts quickly.
 */
import { Command } from 'commander';
import { GUILD_VERSION } from '../../core/version.ts';

type Loader = () => Promise<{ register: (program: Command) => void }>;

const backup: Loader = () => import('./commands/backup.ts');
const directory: Loader = () => import('./commands/directory.ts');
const hooks: Loader = () => import('./commands/hooks.ts');
const importer: Loader = () => import('./commands/import.ts');
const keys: Loader = () => import('./commands/keys.ts');
const migrateStore: Loader = () => import('./commands/migrate-store.ts');
const packages: Loader = () => import('./commands/packages.ts');
const plugin: Loader = () => import('./commands/plugin.ts');
const proxy: Loader = () => import('./commands/proxy.ts');
const publish: Loader = () => import('./commands/publish.ts');
const site: Loader = () => import('./commands/site.ts');
const siteLifecycle: Loader = () => import('./commands/site-lifecycle.ts');
const siteTransfer: Loader = () => import('./commands/site-transfer.ts');
const start: Loader = () => import('./commands/start.ts');
const theme: Loader = () => import('./commands/theme.ts');
const user: Loader = () => import('./commands/user.ts');

/** The files that register each top-level command, in the order help lists them. */
const commands: Record<string, Loader[]> = {
  start: [start],
  site: [site, siteTransfer, siteLifecycle],
  hooks: [hooks],
  import: [importer],
  plugin: [plugin],
  theme: [theme],
  user: [user],
  keys: [keys],
  publish: [publish],
  yank: [publish],
  add: [packages],
  remove: [packages],
  buy: [packages],
  directory: [directory],
  backup: [backup],
  'migrate-store': [migrateStore],
  proxy: [proxy],
};

const program = new Command('guild')
  .description('Guild: one host, many client sites. GUILD_SITES sets the sites folder (default ./sites).')
  .version(GUILD_VERSION)
  .showHelpAfterError();

try {
  const wanted = commands[process.argv[2] ?? ''] ?? Object.values(commands).flat();
  for (const load of new Set(wanted)) (await load()).register(program);
  await program.parseAsync();
} catch (error) {
  // A Guild error leads with its code, which docs/errors.md lists with what to do.
  const code = (error as { code?: unknown } | undefined)?.code;
  console.error(`guild: ${typeof code === 'string' && code.startsWith('GUILD_ERR_') ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
