export { createAdmin, type Admin, type AdminOptions } from './admin.ts';
export type { LoginLimits } from './api/gate.ts';
export type { NetworkSites } from './network-sites.ts';
export type { HostPackage, PackageChange, PackageUpdate, Purchase, SitePackages } from './site-packages.ts';
export { loginLinkPath } from './login-link.ts';
