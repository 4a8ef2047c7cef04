export { DirectoryClient, DirectoryRequestError, type DirectoryInfo } from './client.ts';
export { DEFAULT_FEE_BASIS_POINTS, DEFAULT_MAX_ARCHIVE_BYTES, Directory, type DirectoryOptions } from './directory.ts';
export { createDirectoryApp } from './http/app.ts';
export { formatMoney, splitSale, type PayoutLine, type PayoutReport, type Split } from './ledger.ts';
export { InvoiceProvider, type OrderToPay, type PaymentProvider, type PaymentStart } from './payments.ts';
export type { PackagePage, PersonPage } from './queries.ts';
export type { Licence, Order, Purchase } from './sales.ts';
export type { PackageKind, PackageSummary, Price, VersionInfo } from './store/packages.ts';
export type { RegisteredSite, SiteRegistration } from './store/sites.ts';
