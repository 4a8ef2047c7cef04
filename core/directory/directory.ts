/**
 * One directory: its database (directory.db in its data folder, or the schema guild_directory of
 * the network's PostgreSQL database), its archives in the data folder, its own signing key (for
 * licences), and the operations its API and operator commands use. Hosts embed one; `guild
 * directory serve` runs one alone. Each instance keeps its own state; nothing is module-global.
 */
import { existsSync } from 'node:fs';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GuildError } from '../errors.ts';
import { readPackage } from '../packages/index.ts';
import { generateKeyPair, publicKeyOf } from '../signing/index.ts';
import { authenticate, type SignedRequest } from './auth.ts';
import { proofToken, verifyDomain } from './domain-proof.ts';
import { payouts, settlePayouts, type PayoutLine, type PayoutReport } from './ledger.ts';
import { InvoiceProvider, type PaymentProvider } from './payments.ts';
import { publish, versionFilesDir, writeFiles, type Published, type Upload } from './publish.ts';
import { buy, confirmPayment, getOrder, listOrders, purchaseOf, type Order, type Purchase } from './sales.ts';
import { currentVersion, packageRow, versionOf } from './store/packages.ts';
import { createInvitation, ensurePerson, registerKey, type Claim } from './store/people.ts';
import { checkRegistration, getSite, registerSite, unregisterSite, type RegisteredSite, type SiteRegistration } from './store/sites.ts';
import { openDirectorySql, type DirectorySql } from './store/sql.ts';

export interface DirectoryOptions {
  /** The data folder: directory.db (on SQLite), directory-key.pem, archives/, files/. */
  readonly dataDir: string;
  /** A postgres:// URL: the directory's tables are then in its schema guild_directory, and no directory.db is made. */
  readonly databaseUrl?: string;
  /** The network's fee in basis points (300 = 3%). */
  readonly feeBasisPoints?: number;
  /** The largest archive accepted, in bytes (default 20 MB). */
  readonly maxArchiveBytes?: number;
  /** The most an archive may unpack to, in bytes (default 50 MB). */
  readonly maxUnpackedBytes?: number;
  /** How many times its own size an archive may unpack to, past its first megabyte (default 100). */
  readonly maxCompressionRatio?: number;
  /** Reads (pages, API reads, screenshots, downloads) allowed per client address per minute (default 300). */
  readonly readsPerMinute?: number;
  readonly payments?: PaymentProvider;
  /**
   * Where domain proofs are fetched from instead of each domain's own address ("127.0.0.1:3000"),
   * with the domain as the Host: for tests, and for a directory beside the one host it lists.
   */
  readonly proofVia?: string;
  /** The clock, for tests of expiry and request windows. */
  readonly now?: () => Date;
}

export const DEFAULT_FEE_BASIS_POINTS = 300;
export const DEFAULT_MAX_ARCHIVE_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_COMPRESSION_RATIO = 100;
export const DEFAULT_READS_PER_MINUTE = 300;

export class Directory {
  readonly dataDir: string;
  readonly sql: DirectorySql;
  readonly publicKey: string;
  readonly feeBasisPoints: number;
  readonly maxArchiveBytes: number;
  readonly maxUnpackedBytes: number;
  readonly maxCompressionRatio: number;
  readonly readsPerMinute: number;
  readonly payments: PaymentProvider;
  readonly proofVia: string | undefined;
  readonly now: () => Date;
  readonly #privateKeyPem: string;

  private constructor(options: DirectoryOptions, sql: DirectorySql, privateKeyPem: string) {
    this.dataDir = options.dataDir;
    this.sql = sql;
    this.#privateKeyPem = privateKeyPem;
    this.publicKey = publicKeyOf(privateKeyPem);
    this.feeBasisPoints = options.feeBasisPoints ?? DEFAULT_FEE_BASIS_POINTS;
    this.maxArchiveBytes = options.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES;
    this.maxUnpackedBytes = options.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED_BYTES;
    this.maxCompressionRatio = options.maxCompressionRatio ?? DEFAULT_MAX_COMPRESSION_RATIO;
    this.readsPerMinute = options.readsPerMinute ?? DEFAULT_READS_PER_MINUTE;
    this.payments = options.payments ?? new InvoiceProvider();
    this.proofVia = options.proofVia;
    this.now = options.now ?? (() => new Date());
  }

  /** Opens (creating on first use) the directory in a data folder. */
  static async open(options: DirectoryOptions): Promise<Directory> {
    // Its database and signing key are readable by the host's user alone, and so is their folder.
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const sql = await openDirectorySql(options);
    const directory = new Directory(options, sql, await directoryKey(options.dataDir));
    await directory.#extractMissingFiles();
    return directory;
  }

  get archivesDir(): string {
    return path.join(this.dataDir, 'archives');
  }

  /** Each version's screenshots, written once at publish (see publish.ts). */
  get filesDir(): string {
    return path.join(this.dataDir, 'files');
  }

  /** The handle that signed a request; throws GUILD_ERR_DIRECTORY_AUTH. */
  authenticate(request: SignedRequest, keys?: readonly string[]): string {
    return authenticate(this.sql, request, this.now().getTime(), keys);
  }

  /** True before anyone is in it: the moment a demo may seed it. */
  isEmpty(): boolean {
    return this.sql.get<{ count: number }>('SELECT COUNT(*) AS count FROM people')!.count === 0;
  }

  /** Adds a person, or fills in what is known of them. */
  addPerson(person: { handle: string; name?: string; bio?: string; url?: string }): void {
    ensurePerson(this.sql, person.handle, this.now().toISOString(), person);
  }

  /** The version a new install of a package gets. */
  latestVersion(id: string): string | undefined {
    return currentVersion(this.sql, id)?.version;
  }

  /** The operator's own registration of a key (the demo seed): no claim to check. */
  registerKey(input: { handle: string; publicKey: string; name?: string }): { created: boolean } {
    return registerKey(this.sql, { ...input, now: this.now().toISOString(), claim: { by: 'operator' } });
  }

  /**
   * A person registering their key over the API. A handle the directory already knows needs an
   * invitation code, or a site listed as built by it whose domain serves the handle proof.
   */
  async claimKey(input: { handle: string; publicKey: string; name?: string; invitation?: string; site?: string }): Promise<{ created: boolean }> {
    let claim: Claim = { by: 'nothing' };
    if (input.invitation) claim = { by: 'invitation', code: input.invitation };
    else if (input.site) {
      const site = getSite(this.sql, input.site);
      if (site?.builtBy !== input.handle) throw new GuildError('GUILD_ERR_HANDLE_UNCLAIMED', input.handle);
      await verifyDomain(input.site, this.handleProof(input.site, input.handle, input.publicKey), this.proofVia);
      claim = { by: 'site', domain: input.site };
    }
    return registerKey(this.sql, { handle: input.handle, publicKey: input.publicKey, ...(input.name ? { name: input.name } : {}), now: this.now().toISOString(), claim });
  }

  /** The token a domain serves to prove that whoever controls it lists it as `handle`'s site. */
  siteProof(domain: string, handle: string): string {
    return proofToken(this.#privateKeyPem, 'site', domain, handle);
  }

  /** The token a site's domain serves to vouch for `publicKey` as the key of its builder `handle`. */
  handleProof(domain: string, handle: string, publicKey: string): string {
    return proofToken(this.#privateKeyPem, 'handle', domain, handle, publicKey);
  }

  /** A one-time code for `handle`'s owner to claim it with their first key. */
  invite(handle: string, days = 14): { code: string; expires: string } {
    return createInvitation(this.sql, handle, this.now(), days);
  }

  publish(upload: Upload): Promise<Published> {
    const limits = { maxArchiveBytes: this.maxArchiveBytes, maxUnpackedBytes: this.maxUnpackedBytes, maxCompressionRatio: this.maxCompressionRatio };
    return publish({ db: this.sql, archivesDir: this.archivesDir, filesDir: this.filesDir, ...limits, now: this.now }, upload);
  }

  /** Hides a version from new installs; it stays downloadable for sites that have it. */
  yank(handle: string, id: string, version: string, reason: string): void {
    const owner = packageRow(this.sql, id);
    if (!owner || !versionOf(this.sql, id, version)) throw new GuildError('GUILD_ERR_DIRECTORY_NOT_FOUND', `${id} ${version}`);
    if (owner.owner !== handle) throw new GuildError('GUILD_ERR_PUBLISH_NOT_OWNER', id, owner.owner, handle);
    this.sql.run('UPDATE versions SET yanked_at = COALESCE(yanked_at, @now), yank_reason = @reason WHERE package_id = @id AND version = @version', {
      now: this.now().toISOString(),
      reason: reason || null,
      id,
      version,
    });
  }

  /** The path of a version's archive on disk. */
  archiveFile(id: string, version: string): string | undefined {
    const row = versionOf(this.sql, id, version);
    return row ? path.join(this.archivesDir, row.archive) : undefined;
  }

  /** The path of a screenshot a version lists, on disk; undefined for any other name. */
  screenshotFile(id: string, version: string, name: string): string | undefined {
    const row = versionOf(this.sql, id, version);
    return row?.screenshots.includes(name) ? path.join(versionFilesDir(this.filesDir, id, version), name) : undefined;
  }

  /** Lists a site without asking its domain: for the operator's own seed. */
  registerSite(site: SiteRegistration, signer: string): RegisteredSite {
    return registerSite(this.sql, site, signer, this.now().toISOString());
  }

  /** Lists a site once its domain serves the site proof for `signer` (see domain-proof.ts). */
  async registerProvenSite(site: SiteRegistration, signer: string): Promise<RegisteredSite> {
    checkRegistration(site, signer);
    await verifyDomain(site.domain, this.siteProof(site.domain, signer), this.proofVia);
    return this.registerSite(site, signer);
  }

  unregisterSite(domain: string, signer: string): void {
    unregisterSite(this.sql, domain, signer);
  }

  buy(input: { buyer: string; packageId: string; domain: string; seats?: number }): Promise<Purchase> {
    return buy(this.#sales(), input);
  }

  /** Records that an order's money arrived: issues its licence and writes the sale to the ledger. */
  confirmPayment(orderId: string): Purchase {
    return confirmPayment(this.#sales(), orderId);
  }

  order(id: string): Order | undefined {
    return getOrder(this.sql, id);
  }

  orders(status?: 'pending' | 'paid'): Order[] {
    return listOrders(this.sql, status);
  }

  /** An order with its licence once paid. */
  purchase(orderId: string): Purchase | undefined {
    return purchaseOf(this.sql, orderId);
  }

  payouts(): PayoutReport {
    return payouts(this.sql);
  }

  settlePayouts(): PayoutLine[] {
    return settlePayouts(this.sql, this.now().toISOString());
  }

  close(): void {
    this.sql.close();
  }

  /** Versions published before screenshots were kept on disk get theirs written now, once. */
  async #extractMissingFiles(): Promise<void> {
    const rows = this.sql.all<{ id: string; version: string; archive: string; screenshots: string }>("SELECT package_id AS id, version, archive, screenshots FROM versions WHERE screenshots <> '[]'");
    for (const row of rows) {
      const dir = versionFilesDir(this.filesDir, row.id, row.version);
      if (existsSync(dir)) continue;
      const read = await readPackage(path.join(this.archivesDir, row.archive), { maxUnpackedBytes: this.maxUnpackedBytes }).catch(() => undefined);
      if (read) await writeFiles(dir, read, (JSON.parse(row.screenshots) as string[]).filter((name) => read.files.has(name)));
    }
  }

  #sales() {
    return { db: this.sql, payments: this.payments, feeBasisPoints: this.feeBasisPoints, privateKeyPem: this.#privateKeyPem, archivesDir: this.archivesDir, now: this.now };
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
