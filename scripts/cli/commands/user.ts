/**
 * `guild user add | list | remove`: who may log in to a site's admin, from the terminal. Accounts
 * live in the host database (GUILD_DATA), so one account can be a member of many sites.
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { isRole, passwordProblem, ROLES, type Role } from '../../../core/auth/index.ts';
import { withAuth } from '../context.ts';
import { table } from '../output.ts';
import { addresses } from '../running.ts';

export function register(program: Command): void {
  const user = program.command('user').description("manage who can log in to a site's admin");

  user
    .command('add <site> <email>')
    .description('give an email a role on a site, creating the account if needed (asks for a password when --password is left out)')
    .requiredOption('--role <role>', `the role on the site: ${ROLES.join(', ')}`)
    .option('--password <password>', "the account's password (for a new account, or to change it)")
    .option('--name <name>', 'the name shown in the admin and on posts (default: from the email)')
    .action(async (site: string, email: string, options: { role: string; password?: string; name?: string }) => {
      if (!isRole(options.role)) throw new Error(`"${options.role}" is not a role. Use one of: ${ROLES.join(', ')}.`);
      await withAuth(site, async (auth) => {
        const exists = Boolean(await auth.accounts.findByEmail(email));
        const password = options.password ?? (exists ? undefined : await askPassword(`Password for ${email}: `));
        const problem = password === undefined ? undefined : passwordProblem(password);
        if (problem) throw new Error(`Cannot use that password: ${problem}.`);
        const { membership, created } = await auth.grant({
          site,
          email,
          role: options.role as Role,
          ...(options.name ? { name: options.name } : {}),
          ...(password ? { password } : {}),
        });
        const what = created ? 'Created the account' : password ? 'Updated the password of' : 'Kept the password of';
        const where = await addresses();
        console.log(`${what} ${email}; it is an ${membership.role} of ${site}.\nLog in at ${where.at.site({ slug: site }).adminUrl}/admin/${where.note ? `\n${where.note}` : ''}`);
      });
    });

  user
    .command('list <site>')
    .description('everyone who can log in to a site, with their role')
    .action(async (site: string) => {
      await withAuth(site, async (auth) => {
        const members = await auth.accounts.members(site);
        if (members.length === 0) return console.log(`Nobody can log in to ${site} yet. Add someone with "guild user add ${site} <email> --role owner".`);
        console.log(table([['EMAIL', 'NAME', 'ROLE', 'LAST SEEN'], ...members.map((member) => [member.email, member.name, member.role, member.lastSeenAt ?? 'never'])]));
      });
    });

  user
    .command('remove <site> <email>')
    .description('take an account off a site (the account stays for its other sites)')
    .action(async (site: string, email: string) => {
      await withAuth(site, async (auth) => {
        const account = await auth.accounts.findByEmail(email);
        if (!account || !(await auth.accounts.membership(site, account.id))) throw new Error(`${email} is not a member of ${site}.`);
        await auth.accounts.removeMember(site, account.id);
        console.log(`${email} can no longer log in to ${site}.`);
      });
    });
}

/** Reads a password from the terminal without showing it. */
async function askPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('No --password given and no terminal to ask on. Pass --password <password>.');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WritableStream };
  let asking = true;
  output._writeToOutput = (text: string) => {
    if (!asking || text.startsWith(prompt) || text === '\r\n' || text === '\n') output.output.write(text);
  };
  try {
    return await new Promise<string>((resolve) => rl.question(prompt, resolve));
  } finally {
    asking = false;
    rl.close();
    process.stdout.write('\n');
  }
}
