/**
 * Selling through a directory: orders wait for their payment, a paid order issues one licence and
 * one ledger entry, seats are reused before anyone pays twice, and any payment provider plugs in.
 * And who may say which sites they built.
 */
import { mkdtempSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Directory, type OrderToPay, type PaymentProvider } from '../../core/directory/index.ts';
import { integrityOf } from '../../core/packages/index.ts';
import { buildPluginPackage } from '../../core/plugins/index.ts';
import { checkLicence, generateKeyPair, packageStatement, signText } from '../../core/signing/index.ts';
import { pluginFolder } from '../support/directory.ts';

/** A stand-in card processor: the money is in at once. */
class InstantProvider implements PaymentProvider {
  readonly id = 'instant';
  readonly orders: OrderToPay[] = [];
  async begin(order: OrderToPay) {
    this.orders.push(order);
    return { status: 'paid' as const, reference: `ch_${order.id}`, instructions: '' };
  }
}
import { describeEachHost } from '../support/stores.ts';

describeEachHost('selling through the directory', (engine) => {
  let work: string;
  let invoiced: Directory;
  let instant: Directory;
  const provider = new InstantProvider();
  const now = new Date('2026-03-01T10:00:00Z');

  async function publishTo(directory: Directory, spec: Parameters<typeof pluginFolder>[1]): Promise<void> {
    const key = generateKeyPair();
    directory.registerKey({ handle: spec.author, publicKey: key.publicKey });
    const archive = readFileSync((await buildPluginPackage(pluginFolder(path.join(work, directory === invoiced ? 'a' : 'b'), spec))).packed.file);
    const signature = signText(packageStatement({ id: spec.id, version: spec.version, integrity: integrityOf(archive) }), key.privateKeyPem);
    await directory.publish({ id: spec.id, version: spec.version, archive, signature, handle: spec.author });
  }

  const places: Array<{ options: { databaseUrl?: string }; drop(): Promise<void> }> = [];

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'guild-sales-'));
    // Two directories, each in a database of its own on PostgreSQL.
    places.push(await engine.prepare(), await engine.prepare());
    invoiced = await Directory.open({ dataDir: path.join(work, 'invoiced'), now: () => now, ...places[0]!.options });
    instant = await Directory.open({ dataDir: path.join(work, 'instant'), payments: provider, feeBasisPoints: 250, now: () => now, ...places[1]!.options });
    for (const directory of [invoiced, instant]) {
      await publishTo(directory, { id: 'mira.shop', version: '1.0.0', author: 'mira', price: { amount: 4999, currency: 'EUR', months: 12 } });
      await publishTo(directory, { id: 'guild.free', version: '1.0.0', author: 'guild' });
      directory.addPerson({ handle: 'ada' });
    }
  });
  afterAll(async () => {
    invoiced.close();
    instant.close();
    for (const place of places) await place.drop();
  });

  describe('buying on invoice', () => {
    it('refuses to sell a free package', async () => {
      await expect(invoiced.buy({ buyer: 'ada', packageId: 'guild.free', domain: 'bakery.example' })).rejects.toMatchObject({ code: 'GUILD_ERR_PACKAGE_FREE' });
    });

    it('records a pending order with the invoice, and the same order again until it is paid', async () => {
      const first = await invoiced.buy({ buyer: 'ada', packageId: 'mira.shop', domain: 'bakery.example' });
      expect(first.licence).toBeUndefined();
      expect(first.order).toMatchObject({ status: 'pending', provider: 'invoice', amount: 4999, currency: 'EUR', seats: 1, sites: ['bakery.example'], instructions: expect.stringMatching(/^Invoice INV-[0-9A-F]+: pay EUR 49\.99 to .+ by 2026-03-15/) });
      const again = await invoiced.buy({ buyer: 'ada', packageId: 'mira.shop', domain: 'bakery.example' });
      expect(again.order.id).toBe(first.order.id);
      expect(invoiced.payouts().lines).toEqual([]);
    });

    it('issues one licence and one ledger entry when the payment is confirmed, however often', async () => {
      const [pending] = invoiced.orders('pending');
      const paid = invoiced.confirmPayment(pending!.id);
      expect(paid.order.status).toBe('paid');
      expect(paid.licence!.claims).toMatchObject({ package: 'mira.shop', buyer: 'ada', sites: ['bakery.example'], seats: 1, expires: '2027-03-01T10:00:00.000Z' });
      expect(checkLicence(paid.licence!.token, { package: 'mira.shop', domains: ['bakery.example'], trustedKeys: [invoiced.publicKey], now })).toMatchObject({ ok: true });
      expect(invoiced.confirmPayment(pending!.id).licence!.id).toBe(paid.licence!.id);
      expect(invoiced.payouts().lines).toEqual([expect.objectContaining({ handle: 'mira', sales: 1, gross: 4999, fee: 150, authorShare: 4849, owed: 4849 })]);
      const bought = await invoiced.buy({ buyer: 'ada', packageId: 'mira.shop', domain: 'bakery.example' });
      expect(bought.licence!.id).toBe(paid.licence!.id);
    });
    it('takes no order for a version whose archive it cannot deliver (issue 13)', async () => {
      await publishTo(invoiced, { id: 'noor.lost', version: '1.0.0', author: 'noor', price: { amount: 900, currency: 'EUR' } });
      const file = invoiced.archiveFile('noor.lost', '1.0.0')!;
      renameSync(file, `${file}.away`);
      await expect(invoiced.buy({ buyer: 'ada', packageId: 'noor.lost', domain: 'bakery.example' })).rejects.toMatchObject({ code: 'GUILD_ERR_DIRECTORY_ARCHIVE_MISSING', message: expect.stringContaining('Nothing was ordered or charged') });
      expect(invoiced.orders().filter((order) => order.packageId === 'noor.lost')).toEqual([]);
      renameSync(`${file}.away`, file);
      expect((await invoiced.buy({ buyer: 'ada', packageId: 'noor.lost', domain: 'bakery.example' })).order.status).toBe('pending');
    });
  });

  describe('a card processor behind the provider interface', () => {
    it('pays at once; a licence for two sites takes the second site without a second payment', async () => {
      const first = await instant.buy({ buyer: 'ada', packageId: 'mira.shop', domain: 'one.example', seats: 2 });
      expect(first.order).toMatchObject({ status: 'paid', provider: 'instant', reference: `ch_${first.order.id}`, amount: 9998 });
      const second = await instant.buy({ buyer: 'ada', packageId: 'mira.shop', domain: 'two.example' });
      expect(second.licence!.id).toBe(first.licence!.id);
      expect(second.licence!.claims.sites).toEqual(['one.example', 'two.example']);
      expect(checkLicence(second.licence!.token, { package: 'mira.shop', domains: ['two.example'], trustedKeys: [instant.publicKey], now }).ok).toBe(true);
      const third = await instant.buy({ buyer: 'ada', packageId: 'mira.shop', domain: 'three.example' });
      expect(third.licence!.id).not.toBe(first.licence!.id);
      expect(provider.orders.map((order) => order.amount)).toEqual([9998, 4999]);
      const [line] = instant.payouts().lines;
      expect(line).toMatchObject({ sales: 2, gross: 14997, fee: 375, authorShare: 14622 });
    });
  });

  describe('who may register a site', () => {
    const site = { domain: 'bakery.example', title: 'Bakery', builtBy: 'ada', theme: { id: 'journal', version: '1.0.0' }, plugins: [{ id: 'mira.shop', version: '1.0.0' }] };

    it('only its builder, and only the builder who listed it first may change it', () => {
      expect(() => invoiced.registerSite(site, 'mira')).toThrow(expect.objectContaining({ code: 'GUILD_ERR_NOT_BUILDER' }));
      expect(invoiced.registerSite(site, 'ada').packages).toEqual([
        { id: 'journal', kind: 'theme', version: '1.0.0', listed: false },
        { id: 'mira.shop', kind: 'plugin', version: '1.0.0', listed: true },
      ]);
      expect(() => invoiced.registerSite({ ...site, builtBy: 'mira' }, 'mira')).toThrow(expect.objectContaining({ code: 'GUILD_ERR_SITE_CLAIMED' }));
      expect(() => invoiced.unregisterSite('bakery.example', 'mira')).toThrow(expect.objectContaining({ code: 'GUILD_ERR_SITE_CLAIMED' }));
      invoiced.unregisterSite('bakery.example', 'ada');
    });
  });
});
