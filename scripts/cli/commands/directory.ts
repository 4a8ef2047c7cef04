/**
 * `guild directory ...`: running a directory (serve, and the operator's orders, confirm and
 * payouts, which read its data folder directly), and opting a site in or out of it (register,
 * unregister, which talk to a directory like every other client command).
 */
import type { Command } from 'commander';
import { createDirectoryApp, formatMoney, type DirectoryClient, type PayoutLine, type SiteRegistration } from '../../../core/directory/index.ts';
import { resolveConfig, siteRegistration, writeProof } from '../../../core/host/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import type { StoredKey } from '../../../core/signing/index.ts';
import { offline } from '../context.ts';
import { localDirectory, signingKey, withDirectory } from '../directory.ts';
import { table } from '../output.ts';

const DIRECTORY = ['--directory <url>', 'the directory (default: GUILD_DIRECTORY, else the embedded one)'] as const;

export function register(program: Command): void {
  const directory = program.command('directory').description('run the network directory, and list sites in it');

  directory
    .command('serve')
    .description('run a directory on its own, with its data in GUILD_DIRECTORY_DATA')
    .option('--port <port>', 'the port to listen on', '4000')
    .action(async (options: { port: string }) => {
      const log = createLogger();
      const opened = await localDirectory();
      const server = createDirectoryApp(opened, log).listen(Number(options.port), () => {
        console.log(`Guild directory serving ${opened.dataDir} on http://localhost:${options.port}/ (API at /api/). Press Ctrl+C to stop.`);
      });
      const stop = () => server.close(() => {
        opened.close();
        process.exit(0);
      });
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  directory
    .command('payouts')
    .description("what each developer is owed from sales, after the network's fee")
    .option('--settle', 'record that everyone owed was paid what they are owed')
    .option('--json', 'print JSON')
    .action(async (options: { settle?: boolean; json?: boolean }) => {
      const opened = await localDirectory();
      try {
        const settled = options.settle ? opened.settlePayouts() : [];
        const report = opened.payouts();
        if (options.json) return console.log(JSON.stringify({ ...report, settled }, null, 2));
        if (report.lines.length === 0) return console.log('No sales yet.');
        const money = (line: Pick<PayoutLine, 'currency'>, amount: number) => formatMoney(amount, line.currency);
        const rows = [['DEVELOPER', 'SALES', 'GROSS', 'FEE', 'SHARE', 'PAID OUT', 'OWED']];
        for (const line of report.lines) rows.push([line.handle, String(line.sales), money(line, line.gross), money(line, line.fee), money(line, line.authorShare), money(line, line.paidOut), money(line, line.owed)]);
        for (const total of report.totals) rows.push([`total ${total.currency}`, String(total.sales), money(total, total.gross), money(total, total.fee), money(total, total.authorShare), money(total, total.paidOut), money(total, total.owed)]);
        console.log(table(rows));
        console.log(`\nFee: ${opened.feeBasisPoints / 100}% of each sale. ${report.totals.every((total) => total.balanced) ? 'Every total balances: gross = fee + share.' : 'THE LEDGER DOES NOT BALANCE.'}`);
        for (const line of settled) console.log(`Recorded a payout of ${formatMoney(line.owed, line.currency)} to ${line.handle}.`);
        if (!report.totals.every((total) => total.balanced)) process.exitCode = 1;
      } finally {
        opened.close();
      }
    });

  directory
    .command('orders')
    .description('orders, newest last, with what each waits for')
    .option('--pending', 'only orders waiting for payment')
    .action(async (options: { pending?: boolean }) => {
      const opened = await localDirectory();
      try {
        const orders = opened.orders(options.pending ? 'pending' : undefined);
        if (orders.length === 0) return console.log(options.pending ? 'No order is waiting for payment.' : 'No orders yet.');
        console.log(table([['ORDER', 'PACKAGE', 'BUYER', 'SITES', 'AMOUNT', 'STATUS', 'REFERENCE'], ...orders.map((order) => [order.id, order.packageId, order.buyer, `${order.sites.join(', ')} (${order.seats})`, formatMoney(order.amount, order.currency), order.status, order.reference])]));
      } finally {
        opened.close();
      }
    });

  directory
    .command('confirm <order>')
    .description('record that an order was paid: issues its licence and writes the sale to the ledger')
    .action(async (orderId: string) => {
      const opened = await localDirectory();
      try {
        const { order, licence } = opened.confirmPayment(orderId);
        console.log(`Order ${order.id} is paid (${formatMoney(order.amount, order.currency)}). Licence ${licence!.id} issued to ${order.buyer} for ${order.packageId}; they get it by running "guild buy" again.`);
      } finally {
        opened.close();
      }
    });

  directory
    .command('invite <handle>')
    .description("let a person claim a handle the directory already knows (a builder or author without a key): prints a one-time code")
    .option('--days <n>', 'how long the code is valid', '14')
    .action(async (handle: string, options: { days: string }) => {
      const opened = await localDirectory();
      try {
        const { code, expires } = opened.invite(handle, Number(options.days) || 14);
        console.log(`Invitation for ${handle}, valid until ${expires.slice(0, 10)}, usable once:\n\n  npx guild keys new --handle ${handle} --invitation ${code}\n\nSend it to ${handle} privately.`);
      } finally {
        opened.close();
      }
    });

  directory
    .command('register <site>')
    .description("list a site in the directory: its domain, title, builder, theme and plugins with versions (signed as its builder)")
    .option('--as <handle>', "the handle to sign as (default: the site's builder)")
    .option(...DIRECTORY)
    .action(async (slug: string, options: { as?: string; directory?: string }) => {
      await asBuilder(slug, options, async (client, key, registration) => {
        // The directory checks that this domain serves a token for this builder; this host serves it.
        const { token } = await client.siteProof(key, registration.domain);
        await writeProof(resolveConfig(), registration.domain, token);
        const site = await client.registerSite(key, registration);
        console.log(`Registered ${site.domain} (${site.title}), built by ${site.builtBy}, with ${site.packages.map((pkg) => `${pkg.id}${pkg.version ? ` ${pkg.version}` : ''}`).join(', ')}.`);
      });
    });

  directory
    .command('unregister <site>')
    .description('take a site out of the directory')
    .option('--as <handle>', "the handle to sign as (default: the site's builder)")
    .option(...DIRECTORY)
    .action(async (slug: string, options: { as?: string; directory?: string }) => {
      await asBuilder(slug, options, async (client, key, registration) => {
        await client.unregisterSite(key, registration.domain);
        console.log(`${registration.domain} is no longer listed in the directory.`);
      });
    });
}

/** Runs `work` with a site's registration and the key of its builder (or --as). */
async function asBuilder(slug: string, options: { as?: string; directory?: string }, work: (client: DirectoryClient, key: StoredKey, registration: SiteRegistration) => Promise<void>): Promise<void> {
  const context = await offline();
  try {
    const registration = siteRegistration(context.registry, context.services, slug);
    const key = await signingKey(options.as, registration.builtBy);
    await withDirectory(options.directory, (client) => work(client, key, registration));
  } finally {
    await context.close();
  }
}
