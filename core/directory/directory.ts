/**
 * One directory: its database and archives in a data folder, its own signing key (for
 * licences), and the operations its API and operator commands use. Hosts embed one; `guild
 * directory serve` runs one alone. Each instance keeps its own state; nothing is module-global.
 */
import { existsSync } from 'node:fs';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { migrate, openDatabase, type SqliteDatabase } from '../content/index.ts';
import { GuildError } from '../errors.ts';
import { generateKeyPair, publicKeyOf } from '../signing/index.ts';
import { authenticate, type SignedRequest } from './auth.ts';
import { payouts, settlePayouts, type PayoutLine, type PayoutReport } from './ledger.ts';
import { InvoiceProvider, type PaymentProvider } from './payments.ts';
import { publish, type Published, type Upload } from './publish.ts';
import { buy, confirmPayment, getOrder, listOrders, purchaseOf, type Order, type Purchase } from './sales.ts';
import { directoryMigrations } from './store/migrations.ts';
import { currentVersion, packageRow, versionOf } from './store/packages.ts';
import { ensurePerson, registerKey } from './store/people.ts';
import { registerSite, unregisterSite, type RegisteredSite, type SiteRegistration } from './store/sites.ts';

export interface DirectoryOptions {
  /** The data folder: directory.db, directory-key.pem, archives/. */
  readonly dataDir: string;
  /** The network's fee in basis points (300 = 3%). */
  readonly feeBasisPoints?: number;
  /** The largest archive accepted, in bytes (default 20 MB). */
  readonly maxArchiveBytes?: number;
  readonly payments?: PaymentProvider;
  /** The clock, for tests of expiry and request windows. */
  readonly now?: () => Date;
}

export const DEFAULT_FEE_BASIS_POINTS = 300;
export const DEFAULT_MAX_ARCHIVE_BYTES = 20 * 1024 * 1024;

export class Directory {
  readonly dataDir: string;
  readonly db: SqliteDatabase;
  readonly publicKey: string;
  readonly feeBasisPoints: number;
  readonly maxArchiveBytes: number;
  readonly payments: PaymentProvider;
  readonly now: () => Date;
  readonly #privateKeyPem: string;

  private constructor(options: DirectoryOptions, db: SqliteDatabase, privateKeyPem: string) {
    this.dataDir = options.dataDir;
    this.db = db;
    this.#privateKeyPem = privateKeyPem;
    this.publicKey = publicKeyOf(privateKeyPem);
    this.feeBasisPoints = options.feeBasisPoints ?? DEFAULT_FEE_BASIS_POINTS;
    this.maxArchiveBytes = options.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES;
    this.payments = options.payments ?? new InvoiceProvider();
    this.now = options.now ?? (() => new Date());
  }

  /** Opens (creating on first use) the directory in a data folder. */
  static async open(options: DirectoryOptions): Promise<Directory> {
    // Its database and signing key are readable by the host's user alone, and so is their folder.
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const db = openDatabase(path.join(options.dataDir, 'directory.db'));
    migrate(db, 'directory', directoryMigrations);
    return new Directory(options, db, await directoryKey(options.dataDir));
  }

  get archivesDir(): string {
    return path.join(this.dataDir, 'archives');
  }

  /** The handle that signed a request; throws GUILD_ERR_DIRECTORY_AUTH. */
  authenticate(request: SignedRequest, keys?: readonly string[]): string {
    return authenticate(this.db, request, this.now().getTime(), keys);
  }

  /** True before anyone is in it: the moment a demo may seed it. */
  isEmpty(): boolean {
    return this.db.prepare('SELECT COUNT(*) FROM people').pluck().get() === 0;
  }

  /** Adds a person, or fills in what is known of them. */
  addPerson(person: { handle: string; name?: string; bio?: string; url?: string }): void {
    ensurePerson(this.db, person.handle, this.now().toISOString(), person);
  }

  /** The version a new install of a package gets. */
  latestVersion(id: string): string | undefined {
    return currentVersion(this.db, id)?.version;
  }

  registerKey(input: { handle: string; publicKey: string; name?: string }): { created: boolean } {
    return registerKey(this.db, { ...input, now: this.now().toISOString() });
  }

  publish(upload: Upload): Promise<Published> {
    return publish({ db: this.db, archivesDir: this.archivesDir, maxArchiveBytes: this.maxArchiveBytes, now: this.now }, upload);
  }

  /** Hides a version from new installs; it stays downloadable for sites that have it. */
  yank(handle: string, id: string, version: string, reason: string): void {
    const owner = packageRow(this.db, id);
    if (!owner || !versionOf(this.db, id, version)) throw new GuildError('GUILD_ERR_DIRECTORY_NOT_FOUND', `${id} ${version}`);
    if (owner.owner !== handle) throw new GuildError('GUILD_ERR_PUBLISH_NOT_OWNER', id, owner.owner, handle);
    this.db.prepare('UPDATE versions SET yanked_at = COALESCE(yanked_at, ?), yank_reason = ? WHERE package_id = ? AND version = ?').run(this.now().toISOString(), reason || null, id, version);
  }

  /** The path of a version's archive on disk. */
  archiveFile(id: string, version: string): string | undefined {
    const row = versionOf(this.db, id, version);
    return row ? path.join(this.archivesDir, row.archive) : undefined;
  }

  registerSite(site: SiteRegistration, signer: string): RegisteredSite {
    return registerSite(this.db, site, signer, this.now().toISOString());
  }

  unregisterSite(domain: string, signer: string): void {
    unregisterSite(this.db, domain, signer);
  }

  buy(input: { buyer: string; packageId: string; domain: string; seats?: number }): Promise<Purchase> {
    return buy(this.#sales(), input);
  }

  /** Records that an order's money arrived: issues its licence and writes the sale to the ledger. */
  confirmPayment(orderId: string): Purchase {
    return confirmPayment(this.#sales(), orderId);
  }

  order(id: string): Order | undefined {
    return getOrder(this.db, id);
  }

  orders(status?: 'pending' | 'paid'): Order[] {
    return listOrders(this.db, status);
  }

  /** An order with its licence once paid. */
  purchase(orderId: string): Purchase | undefined {
    return purchaseOf(this.db, orderId);
  }

  payouts(): PayoutReport {
    return payouts(this.db);
  }

  settlePayouts(): PayoutLine[] {
    return settlePayouts(this.db, this.now().toISOString());
  }

  close(): void {
    this.db.close();
  }

  #sales() {
    return { db: this.db, payments: this.payments, feeBasisPoints: this.feeBasisPoints, privateKeyPem: this.#privateKeyPem, now: this.now };
  }
}

/**
 * The directory's signing key, made on first start and kept readable by its owner alone. It is
 * linked into place, which fails if another process made one first: then that one is used.
 */
async function directoryKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'directory-key.pem');
  if (!existsSync(file)) {
    const staging = `${file}.${process.pid}.tmp`;
    await writeFile(staging, generateKeyPair().privateKeyPem, { mode: 0o600 });
    await link(staging, file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await rm(staging, { force: true });
  } else if ((await stat(file)).mode & 0o077) {
    await chmod(file, 0o600); // made by an earlier version, or copied in, with a looser mode
  }
  return readFile(file, 'utf8');
}
