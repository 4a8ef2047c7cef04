/**
 * Buying a paid package for a site and installing it, as `guild buy` and the admin's Buy do.
 * The directory issues the licence only once the order is paid; the install comes after. When
 * the install fails, the paid order and its licence stay the buyer's: buying again returns the
 * same licence (no second charge) and retries the install, so a purchase is only reported
 * complete once the site really has the package.
 */
import type { DirectoryClient, Licence, Order } from '../directory/index.ts';
import { describeError, GuildError } from '../errors.ts';
import type { StoredKey } from '../signing/index.ts';
import { siteDomains } from '../site/index.ts';
import { installPackage, type InstallContext, type Installed } from './install.ts';

export interface BuyRequest {
  readonly slug: string;
  readonly packageId: string;
  readonly range?: string;
  readonly seats?: number;
  /** Who pays: a key this machine holds. */
  readonly key: Pick<StoredKey, 'handle' | 'privateKeyPem'>;
}

export type Bought = { readonly order: Order; readonly licence: Licence; readonly installed: Installed } | { readonly order: Order; readonly licence: undefined };

/** Orders (or finds the buyer's existing licence), then installs with it; a pending order is returned as it is. */
export async function buyAndInstall(context: InstallContext & { client: DirectoryClient }, request: BuyRequest): Promise<Bought> {
  const manifest = context.registry.get(request.slug)?.manifest;
  if (!manifest) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', request.slug, context.registry.sitesDir);
  const domain = siteDomains(manifest)[0]!;
  const { order, licence } = await context.client.buy(request.key, { package: request.packageId, site: domain, ...(request.seats ? { seats: request.seats } : {}) });
  if (!licence) return { order, licence: undefined };
  try {
    const installed = await installPackage(context, { slug: request.slug, packageId: request.packageId, ...(request.range ? { range: request.range } : {}), licence: licence.token });
    return { order, licence, installed };
  } catch (error) {
    throw new GuildError('GUILD_ERR_INSTALL_AFTER_PURCHASE', request.packageId, licence.id, order.id, describeError(error), request.slug);
  }
}
