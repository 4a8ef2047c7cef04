/**
 * Buying a paid package for a site. An order is recorded first; once its payment is in, the
 * licence is issued (signed by the directory's key, naming package, buyer, sites, seats and
 * expiry) and the sale goes into the ledger, all in one transaction. A buyer who already holds a
 * licence with a free seat gets the new site added to it instead of paying again.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { GuildError } from '../errors.ts';
import { signLicence, type LicenceClaims } from '../signing/index.ts';
import { recordSale, splitSale } from './ledger.ts';
import type { PaymentProvider } from './payments.ts';
import { currentVersion, packageRow, versionOf } from './store/packages.ts';
import type { DirectorySql } from './store/sql.ts';

export interface Order {
  readonly id: string;
  readonly packageId: string;
  readonly version: string;
  readonly buyer: string;
  readonly seats: number;
  readonly sites: readonly string[];
  readonly unitAmount: number;
  readonly amount: number;
  readonly currency: string;
  readonly provider: string;
  readonly reference: string;
  readonly instructions: string;
  readonly status: 'pending' | 'paid';
  readonly createdAt: string;
  readonly paidAt: string | null;
}

export interface Licence {
  readonly id: string;
  readonly orderId: string;
  readonly claims: LicenceClaims;
  readonly token: string;
}

export interface SalesContext {
  readonly db: DirectorySql;
  readonly payments: PaymentProvider;
  readonly feeBasisPoints: number;
  readonly privateKeyPem: string;
  readonly archivesDir: string;
  readonly now: () => Date;
}

export interface Purchase {
  readonly order: Order;
  /** Present once the order is paid. */
  readonly licence: Licence | undefined;
}

export async function buy(context: SalesContext, input: { buyer: string; packageId: string; domain: string; seats?: number }): Promise<Purchase> {
  const { db } = context;
  const seats = input.seats ?? 1;
  if (!Number.isInteger(seats) || seats < 1 || seats > 1000) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', 'seats must be a whole number from 1 to 1000');
  if (!/^[a-z0-9.-]+$/.test(input.domain)) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', `"${input.domain}" is not a domain`);
  if (!packageRow(db, input.packageId)) throw new GuildError('GUILD_ERR_DIRECTORY_NOT_FOUND', `The package "${input.packageId}"`);
  const version = currentVersion(db, input.packageId)!;
  if (!version.price) throw new GuildError('GUILD_ERR_PACKAGE_FREE', input.packageId);
  // Money is only taken for what the buyer can then download.
  if (!readable(path.join(context.archivesDir, versionOf(db, input.packageId, version.version)!.archive))) throw new GuildError('GUILD_ERR_DIRECTORY_ARCHIVE_MISSING', input.packageId, version.version);

  const held = licencesOf(db, input.buyer, input.packageId).filter((licence) => !expired(licence, context.now()));
  const covering = held.find((licence) => licence.claims.sites.includes(input.domain));
  if (covering) return { order: getOrder(db, covering.orderId)!, licence: covering };
  const withSeat = held.find((licence) => licence.claims.sites.length < licence.claims.seats);
  if (withSeat) return { order: getOrder(db, withSeat.orderId)!, licence: addSite(context, withSeat, input.domain) };
  const pending = db.all<{ id: string }>("SELECT id FROM orders WHERE buyer = @buyer AND package_id = @packageId AND status = 'pending' ORDER BY created_at DESC", { buyer: input.buyer, packageId: input.packageId });
  const waiting = pending.map((row) => getOrder(db, row.id)!).find((order) => order.sites.includes(input.domain));
  if (waiting) return { order: waiting, licence: undefined };

  const createdAt = context.now().toISOString();
  const id = `ord_${randomBytes(6).toString('hex')}`;
  const amount = version.price.amount * seats;
  const started = await context.payments.begin({ id, packageId: input.packageId, buyer: input.buyer, seats, amount, currency: version.price.currency, createdAt });
  db.run(
    `INSERT INTO orders (id, package_id, version, buyer, seats, sites, unit_amount, amount, currency, provider, reference, instructions, status, created_at)
     VALUES (@id, @packageId, @version, @buyer, @seats, @sites, @unitAmount, @amount, @currency, @provider, @reference, @instructions, 'pending', @createdAt)`,
    {
      id,
      packageId: input.packageId,
      version: version.version,
      buyer: input.buyer,
      seats,
      sites: JSON.stringify([input.domain]),
      unitAmount: version.price.amount,
      amount,
      currency: version.price.currency,
      provider: context.payments.id,
      reference: started.reference,
      instructions: started.instructions,
      createdAt,
    },
  );
  if (started.status === 'paid') return confirmPayment(context, id);
  return { order: getOrder(db, id)!, licence: undefined };
}

/** Marks an order paid: issues its licence and records the sale, once; a second call changes nothing. */
export function confirmPayment(context: SalesContext, orderId: string): Purchase {
  const { db } = context;
  return db.transaction(() => {
    const order = getOrder(db, orderId);
    if (!order) throw new GuildError('GUILD_ERR_DIRECTORY_NOT_FOUND', `The order ${orderId}`);
    if (order.status === 'paid') return purchaseOf(db, orderId)!;
    const now = context.now();
    db.run("UPDATE orders SET status = 'paid', paid_at = @now WHERE id = @orderId", { now: now.toISOString(), orderId });
    const months = versionOf(db, order.packageId, order.version)?.price?.months ?? null;
    const expires = months ? addMonths(now, months).toISOString() : null;
    const claims: LicenceClaims = { id: `lic_${randomBytes(6).toString('hex')}`, package: order.packageId, buyer: order.buyer, sites: order.sites, seats: order.seats, issued: now.toISOString(), expires };
    const token = signLicence(claims, context.privateKeyPem);
    db.run(
      `INSERT INTO licences (id, order_id, package_id, buyer, sites, seats, issued_at, expires_at, token)
       VALUES (@id, @orderId, @packageId, @buyer, @sites, @seats, @issued, @expires, @token)`,
      { id: claims.id, orderId, packageId: order.packageId, buyer: order.buyer, sites: JSON.stringify(claims.sites), seats: claims.seats, issued: claims.issued, expires, token },
    );
    const author = packageRow(db, order.packageId)!.owner;
    recordSale(db, { orderId, author, currency: order.currency, split: splitSale(order.amount, context.feeBasisPoints), now: now.toISOString() });
    return purchaseOf(db, orderId)!;
  });
}

/** Adds a site to a licence with a free seat, re-signing its token. */
function addSite(context: SalesContext, licence: Licence, domain: string): Licence {
  const claims: LicenceClaims = { ...licence.claims, sites: [...licence.claims.sites, domain] };
  const token = signLicence(claims, context.privateKeyPem);
  context.db.run('UPDATE licences SET sites = @sites, token = @token WHERE id = @id', { sites: JSON.stringify(claims.sites), token, id: licence.id });
  return { ...licence, claims, token };
}

interface OrderRow {
  id: string;
  package_id: string;
  version: string;
  buyer: string;
  seats: number;
  sites: string;
  unit_amount: number;
  amount: number;
  currency: string;
  provider: string;
  reference: string;
  instructions: string;
  status: 'pending' | 'paid';
  created_at: string;
  paid_at: string | null;
}

export function getOrder(db: DirectorySql, id: string): Order | undefined {
  const row = db.get<OrderRow>('SELECT * FROM orders WHERE id = @id', { id });
  if (!row) return undefined;
  return {
    id: row.id,
    packageId: row.package_id,
    version: row.version,
    buyer: row.buyer,
    seats: row.seats,
    sites: JSON.parse(row.sites) as string[],
    unitAmount: row.unit_amount,
    amount: row.amount,
    currency: row.currency,
    provider: row.provider,
    reference: row.reference,
    instructions: row.instructions,
    status: row.status,
    createdAt: row.created_at,
    paidAt: row.paid_at,
  };
}

export function listOrders(db: DirectorySql, status?: 'pending' | 'paid'): Order[] {
  const rows = db.all<{ id: string }>(`SELECT id FROM orders ${status ? 'WHERE status = @status' : ''} ORDER BY created_at, id`, status ? { status } : {});
  return rows.map((row) => getOrder(db, row.id)!);
}

interface LicenceRow {
  id: string;
  order_id: string;
  token: string;
  package_id: string;
  buyer: string;
  sites: string;
  seats: number;
  issued_at: string;
  expires_at: string | null;
}

function licence(row: LicenceRow): Licence {
  return {
    id: row.id,
    orderId: row.order_id,
    token: row.token,
    claims: { id: row.id, package: row.package_id, buyer: row.buyer, sites: JSON.parse(row.sites) as string[], seats: row.seats, issued: row.issued_at, expires: row.expires_at },
  };
}

/** An order and, once it is paid, its licence. */
export function purchaseOf(db: DirectorySql, orderId: string): Purchase | undefined {
  const order = getOrder(db, orderId);
  if (!order) return undefined;
  const row = db.get<LicenceRow>('SELECT * FROM licences WHERE order_id = @orderId', { orderId });
  return { order, licence: row ? licence(row) : undefined };
}

export function licencesOf(db: DirectorySql, buyer: string, packageId?: string): Licence[] {
  const rows = db.all<LicenceRow>(`SELECT * FROM licences WHERE buyer = @buyer ${packageId ? 'AND package_id = @packageId' : ''} ORDER BY issued_at DESC, id`, { buyer, packageId: packageId ?? null });
  return rows.map(licence);
}

function readable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function expired(licence: Licence, now: Date): boolean {
  return licence.claims.expires !== null && Date.parse(licence.claims.expires) <= now.getTime();
}

function addMonths(date: Date, months: number): Date {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}
