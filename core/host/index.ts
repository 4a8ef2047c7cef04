export { createApp } from './app.ts';
export { INSTALL_DIR, hostDatabaseFile, resolveConfig, urlFor, type HostConfig } from './config.ts';
export { createHost, type Host, type HostOptions } from './host.ts';
export { SiteRefused, SiteRegistry, type SiteEntry, type SiteStatus } from './registry.ts';
export { createServices, openRegistry } from './services.ts';
export { createSite, type NewSite } from './create-site.ts';
export { ensureOwners, type FirstLogin } from './first-owners.ts';
